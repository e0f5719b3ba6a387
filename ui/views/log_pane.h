// The log pane: messages of this session (newest first) followed by the workspace's audit log
// (who changed what, including undo and redo).
#pragma once

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
    struct Message {
        wxDateTime time;
        Severity severity;
        wxString text;
    };
    Workbench& m_workbench;
    wxListCtrl* m_list = nullptr;  // owned by this panel
    std::vector<Message> m_messages;
};

}  // namespace kk::ui
