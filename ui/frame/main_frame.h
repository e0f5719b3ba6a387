// The main window: lays out the panes with wxAUI (navigator, document tabs, problems, log),
// builds menus and toolbar from menus.json through the command registry, and forwards every
// menu, tool and shortcut to a command. No business logic and no model access beyond reading
// counts for the status bar: the views and commands do the work.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <wx/aui/framemanager.h>
#include <wx/frame.h>
#include <wx/toolbar.h>

#include "core/base/signal.h"
#include "core/model/validation.h"
#include "core/store/changeset.h"

namespace kk::ui {

class Workbench;
class Navigator;
class DocumentArea;
class ProblemsPane;
class LogPane;
class ServeController;
class BackgroundJob;

class MainFrame : public wxFrame {
  public:
    explicit MainFrame(Workbench& workbench);
    ~MainFrame() override;

    Workbench& workbench() { return m_workbench; }
    Navigator& navigator() { return *m_navigator; }
    DocumentArea& documents() { return *m_documents; }
    ProblemsPane& problems() { return *m_problems; }
    LogPane& logPane() { return *m_log; }
    wxAuiManager& aui() { return m_aui; }
    /// The local API server of the open workspace (Extra › Serveren).
    ServeController& serve() { return *m_serve; }

    /// Rebuilds menu bar, toolbar and accelerators from menus.json in the current language.
    void rebuildMenus();
    /// Refreshes command labels (undo/redo name their step) and enabled states.
    void refreshCommands();
    /// Shows, hides (toggle) or focuses a pane: "navigator", "problems", "log".
    void togglePane(const std::string& name);
    void showPane(const std::string& name);
    void setStatusMessage(const wxString& text);
    /// Asks about unsaved documents; false when the user cancels.
    bool confirmDiscardChanges();

  private:
    void layoutPanes();
    void retranslate();
    /// Another workspace (or none): readLists(), then showWorkspace().
    void onWorkspaceSwapped();
    /// The navigator's list, then the problems, read in the background one after the other.
    void readLists();
    /// Documents closed, log, commands and title for the current workspace.
    void showWorkspace();
    void onWorkspaceChanged(const ChangeNotice& notice);
    void updateTitleAndStatus();
    /// Counts the workspace's objects on a worker thread, then shows them in the status bar.
    void countInBackground();
    void showCounts();

    Workbench& m_workbench;
    wxAuiManager m_aui;
    // Panes and toolbar are children of this frame, which owns and destroys them.
    Navigator* m_navigator = nullptr;
    DocumentArea* m_documents = nullptr;
    ProblemsPane* m_problems = nullptr;
    LogPane* m_log = nullptr;
    wxToolBar* m_toolbar = nullptr;
    wxMenu* m_recentMenu = nullptr;  ///< inside the menu bar, which owns it
    std::unique_ptr<ServeController> m_serve;
    std::unique_ptr<BackgroundJob> m_countJob;
    /// Projects, cost items and programmes of the open workspace, once counted.
    std::optional<std::array<std::int64_t, 3>> m_counts;

    Signal<>::Connection m_swapped;
    Signal<>::Connection m_language;
    Signal<Severity, const wxString&>::Connection m_messages;
    Signal<const ChangeNotice&>::Connection m_changed;
};

}  // namespace kk::ui
