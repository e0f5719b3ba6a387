// Reads the Water+Land+Schap data files (see wls_config.h).
#include "plugins/water_land_schap/src/wls_config.h"

#include <algorithm>

#include "core/plugin/data_table.h"

namespace kk::wls {
namespace {

Result<plugin::DataTable> readTable(const plugin::PluginContext& ctx, const std::string& rel,
                                    const std::vector<std::string>& required) {
    return plugin::DataTable::read(ctx.dataFile(rel), std::string(kPluginId) + ": " + rel,
                                   required);
}

}  // namespace

Result<Config> Config::load(const plugin::PluginContext& ctx, const Date& on) {
    try {
        Config c;
        auto composition = readTable(ctx, "data/composition.csv",
                                     {"code", "label", "actor_kinds", "min_count", "valid_from"});
        if (!composition)
            return composition.error();
        for (const auto* r : composition.value().validOn(on))
            c.composition.push_back({r->text("code"), r->text("label"), r->list("actor_kinds"),
                                     static_cast<int>(r->integer("min_count")), r->text("source")});

        auto settings = readTable(ctx, "data/settings.csv", {"key", "value", "valid_from"});
        if (!settings)
            return settings.error();
        for (const auto* r : settings.value().validOn(on)) {
            if (r->text("key") == "continuity_warning_days")
                c.continuityWarningDays = static_cast<int>(r->integer("value"));
            else if (r->text("key") == "programme_code")
                c.programmeCode = r->text("value");
            else if (r->text("key") == "phases")
                c.phases = r->list("value");
        }
        if (c.phases.size() < 2)
            return makeError("wls.config", "the path needs at least two phases",
                             ctx.dataFile("data/settings.csv") + ", key phases",
                             "list them separated by ';', e.g. partnership;area_programme");

        auto path = readTable(ctx, "data/path.csv", {"phase", "milestone", "name", "due"});
        if (!path)
            return path.error();
        for (const auto* r : path.value().validOn(on)) {
            if (std::find(c.phases.begin(), c.phases.end(), r->text("phase")) == c.phases.end())
                return makeError("wls.config",
                                 "phase '" + r->text("phase") + "' is not on the path",
                                 r->where("phase"), "use one of the phases in data/settings.csv");
            c.milestones.push_back(
                {r->text("phase"), r->text("milestone"), r->text("name"), r->optionalDate("due")});
        }

        auto indicators = readTable(ctx, "data/indicators.csv",
                                    {"code", "name", "unit", "type", "direction", "aggregation"});
        if (!indicators)
            return indicators.error();
        for (const auto* r : indicators.value().validOn(on))
            c.indicators.push_back({r->text("code"), r->text("name"), r->text("unit"),
                                    r->text("type"), r->text("direction"), r->text("aggregation")});
        return c;
    } catch (const KkError& e) {
        return e.error();
    }
}

nlohmann::json Config::requirementsJson() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : composition)
        out.push_back(
            {{"code", r.code}, {"label", r.label}, {"kinds", r.actorKinds}, {"min", r.minCount}});
    return out;
}

}  // namespace kk::wls
