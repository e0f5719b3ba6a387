// The problems pane: validation findings over the whole workspace. Double-click (or Enter)
// opens the object the finding is about.
#pragma once

#include <functional>
#include <vector>

#include <wx/listctrl.h>
#include <wx/panel.h>

#include "core/model/validation.h"

namespace kk::ui {

class Workbench;

class ProblemsPane : public wxPanel {
  public:
    ProblemsPane(wxWindow* parent, Workbench& workbench);

    /// Runs the checks again (after every change and on the "check workspace" command).
    void refresh();
    void retranslate();
    const std::vector<Finding>& findings() const { return m_findings; }
    /// Opens the finding at a row, as a double-click does.
    void activate(long row);
    wxListCtrl& list() { return *m_list; }

    std::function<void(const std::string&, std::int64_t)> onOpen;

  private:
    Workbench& m_workbench;
    wxListCtrl* m_list = nullptr;  // owned by this panel
    std::vector<Finding> m_findings;
};

}  // namespace kk::ui
