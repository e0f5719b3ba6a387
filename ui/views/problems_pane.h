// The problems pane: validation findings over the whole workspace. Double-click (or Enter)
// opens the object the finding is about.
#pragma once

#include <functional>
#include <vector>

#include <wx/listctrl.h>
#include <wx/panel.h>

#include "core/model/validation.h"
#include "ui/app/background_job.h"

namespace kk::ui {

class Workbench;

class ProblemsPane : public wxPanel {
  public:
    ProblemsPane(wxWindow* parent, Workbench& workbench);

    /// Runs the checks again (after every change and on the "check workspace" command) on a
    /// background thread with its own read-only connection: a large workspace (millions of
    /// expenses) must not freeze the window. `then` runs on the main thread when the list shows
    /// the new findings.
    void refresh(std::function<void()> then = {});
    bool checking() const { return m_job.running(); }
    void retranslate();
    const std::vector<Finding>& findings() const { return m_findings; }
    /// Opens the finding at a row, as a double-click does.
    void activate(long row);
    wxListCtrl& list() { return *m_list; }

    std::function<void(const std::string&, std::int64_t)> onOpen;

  private:
    void show();

    Workbench& m_workbench;
    wxListCtrl* m_list = nullptr;  // owned by this panel
    std::vector<Finding> m_findings;
    BackgroundJob m_job;
};

}  // namespace kk::ui
