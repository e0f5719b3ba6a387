// Plugin discovery, the load sequence (manifest, schema, API gate, dlopen, entry, register)
// and the host object plugins register through.
#include "core/plugin/plugin_manager.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "core/base/paths.h"
#include "core/plugin/programme_form_check.h"
#include "core/plugin/workspace_problem.h"

#ifndef KK_PLUGIN_BUILD_DIR
#define KK_PLUGIN_BUILD_DIR ""
#endif
#ifndef KK_PLUGIN_BINARY_ROOT
#define KK_PLUGIN_BINARY_ROOT ""
#endif
#ifndef KK_PLUGIN_INSTALL_SUBDIR
#define KK_PLUGIN_INSTALL_SUBDIR "lib/koppelkans/plugins"
#endif

namespace kk::plugin {
namespace fs = std::filesystem;

namespace {

template <class T>
void moveAll(std::vector<T>& into, std::vector<T>& from) {
    for (auto& x : from)
        into.push_back(std::move(x));
    from.clear();
}

/// The PluginHost one plugin registers through: collects its contributions into a staging
/// registry and records the first refused registration.
class RegistrationHost final : public PluginHost {
  public:
    RegistrationHost(const Manifest& manifest, PluginContext context, std::vector<std::string>& log)
        : m_manifest(manifest), m_context(std::move(context)), m_log(log) {}

    const PluginContext& context() const override { return m_context; }

    void addProgrammeType(ProgrammeType type) override {
        if (!allowed(Capability::ProgrammeTypes, "programme type '" + type.id + "'"))
            return;
        if (type.id.rfind(m_context.id + ".", 0) != 0)
            return refuse("the programme type id '" + type.id + "' does not start with '" +
                          m_context.id + ".'");
        if (type.statuses.empty())
            return refuse("the programme type '" + type.id + "' has no statuses");
        for (const auto& t : type.transitions)
            if (!has(type.statuses, t.from) || !has(type.statuses, t.to))
                return refuse("the programme type '" + type.id + "' has a transition " + t.from +
                              " -> " + t.to + " between unknown statuses");
        if (unique(staged.programmeTypes, type.id, [](const auto& c) { return c.item.id; }))
            staged.programmeTypes.push_back({m_context.id, std::move(type)});
    }
    void addReferenceData(ReferenceDataSet set) override {
        if (allowed(Capability::ReferenceData, "reference data '" + set.id + "'") &&
            callable(set.load, "reference data '" + set.id + "'") &&
            unique(staged.referenceData, set.id, [](const auto& c) { return c.item.id; }))
            staged.referenceData.push_back({m_context.id, std::move(set)});
    }
    void addValidator(Validator v) override {
        if (allowed(Capability::Validators, "validator '" + v.id + "'") &&
            callable(v.run, "validator '" + v.id + "'") &&
            unique(staged.validators, v.id, [](const auto& c) { return c.item.id; }))
            staged.validators.push_back({m_context.id, std::move(v)});
    }
    void addScorer(Scorer s) override {
        if (allowed(Capability::Scoring, "scorer '" + s.id + "'") &&
            callable(s.score, "scorer '" + s.id + "'") &&
            unique(staged.scorers, s.id, [](const auto& c) { return c.item.id; }))
            staged.scorers.push_back({m_context.id, std::move(s)});
    }
    void addIndicator(IndicatorDef d) override {
        if (allowed(Capability::Indicators, "indicator '" + d.code + "'") &&
            callable(d.compute, "indicator '" + d.code + "'") &&
            unique(staged.indicators, d.code, [](const auto& c) { return c.item.code; }))
            staged.indicators.push_back({m_context.id, std::move(d)});
    }
    void addReport(ReportDef r) override {
        if (allowed(Capability::Reports, "report '" + r.id + "'") &&
            callable(r.build, "report '" + r.id + "'") &&
            unique(staged.reports, r.id, [](const auto& c) { return c.item.id; }))
            staged.reports.push_back({m_context.id, std::move(r)});
    }
    void addImporter(Importer i) override {
        if (allowed(Capability::Importers, "importer '" + i.id + "'") &&
            callable(i.run, "importer '" + i.id + "'") &&
            unique(staged.importers, i.id, [](const auto& c) { return c.item.id; }))
            staged.importers.push_back({m_context.id, std::move(i)});
    }
    void addExporter(Exporter e) override {
        if (allowed(Capability::Exporters, "exporter '" + e.id + "'") &&
            callable(e.run, "exporter '" + e.id + "'") &&
            unique(staged.exporters, e.id, [](const auto& c) { return c.item.id; }))
            staged.exporters.push_back({m_context.id, std::move(e)});
    }
    void addScriptPack(ScriptPack p) override {
        if (!allowed(Capability::ScriptPacks, "script pack '" + p.name + "'"))
            return;
        const fs::path folder = fs::path(m_context.folder) / p.folder;
        if (fs::path(p.folder).is_absolute() || !fs::is_directory(folder))
            return refuse("the script pack '" + p.name + "' names the folder '" + p.folder +
                          "', which is not a folder inside the plugin");
        p.folder = folder.lexically_normal().string();
        if (unique(staged.scriptPacks, p.name, [](const auto& c) { return c.item.name; }))
            staged.scriptPacks.push_back({m_context.id, std::move(p)});
    }
    void addCommand(Command c) override {
        if (allowed(Capability::Commands, "command '" + c.name + "'") &&
            callable(c.run, "command '" + c.name + "'") &&
            unique(staged.commands, c.name, [](const auto& x) { return x.item.name; }))
            staged.commands.push_back({m_context.id, std::move(c)});
    }
    void addAllocationHook(AllocationHook h) override {
        if (allowed(Capability::AllocationHooks, "allocation hook '" + h.id + "'") &&
            callable(h.adjust, "allocation hook '" + h.id + "'") &&
            unique(staged.allocationHooks, h.id, [](const auto& c) { return c.item.id; }))
            staged.allocationHooks.push_back({m_context.id, std::move(h)});
    }
    void addMigrations(std::vector<Migration> migrations) override {
        if (!allowed(Capability::Tables, "workspace tables"))
            return;
        for (std::size_t i = 0; i < migrations.size(); ++i)
            if (migrations[i].version != static_cast<int>(i) + 1)
                return refuse("migration '" + migrations[i].name + "' has version " +
                              std::to_string(migrations[i].version) + ", expected " +
                              std::to_string(i + 1) + " (versions count 1, 2, 3...)");
        staged.migrations.push_back({m_context.id, std::move(migrations)});
    }
    void log(std::string_view message) override {
        m_log.push_back(m_context.id + ": " + std::string(message));
    }

