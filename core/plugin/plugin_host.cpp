// The small non-virtual helpers of the host API (plugin_host.h); linked into plugins too.
#include "core/plugin/plugin_host.h"

#include <algorithm>
#include <array>
#include <filesystem>

namespace kk::plugin {
namespace {

constexpr std::array<std::pair<Capability, std::string_view>, 12> kCapabilities{{
    {Capability::ProgrammeTypes, "programme_types"},
    {Capability::ReferenceData, "reference_data"},
    {Capability::Validators, "validators"},
    {Capability::Scoring, "scoring"},
    {Capability::Indicators, "indicators"},
    {Capability::Reports, "reports"},
    {Capability::Importers, "importers"},
    {Capability::Exporters, "exporters"},
    {Capability::ScriptPacks, "script_packs"},
    {Capability::Commands, "commands"},
    {Capability::Tables, "tables"},
    {Capability::AllocationHooks, "allocation_hooks"},
}};

}  // namespace

std::string PluginContext::dataFile(std::string_view relativePath) const {
    namespace fs = std::filesystem;
    if (!userDataFolder.empty()) {
        // The user's copy sits at the same relative path, so "data/x.csv" becomes
        // <config>/plugin-data/<id>/data/x.csv.
        const fs::path user = fs::path(userDataFolder) / relativePath;
        if (fs::is_regular_file(user))
            return user.string();
    }
    return (fs::path(folder) / relativePath).string();
}

std::string_view fieldTypeName(FieldType type) {
    switch (type) {
        case FieldType::Text:
            return "text";
        case FieldType::Money:
            return "money";
        case FieldType::Rate:
            return "rate";
        case FieldType::Integer:
            return "integer";
        case FieldType::Date:
            return "date";
        case FieldType::Choice:
            return "choice";
        case FieldType::Flag:
            return "flag";
        case FieldType::MunicipalityList:
            return "municipality_list";
    }
    return "?";
}

bool ProgrammeType::allows(std::string_view from, std::string_view to) const {
    return std::any_of(transitions.begin(), transitions.end(),
                       [&](const WorkflowTransition& t) { return t.from == from && t.to == to; });
}

std::string_view capabilityName(Capability c) {
    for (const auto& [cap, name] : kCapabilities)
        if (cap == c)
            return name;
    return "?";
}

std::optional<Capability> capabilityFromName(std::string_view name) {
    for (const auto& [cap, n] : kCapabilities)
        if (n == name)
            return cap;
    return std::nullopt;
}

}  // namespace kk::plugin
