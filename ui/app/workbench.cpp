// The GUI's application context: workspace lifetime, labels, menus and recent files.
#include "ui/app/workbench.h"

#include "core/plugin/plugin_manager.h"

#include <cstdlib>
#include <filesystem>
#include <utility>

#include <wx/app.h>
#include <wx/config.h>
#include <wx/timer.h>
#include <wx/utils.h>

namespace kk::ui {

std::string Workbench::findDataDir() {
    if (const char* env = std::getenv("KK_DATA_DIR"); env && *env)
        return env;
    for (const char* candidate : {KK_INSTALLED_DATA_DIR, KK_SOURCE_DATA_DIR})
        if (std::filesystem::exists(std::filesystem::path(candidate) / "ui" / "menus.json"))
            return candidate;
    return KK_SOURCE_DATA_DIR;
}

namespace {
constexpr int kRecentFilesDelayMs = 1000;
}

class Workbench::RecentTimer : public wxTimer {
  public:
    explicit RecentTimer(Workbench& workbench) : m_workbench(workbench) {}
    void Notify() override { m_workbench.flushRecentFiles(); }

  private:
    Workbench& m_workbench;
};

Workbench::Workbench()
    : m_recent(std::make_unique<wxFileHistory>(9)),
      m_plugins(std::make_unique<plugin::PluginManager>()),
      m_recentTimer(std::make_unique<RecentTimer>(*this)),
      // wx's own main-thread queue; CallAfter is safe to call from any thread.
      m_mainQueue([](std::function<void()> task) {
          if (wxTheApp)
              wxTheApp->CallAfter(std::move(task));
      }) {}

Workbench::~Workbench() {
    flushRecentFiles();  // a workspace opened and closed within the delay is still recorded
}

Status Workbench::init(const std::string& dataDir) {
    m_dataDir = dataDir;
    wxConfigBase* config = wxConfigBase::Get();
    std::string language = "nl";
    if (config) {
        language = config->Read("ui/language", "nl").ToStdString();
        config->SetPath("/RecentFiles");
        m_recent->Load(*config);
        config->SetPath("/");
    }
    if (auto s = m_catalog.load(m_dataDir + "/i18n", language); !s) {
        // A stale language in the configuration must not keep the program from starting.
        if (language == "nl")
            return s;
        if (auto fallback = m_catalog.load(m_dataDir + "/i18n", "nl"); !fallback)
            return fallback;
    }
    // A refused plugin does not stop the workbench: the log pane says which and why.
    m_plugins->loadFrom(plugin::PluginManager::defaultSearchPaths());
    for (const auto& record : m_plugins->plugins())
        if (record.state == plugin::PluginState::Refused)
            report(Severity::Warning,
                   tr("log.plugin_refused", {wxString::FromUTF8(record.id),
                                             wxString::FromUTF8(record.reason.message())}));
    wxString loaded;
    for (const auto& record : m_plugins->plugins())
        if (record.state == plugin::PluginState::Loaded)
            loaded +=
                (loaded.empty() ? "" : ", ") + wxString::FromUTF8(record.id + " " + record.version);
    report(Severity::Info, tr("log.plugins_loaded", {loaded.empty() ? wxString("—") : loaded}));
    auto spec = loadMenuSpec(m_dataDir + "/ui/menus.json");
    if (!spec)
        return spec.error();
    m_menuSpec = std::move(spec).value();
    return {};
}

Status Workbench::openWorkspace(const std::string& path) {
    auto opened = Workspace::open(path);
    if (!opened)
        return opened.error();
    if (m_workspace)
        workspaceClosing.emit();
    m_workspace = std::move(opened).value();
    // The plugins' own tables, before any of their reports, checks or hooks reads them. A
    // failure (a read-only file, say) leaves the workspace usable without those plugins.
    if (auto prepared = m_plugins->prepareWorkspace(*m_workspace); !prepared)
        report(Severity::Warning, describe(prepared.error()));
    // The audit trail names the person at the keyboard.
    if (const wxString user = wxGetUserId(); !user.empty())
        m_workspace->setUser(user.ToStdString(wxConvUTF8));
    // The recent files are updated once the window has settled: on GTK, adding a file also
    // tells the desktop's recent-files manager, whose first use costs ~14 ms of the main
    // thread, all of it on the way to the first paint with the navigator filled.
    m_pendingRecent.push_back(path);
    m_recentTimer->StartOnce(kRecentFilesDelayMs);
    workspaceSwapped.emit();
    return {};
}

void Workbench::flushRecentFiles() {
    m_recentTimer->Stop();
    if (m_pendingRecent.empty())
        return;
    for (const auto& path : m_pendingRecent)
        m_recent->AddFileToHistory(wxString::FromUTF8(path));
    m_pendingRecent.clear();
    if (wxConfigBase* config = wxConfigBase::Get()) {
        config->SetPath("/RecentFiles");
        m_recent->Save(*config);
        config->SetPath("/");
        config->Flush();
    }
}

Status Workbench::createWorkspace(const std::string& path) {
    {
        auto created = Workspace::create(path);
        if (!created)
            return created.error();
    }
    return openWorkspace(path);
}

void Workbench::closeWorkspace() {
    if (!m_workspace)
        return;
    workspaceClosing.emit();
    m_workspace.reset();
    workspaceSwapped.emit();
}

Status Workbench::setLanguage(const std::string& code) {
    if (auto s = m_catalog.load(m_dataDir + "/i18n", code); !s)
        return s;
    if (wxConfigBase* config = wxConfigBase::Get()) {
        config->Write("ui/language", wxString(code));
        config->Flush();
    }
    languageChanged.emit();
    return {};
}

void Workbench::report(Severity severity, const wxString& text) {
    if (message.size() == 0) {  // no window yet: kept for the first one
        m_unheard.push_back({severity, text});
        return;
    }
    message.emit(severity, text);
}

std::vector<std::pair<Severity, wxString>> Workbench::takeUnheardMessages() {
    return std::exchange(m_unheard, {});
}

void Workbench::reportError(const Error& error) {
    report(Severity::Error, describe(error));
}

wxString describe(const Error& error) {
    wxString text = wxString::FromUTF8(error.what);
    if (!error.where.empty())
        text = wxString::FromUTF8(error.where) + ": " + text;
    if (!error.hint.empty())
        text += " (" + wxString::FromUTF8(error.hint) + ")";
    return text;
}

}  // namespace kk::ui