    const std::string& problem() const { return m_problem; }
    Registry staged;

  private:
    static bool has(const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    }
    void refuse(std::string what) {
        if (m_problem.empty())
            m_problem = std::move(what);
    }
    bool allowed(Capability c, const std::string& what) {
        if (m_manifest.declares(c))
            return true;
        refuse("it registered " + what + " but its manifest does not declare the capability '" +
               std::string(capabilityName(c)) + "'");
        return false;
    }
    template <class F>
    bool callable(const F& f, const std::string& what) {
        if (f)
            return true;
        refuse(what + " has no function");
        return false;
    }
    template <class T, class Key>
    bool unique(const std::vector<Contribution<T>>& v, const std::string& id, Key key) {
        if (id.empty()) {
            refuse("a contribution has an empty id");
            return false;
        }
        for (const auto& c : v)
            if (key(c) == id) {
                refuse("'" + id + "' is registered twice");
                return false;
            }
        return true;
    }

    const Manifest& m_manifest;
    PluginContext m_context;
    std::vector<std::string>& m_log;
    std::string m_problem;
};

}  // namespace

void Registry::append(Registry&& o) {
    moveAll(programmeTypes, o.programmeTypes);
    moveAll(referenceData, o.referenceData);
    moveAll(validators, o.validators);
    moveAll(scorers, o.scorers);
    moveAll(indicators, o.indicators);
    moveAll(reports, o.reports);
    moveAll(importers, o.importers);
    moveAll(exporters, o.exporters);
    moveAll(scriptPacks, o.scriptPacks);
    moveAll(commands, o.commands);
    moveAll(allocationHooks, o.allocationHooks);
    moveAll(migrations, o.migrations);
}

PluginManager::PluginManager() {
    auto schema = loadManifestSchema();
    if (schema)
        m_schema.emplace(std::move(schema).value());
    else
        m_schemaError = schema.error();
}

PluginManager::~PluginManager() {
    // Contributions hold code from the libraries: drop them before any dlclose.
    m_registry = Registry{};
    m_libraries.clear();
}

std::vector<std::string> PluginManager::defaultSearchPaths() {
    std::vector<std::string> paths;
    if (const char* env = std::getenv("KK_PLUGIN_PATH"); env && *env) {
        std::stringstream in(env);
        std::string part;
        while (std::getline(in, part, ':'))
            if (!part.empty())
                paths.push_back(part);
        return paths;
    }
    const fs::path exe = executableDirectory();
    paths.push_back((exe / ".." / KK_PLUGIN_INSTALL_SUBDIR).lexically_normal().string());
    const std::string buildRoot = KK_PLUGIN_BINARY_ROOT;
    if (!buildRoot.empty() && exe.string().rfind(buildRoot, 0) == 0)
        paths.push_back(KK_PLUGIN_BUILD_DIR);
    paths.push_back((fs::path(configDirectory()) / "plugins").string());
    return paths;
}

void PluginManager::loadFrom(const std::vector<std::string>& paths) {
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec))
            continue;
        if (fs::is_regular_file(fs::path(p) / "plugin.json", ec)) {
            loadFolder(p);
            continue;
        }
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(p, ec))
            if (entry.is_directory() && fs::is_regular_file(entry.path() / "plugin.json"))
                folders.push_back(entry.path());
        std::sort(folders.begin(), folders.end());
        for (const auto& f : folders)
            loadFolder(f.string());
    }
}

