// The log pane: messages of this session (newest first) followed by the workspace's audit log
// (who changed what, including undo and redo).
#pragma once

#include <string>
#include <vector>

#include <wx/datetime.h>
#include <wx/listctrl.h>
#include <wx/panel.h>

#include "core/model/validation.h"

namespace kk::ui {

class Workbench;

class LogPane : public wxPanel {
  public:
    LogPane(wxWindow* parent, Workbench& workbench);

    void addMessage(Severity severity, const wxString& text);
    /// Re-reads the audit log.
    void refresh();
    void retranslate();
    wxListCtrl& list() { return *m_list; }

  private:
    void addColumns();
    /// Fills the list from the messages and the audit entries last read.
    void show();
    struct AuditLine {
        wxDateTime time;
        wxString who, what;
        std::string state;
    };
    struct Message {
        wxDateTime time;
        Severity severity;
        wxString text;
    };
    Workbench& m_workbench;
    wxListCtrl* m_list = nullptr;  // owned by this panel
    std::vector<Message> m_messages;
    std::vector<AuditLine> m_audit;  ///< the newest audit entries, as last read
};

}  // namespace kk::ui
