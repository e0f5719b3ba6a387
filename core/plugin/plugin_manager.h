// Finds, checks and loads plugins, keeps what they registered, and reports the ones it
// refused with the reason. Used by the CLI, the server, the tests and the workbench alike.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/plugin/manifest.h"
#include "core/plugin/plugin_host.h"
#include "core/plugin/shared_library.h"

namespace kk::plugin {

enum class PluginState { Loaded, Refused };

/// One plugin folder that was looked at.
struct PluginRecord {
    std::string id;  ///< from the manifest; the folder name when the manifest is unreadable
    std::string folder;
    std::string name;
    std::string version;
    std::string apiVersion;  ///< as the manifest declares it, e.g. "1.0"
    std::string description;
    std::string library;    ///< absolute path of the headless library
    std::string uiLibrary;  ///< absolute path of the GUI part; empty when none. Never loaded here.
    std::vector<Capability> capabilities;
    std::vector<DataFileEntry> dataFiles;
    std::vector<ScriptPack> scriptPacks;  ///< absolute folders
    PluginState state = PluginState::Refused;
    Error reason;  ///< why it was refused
};

/// A contribution and the plugin it came from.
template <class T>
struct Contribution {
    std::string pluginId;
    T item;
};

/// Everything the loaded plugins registered.
struct Registry {
    std::vector<Contribution<ProgrammeType>> programmeTypes;
    std::vector<Contribution<ReferenceDataSet>> referenceData;
    std::vector<Contribution<Validator>> validators;
    std::vector<Contribution<Scorer>> scorers;
    std::vector<Contribution<IndicatorDef>> indicators;
    std::vector<Contribution<ReportDef>> reports;
    std::vector<Contribution<Importer>> importers;
    std::vector<Contribution<Exporter>> exporters;
    std::vector<Contribution<ScriptPack>> scriptPacks;
    std::vector<Contribution<Command>> commands;
    std::vector<Contribution<AllocationHook>> allocationHooks;
    std::vector<Contribution<std::vector<Migration>>> migrations;
    void append(Registry&& other);
};

class PluginManager {
  public:
    PluginManager();
    ~PluginManager();
    PluginManager(const PluginManager&) = delete;
    PluginManager& operator=(const PluginManager&) = delete;

    /// Where plugins are looked for, in order: the folders of $KK_PLUGIN_PATH (':'-separated;
    /// when set it replaces the rest), else the installed lib/koppelkans/plugins beside the
    /// executable, the build tree's plugins/ folder (developer builds, when the executable runs
    /// from the build tree), and the user's configDirectory()/plugins.
    static std::vector<std::string> defaultSearchPaths();

    /// Loads every plugin in `paths`: a folder with a plugin.json is one plugin; otherwise each
    /// of its sub-folders with a plugin.json is (in name order). Missing folders are skipped.
    void loadFrom(const std::vector<std::string>& paths);
    /// Checks and loads one plugin folder; the record says whether it loaded and why not.
    const PluginRecord& loadFolder(const std::string& folder);

    const std::vector<PluginRecord>& plugins() const { return m_plugins; }
    const PluginRecord* find(std::string_view id) const;
    /// The record of a loaded plugin, or an error saying it is unknown or refused (and why).
    Result<const PluginRecord*> loaded(std::string_view id) const;
    const Registry& registry() const { return m_registry; }
    /// Messages plugins logged while registering, prefixed with their id.
    const std::vector<std::string>& log() const { return m_log; }

    const Command* findCommand(std::string_view pluginId, std::string_view name) const;
    const ReportDef* findReport(std::string_view pluginId, std::string_view id) const;

    /// Applies the migrations of every loaded plugin (or only `pluginId`) to the workspace,
    /// each in its own namespace.
    Status prepareWorkspace(Workspace& ws, std::string_view pluginId = {}) const;
    /// Loads one reference data set of a plugin into the workspace as one ChangeSet.
    Result<ReferenceLoadSummary> loadReferenceData(Workspace& ws, std::string_view pluginId,
                                                   std::string_view setId,
                                                   const Options& options = {}) const;
    /// Every registered validator over the workspace, then the check of the projects'
    /// programme forms against the registered programme types (checkProgrammeForms).
    std::vector<Finding> validate(Workspace& ws) const;
    /// The allocation problem of a project (workspaceProblem()) after every plugin's hooks.
    Result<alloc::Problem> allocationProblem(Workspace& ws, ProjectId project,
                                             bool includeCandidates = false) const;
    /// Runs every plugin's allocation hook over a problem built elsewhere (the CLI's
    /// `allocate` builds its problems with alloc::WorkspaceProblems).
    Status adjustAllocationProblem(Workspace& ws, alloc::Problem& problem) const;

  private:
    PluginRecord& refuse(PluginRecord& record, Error reason);
    std::optional<JsonSchema> m_schema;
    Error m_schemaError;
    std::vector<PluginRecord> m_plugins;
    // Libraries are declared before the registry so the registry (whose std::functions point
    // into them) is destroyed first.
    std::vector<SharedLibrary> m_libraries;
    Registry m_registry;
    std::vector<std::string> m_log;
};

}  // namespace kk::plugin