PluginRecord& PluginManager::refuse(PluginRecord& record, Error reason) {
    record.state = PluginState::Refused;
    record.reason = std::move(reason);
    m_log.push_back("refused plugin '" + record.id + "' (" + record.folder +
                    "): " + record.reason.message());
    return record;
}

const PluginRecord& PluginManager::loadFolder(const std::string& folderIn) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(folderIn), ec);
    PluginRecord& record = m_plugins.emplace_back();
    record.folder = folder.string();
    record.id = folder.filename().string();
    const std::string manifestPath = (folder / "plugin.json").string();
    if (!m_schema)
        return refuse(record, m_schemaError);
    auto manifestResult = readManifest(record.folder, *m_schema);
    if (!manifestResult)
        return refuse(record, manifestResult.error());
    const Manifest& m = manifestResult.value();
    record.id = m.id;
    record.name = m.name;
    record.version = m.version;
    record.apiVersion = std::to_string(m.apiMajor) + "." + std::to_string(m.apiMinor);
    record.description = m.description;
    record.library = (folder / m.library).string();
    if (!m.uiLibrary.empty())
        record.uiLibrary = (folder / m.uiLibrary).string();
    record.capabilities = m.capabilities;
    record.dataFiles = m.dataFiles;
    for (const auto& s : m.scriptPacks)
        record.scriptPacks.push_back(
            {s.name, (folder / s.path).lexically_normal().string(), s.description});

    for (const auto& other : m_plugins)
        if (&other != &record && other.id == m.id && other.state == PluginState::Loaded)
            return refuse(record, makeError("plugin.duplicate",
                                            "a plugin with id '" + m.id +
                                                "' is already loaded from " + other.folder,
                                            manifestPath, "remove one of the two copies"));
    if (auto st = checkApiVersion(m.apiMajor, m.apiMinor, manifestPath); !st)
        return refuse(record, st.error());

    auto lib = SharedLibrary::open(record.library);
    if (!lib)
        return refuse(record, lib.error());
    auto sym = lib.value().symbol(kEntrySymbol);
    if (!sym)
        return refuse(record, sym.error());
    const auto entry = reinterpret_cast<EntryFunction>(sym.value());
    const PluginDescriptor* d = entry();
    const std::string where = record.library;
    // Fields up to registerPlugin exist in every version-1 descriptor.
    if (!d || d->structSize < sizeof(PluginDescriptor) || !d->registerPlugin || !d->id ||
        !d->version)
        return refuse(record, makeError("plugin.bad_descriptor",
                                        "the entry function returned an incomplete descriptor",
                                        where, "build the plugin with KK_PLUGIN_ENTRY(...)"));
    if (auto st = checkApiVersion(d->apiMajor, d->apiMinor, where); !st)
        return refuse(record, st.error());
    if (d->apiMajor != m.apiMajor || d->apiMinor != m.apiMinor || m.id != d->id ||
        m.version != d->version)
        return refuse(
            record, makeError("plugin.mismatch",
                              "the library says it is '" + std::string(d->id) + "' " + d->version +
                                  " for API " + std::to_string(d->apiMajor) + "." +
                                  std::to_string(d->apiMinor) + ", but plugin.json says '" + m.id +
                                  "' " + m.version + " for API " + record.apiVersion,
                              where, "rebuild the plugin so library and manifest agree"));

    PluginContext context{m.id, m.name, m.version, record.folder,
                          (fs::path(configDirectory()) / "plugin-data" / m.id).string()};
    RegistrationHost host(m, context, m_log);
    Status registered;
    try {
        registered = d->registerPlugin(host);
    } catch (const std::exception& e) {
        registered = makeError("plugin.register_threw",
                               std::string("the register function threw: ") + e.what(), where,
                               "report this to the plugin's authors");
    }
    if (!registered)
        return refuse(record, registered.error());
    if (!host.problem().empty())
        return refuse(record, makeError("plugin.registration_refused", host.problem(), where,
                                        "correct the plugin or its plugin.json"));
    for (const auto& s : record.scriptPacks)
        host.staged.scriptPacks.push_back({m.id, s});
    m_registry.append(std::move(host.staged));
    m_libraries.push_back(std::move(lib).value());
    record.state = PluginState::Loaded;
    return record;
}

