// The plugin host API (ARCHITECTURE.md decision 5): everything a plugin library sees. A plugin
// exports one extern "C" entry function returning a versioned PluginDescriptor; its register
// function receives a PluginHost and registers what it contributes. Plugins never see a window,
// the plugin manager or another plugin: only the workspace (through ChangeSets) and this API.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/allocate/problem.h"
#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/base/rate.h"
#include "core/model/entities.h"
#include "core/model/validation.h"
#include "core/report/report.h"
#include "core/store/workspace.h"

namespace kk::plugin {

/// The host API version. A plugin built against major M, minor m loads when M equals the
/// host's major and m <= the host's minor (minor versions only add to the API).
inline constexpr std::uint32_t kApiMajor = 1;
inline constexpr std::uint32_t kApiMinor = 0;

/// Named options of a report, import, export or reference-data load ("--index FILE" on the
/// command line becomes {"index", "FILE"}).
using Options = std::map<std::string, std::string, std::less<>>;

/// What a plugin knows about itself while it registers and later when its callbacks run.
struct PluginContext {
    std::string id;       ///< manifest id, also the namespace of its workspace tables
    std::string name;     ///< manifest name
    std::string version;  ///< manifest version
    std::string folder;   ///< absolute folder of plugin.json
    /// Where the user may put edited copies of the plugin's data files without touching the
    /// installation: configDirectory()/plugin-data/<id>/.
    std::string userDataFolder;
    /// The path of a data file ("data/instruments.csv"): the user's copy when one exists in
    /// userDataFolder, else the shipped file in `folder`.
    std::string dataFile(std::string_view relativePath) const;
};

// ---- what a plugin can register ----------------------------------------------------------

/// The type of a field of a programme type's application form.
enum class FieldType { Text, Money, Rate, Integer, Date, Choice, Flag, MunicipalityList };
std::string_view fieldTypeName(FieldType type);

struct FieldDef {
    std::string code;   ///< stable key, e.g. "requested"
    std::string label;  ///< shown to people, e.g. "Gevraagde subsidie"
    FieldType type = FieldType::Text;
    bool required = false;
    std::vector<std::string> choices;  ///< for Choice
    std::string help;
};

struct WorkflowTransition {
    std::string from;
    std::string to;
    std::string label;  ///< e.g. "Jury ronde 1"
};

/// A kind of programme or instrument a plugin runs (conceptsubsidie, Randfonds...): the fields
/// of its application form and its status workflow.
struct ProgrammeType {
    std::string id;  ///< "<plugin id>.<instrument>", e.g. "stadsvernieuwing.conceptsubsidie"
    std::string name;
    std::string description;
    std::vector<FieldDef> fields;
    std::vector<std::string> statuses;  ///< the first is the initial status
    std::vector<WorkflowTransition> transitions;
    /// Whether the workflow allows moving from one status to another.
    bool allows(std::string_view from, std::string_view to) const;
};

/// What a reference-data load wrote.
struct ReferenceLoadSummary {
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::vector<std::string>
        notes;  ///< e.g. "fund SV-CONCEPT-2025: budget from instruments.csv line 3"
};

/// Versioned reference data (funds, calls, criteria) read from the plugin's data files and
/// written into the workspace on demand, inside the ChangeSet the host opens.
struct ReferenceDataSet {
    std::string id;  ///< e.g. "funds"
    std::string description;
    std::vector<std::string> files;  ///< data files it reads, relative to the plugin folder
    std::function<Result<ReferenceLoadSummary>(ChangeSet& cs, const Options& options)> load;
};

/// A whole-workspace check; its findings join those of `koppelkans-cli check`.
struct Validator {
    std::string id;
    std::string description;
    std::function<std::vector<Finding>(Workspace& ws)> run;
};

/// One criterion of a score sheet.
struct CriterionScore {
    std::string code;
    std::string name;
    Rate weight;
    int score = 0;
    int maxScore = 10;
};

/// A project's weighted score in a call: total = Σ weight·score / Σ weight·max, exactly.
struct ScoreSheet {
    std::int64_t projectId = 0;
    std::vector<CriterionScore> criteria;
    Rate total;
    std::vector<std::string> notes;  ///< e.g. "gebiedsgericht samenwerken: +5 % bonus"
};

struct Scorer {
    std::string id;
    std::string description;
    std::function<Result<ScoreSheet>(Workspace& ws, CallId call, ProjectId project)> score;
};

/// One computed indicator value.
struct IndicatorValue {
    std::string subjectKind;  ///< project, programme, call, area
    std::int64_t subjectId = 0;
    std::string subjectName;
    std::optional<Rate> value;  ///< nullopt: not computable (e.g. no subsidy yet)
    std::string note;
};

struct IndicatorDef {
    std::string code;
    std::string name;
    std::string unit;
    std::string description;
    std::optional<Rate> benchmark;  ///< e.g. 17 for the 1:17 leverage of stadsvernieuwing
    std::string benchmarkSource;
    std::function<Result<std::vector<IndicatorValue>>(Workspace& ws)> compute;
};

struct OptionDef {
    std::string name;
    std::string description;
    bool required = false;
};

/// A report built as a kk::report::Report; core/report writes it as CSV, XLSX, HTML or PDF.
struct ReportDef {
    std::string id;
    std::string title;
    std::string description;
    std::vector<OptionDef> options;
    std::function<Result<report::Report>(Workspace& ws, const Options& options, Progress& progress)>
        build;
};

struct Importer {
    std::string id;
    std::string description;
    std::vector<std::string> extensions;  ///< e.g. {".csv"}
    /// Reads `path` into the workspace (through its own ChangeSet); returns a summary line.
    std::function<Result<std::string>(Workspace& ws, const std::string& path,
                                      const Options& options)>
        run;
};

struct Exporter {
    std::string id;
    std::string description;
    std::vector<std::string> extensions;
    std::function<Result<std::string>(Workspace& ws, const std::string& path,
                                      const Options& options)>
        run;
};

/// A folder of Lua scripts handed to core/rules (loaded like the bundled library).
struct ScriptPack {
    std::string name;
    std::string folder;  ///< relative to the plugin folder when registering; absolute after
    std::string description;
};

/// What a plugin command prints: text for people, JSON for --json.
struct CommandOutput {
    std::string text;
    nlohmann::json json = nlohmann::json::object();
};

/// A command run as `koppelkans-cli plugin <id> <name> WORKSPACE [ARGS]`.
struct Command {
    std::string name;
    std::string synopsis;  ///< e.g. "--call CODE --project CODE --requested EUR"
    std::string description;
    std::function<Result<CommandOutput>(const std::vector<std::string>& args, Workspace& ws)> run;
};

/// Adjusts an allocation problem built from the workspace before a strategy runs, e.g. the
/// Vlaamse Randfonds marks its funds mayNotFundFully. Runs for every project.
struct AllocationHook {
    std::string id;
    std::string description;
    std::function<Status(Workspace& ws, alloc::Problem& problem)> adjust;
};

/// Kinds of contribution; a manifest lists the ones its plugin registers ("capabilities").
enum class Capability {
    ProgrammeTypes,
    ReferenceData,
    Validators,
    Scoring,
    Indicators,
    Reports,
    Importers,
    Exporters,
    ScriptPacks,
    Commands,
    Tables,
    AllocationHooks,
};
std::string_view capabilityName(Capability c);
std::optional<Capability> capabilityFromName(std::string_view name);

// ---- the host --------------------------------------------------------------------------

/// The narrow interface a plugin registers through. The host never throws from these
/// methods: a registration it refuses (a capability the manifest does not declare, a
/// duplicate id) is recorded, and the plugin is refused with that reason once its register
/// function returns.
class PluginHost {
  public:
    virtual ~PluginHost() = default;

