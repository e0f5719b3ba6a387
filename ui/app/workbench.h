// Workbench: the application context of the GUI, passed explicitly (no singletons). It owns the
// open workspace, the label catalog, the command registry, the menu definition and the recent
// files list. The main frame and the views reach the model only through it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <wx/filehistory.h>
#include <wx/string.h>

#include "core/base/error.h"
#include "core/base/signal.h"
#include "core/model/validation.h"
#include "core/store/workspace.h"
#include "ui/app/background_job.h"
#include "ui/app/prompts.h"
#include "ui/commands/command_registry.h"
#include "ui/commands/menu_spec.h"
#include "ui/i18n/catalog.h"

namespace kk::plugin {
class PluginManager;
}

namespace kk::ui {

class Workbench {
  public:
    /// The data folder: $KK_DATA_DIR, else the installed share folder, else the source tree.
    static std::string findDataDir();

    Workbench();
    ~Workbench();
    Workbench(const Workbench&) = delete;
    Workbench& operator=(const Workbench&) = delete;

    /// Loads labels (language from wxConfig "ui/language", default nl) and menus.json.
    Status init(const std::string& dataDir = findDataDir());

    /// Opens a workspace (closing the current one) and adds it to the recent files.
    Status openWorkspace(const std::string& path);
    /// Creates a new, empty workspace file and opens it.
    Status createWorkspace(const std::string& path);
    void closeWorkspace();
    Workspace* workspace() { return m_workspace.get(); }

    /// Switches labels to another language and remembers the choice in wxConfig.
    Status setLanguage(const std::string& code);

    /// Shows a message in the log pane and the status bar (errors also keep their hint).
    void report(Severity severity, const wxString& text);
    void reportError(const Error& error);
    /// What was reported while no window listened (plugin refusals at start-up, a plugin
    /// migration that failed on the first open); the main frame shows them in its log.
    std::vector<std::pair<Severity, wxString>> takeUnheardMessages();

    const Catalog& catalog() const { return m_catalog; }
    wxString tr(const std::string& key) const { return m_catalog.tr(key); }
    wxString tr(const std::string& key, const std::vector<wxString>& args) const {
        return m_catalog.tr(key, args);
    }
    CommandRegistry& commands() { return m_commands; }
    const MenuSpec& menuSpec() const { return m_menuSpec; }
    wxFileHistory& recentFiles() { return *m_recent; }
    const std::string& dataDir() const { return m_dataDir; }
    /// The programme plugins (loaded by init() from PluginManager::defaultSearchPaths()):
    /// their reports, checks, programme types, commands and allocation hooks.
    plugin::PluginManager& plugins() { return *m_plugins; }

    /// The questions asked of the user (tests replace them; see prompts.h).
    Prompts& prompts() { return m_prompts; }
    /// Posts a task to the main thread (wx CallAfter by default): background jobs and the API
    /// server hand their results and model work to it.
    const MainThreadQueue& mainQueue() const { return m_mainQueue; }
    void setMainQueue(MainThreadQueue queue) { m_mainQueue = std::move(queue); }

    /// A workspace was opened or closed (views reload everything).
    Signal<> workspaceSwapped;
    /// The open workspace is about to be closed (or replaced): last chance to stop using it.
    Signal<> workspaceClosing;
    /// An object was selected in one place (navigator, map): (source, entity, id). Others
    /// follow the selection; the source ignores its own emission.
    Signal<const void*, const std::string&, std::int64_t> objectSelected;
    /// Labels changed language (menus and views rebuild their texts).
    Signal<> languageChanged;
    /// A message for the user: severity and text.
    Signal<Severity, const wxString&> message;

    /// Adds the workspaces opened so far to the recent files now rather than when the window
    /// has settled (see openWorkspace).
    void flushRecentFiles();

  private:
    class RecentTimer;

    std::string m_dataDir;
    Catalog m_catalog;
    CommandRegistry m_commands;
    MenuSpec m_menuSpec;
    std::unique_ptr<wxFileHistory> m_recent;
    std::unique_ptr<plugin::PluginManager> m_plugins;
    std::unique_ptr<Workspace> m_workspace;
    Prompts m_prompts = defaultPrompts();
    MainThreadQueue m_mainQueue;
    std::vector<std::pair<Severity, wxString>> m_unheard;  ///< reported before any window
    std::vector<std::string> m_pendingRecent;              ///< opened, not yet in the recent files
    std::unique_ptr<RecentTimer> m_recentTimer;
};

/// "what — where. hint" in the user's words, for message boxes and the log.
wxString describe(const Error& error);

}  // namespace kk::ui