const PluginRecord* PluginManager::find(std::string_view id) const {
    // A loaded record wins over refused duplicates of the same id.
    const PluginRecord* found = nullptr;
    for (const auto& r : m_plugins)
        if (r.id == id && (!found || r.state == PluginState::Loaded))
            found = &r;
    return found;
}

Result<const PluginRecord*> PluginManager::loaded(std::string_view id) const {
    const PluginRecord* r = find(id);
    if (!r)
        return makeError("plugin.unknown", "no plugin with id '" + std::string(id) + "' was found",
                         "plugin folders", "run 'koppelkans-cli plugins' to see what is installed");
    if (r->state != PluginState::Loaded)
        return makeError("plugin.refused",
                         "the plugin '" + std::string(id) + "' was refused: " + r->reason.what,
                         r->reason.where, r->reason.hint);
    return r;
}

const Command* PluginManager::findCommand(std::string_view pluginId, std::string_view name) const {
    for (const auto& c : m_registry.commands)
        if (c.pluginId == pluginId && c.item.name == name)
            return &c.item;
    return nullptr;
}

const ReportDef* PluginManager::findReport(std::string_view pluginId, std::string_view id) const {
    for (const auto& r : m_registry.reports)
        if (r.pluginId == pluginId && r.item.id == id)
            return &r.item;
    return nullptr;
}

Status PluginManager::prepareWorkspace(Workspace& ws, std::string_view pluginId) const {
    for (const auto& m : m_registry.migrations) {
        if (!pluginId.empty() && m.pluginId != pluginId)
            continue;
        if (auto st = ws.applyMigrations(m.pluginId, m.item); !st)
            return st;
    }
    return {};
}

Result<ReferenceLoadSummary> PluginManager::loadReferenceData(Workspace& ws,
                                                              std::string_view pluginId,
                                                              std::string_view setId,
                                                              const Options& options) const {
    for (const auto& r : m_registry.referenceData) {
        if (r.pluginId != pluginId || r.item.id != setId)
            continue;
        if (auto st = prepareWorkspace(ws, pluginId); !st)
            return st.error();
        try {
            ChangeSet cs(ws, "Load " + std::string(pluginId) + " reference data '" +
                                 std::string(setId) + "'");
            auto summary = r.item.load(cs, options);
            if (!summary)
                return summary.error();
            if (auto st = cs.commit(); !st)
                return st.error();
            return summary;
        } catch (const KkError& e) {
            return e.error();
        }
    }
    return makeError("plugin.no_reference_data",
                     "the plugin '" + std::string(pluginId) + "' has no reference data set '" +
                         std::string(setId) + "'",
                     std::string(pluginId), "run 'koppelkans-cli plugins' to list what it offers");
}

std::vector<Finding> PluginManager::validate(Workspace& ws) const {
    std::vector<Finding> out;
    for (const auto& v : m_registry.validators) {
        // A plugin whose tables were never created in this workspace (prepareWorkspace not
        // run: the programme is not used here) has nothing to validate yet.
        const bool hasTables =
            std::any_of(m_registry.migrations.begin(), m_registry.migrations.end(),
                        [&](const auto& m) { return m.pluginId == v.pluginId; });
        if (hasTables && ws.schemaVersion(v.pluginId) == 0)
            continue;
        auto findings = v.item.run(ws);
        out.insert(out.end(), findings.begin(), findings.end());
    }
    // The projects' programme forms are core tables, checked against every plugin's types.
    auto forms = checkProgrammeForms(ws, m_registry.programmeTypes);
    out.insert(out.end(), forms.begin(), forms.end());
    return out;
}

Result<alloc::Problem> PluginManager::allocationProblem(Workspace& ws, ProjectId project,
                                                        bool includeCandidates) const {
    auto problem = workspaceProblem(ws, project, includeCandidates);
    if (!problem)
        return problem;
    if (auto st = adjustAllocationProblem(ws, problem.value()); !st)
        return st.error();
    return problem;
}

Status PluginManager::adjustAllocationProblem(Workspace& ws, alloc::Problem& problem) const {
    for (const auto& h : m_registry.allocationHooks)
        if (auto st = h.item.adjust(ws, problem); !st)
            return st;
    return {};
}

}  // namespace kk::plugin