    virtual const PluginContext& context() const = 0;

    virtual void addProgrammeType(ProgrammeType type) = 0;
    virtual void addReferenceData(ReferenceDataSet set) = 0;
    virtual void addValidator(Validator validator) = 0;
    virtual void addScorer(Scorer scorer) = 0;
    virtual void addIndicator(IndicatorDef indicator) = 0;
    virtual void addReport(ReportDef report) = 0;
    virtual void addImporter(Importer importer) = 0;
    virtual void addExporter(Exporter exporter) = 0;
    virtual void addScriptPack(ScriptPack pack) = 0;
    virtual void addCommand(Command command) = 0;
    virtual void addAllocationHook(AllocationHook hook) = 0;
    /// Migrations of the plugin's own tables (named "<plugin id>_..."); applied with
    /// Workspace::applyMigrations(<plugin id>, ...) before the plugin's callbacks touch a
    /// workspace. Versions count from 1 in the plugin's own namespace.
    virtual void addMigrations(std::vector<Migration> migrations) = 0;

    /// A line for the log (the GUI's log pane, the CLI's stderr with --verbose).
    virtual void log(std::string_view message) = 0;
};

// ---- the entry ABI -----------------------------------------------------------------------

/// Returned by the entry function. `structSize` lets later hosts read older, shorter
/// descriptors (fields are only ever appended).
struct PluginDescriptor {
    std::uint32_t structSize = 0;
    std::uint32_t apiMajor = 0;
    std::uint32_t apiMinor = 0;
    const char* id = nullptr;       ///< must equal the manifest id
    const char* version = nullptr;  ///< must equal the manifest version
    /// Registers the plugin's contributions. An error refuses the plugin with its message.
    Status (*registerPlugin)(PluginHost& host) = nullptr;
};

/// The one symbol the host looks up in a plugin library.
inline constexpr const char* kEntrySymbol = "kk_plugin_entry";
using EntryFunction = const PluginDescriptor* (*)();

}  // namespace kk::plugin

/// Defines the entry function of a plugin library:
///   KK_PLUGIN_ENTRY("stadsvernieuwing", "1.0.0", &registerStadsvernieuwing)
#define KK_PLUGIN_ENTRY(ID, VERSION, REGISTER)                                                     \
    extern "C" __attribute__((visibility("default"))) const kk::plugin::PluginDescriptor*          \
    kk_plugin_entry() {                                                                            \
        static const kk::plugin::PluginDescriptor descriptor{sizeof(kk::plugin::PluginDescriptor), \
                                                             kk::plugin::kApiMajor,                \
                                                             kk::plugin::kApiMinor,                \
                                                             ID,                                   \
                                                             VERSION,                              \
                                                             REGISTER};                            \
        return &descriptor;                                                                        \
    }
