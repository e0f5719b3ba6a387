// The Water+Land+Schap defaults read from the plugin's data files (data/*.csv), as valid on a
// given date: prescribed composition, path phases and milestones, indicators, settings.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/plugin/plugin_host.h"

namespace kk::wls {

inline constexpr const char* kPluginId = "water_land_schap";

struct Requirement {
    std::string code;
    std::string label;
    std::vector<std::string> actorKinds;
    int minCount = 1;
    std::string source;
};

struct MilestoneTemplate {
    std::string phase;
    std::string code;
    std::string name;
    std::optional<Date> due;
};

struct IndicatorTemplate {
    std::string code;
    std::string name;
    std::string unit;
    std::string type;  ///< process, result, output
    std::string direction;
    std::string aggregation;
};

struct Config {
    std::vector<Requirement> composition;
    std::vector<std::string> phases;  ///< in order; the first is where a coalition starts
    std::vector<MilestoneTemplate> milestones;
    std::vector<IndicatorTemplate> indicators;
    int continuityWarningDays = 365;
    std::string programmeCode = "WLS";

    /// Loads every data file, keeping rows valid on `on`. Errors name the file, line, column.
    static Result<Config> load(const plugin::PluginContext& ctx, const Date& on);
    /// The requirements as the composition rule expects them.
    nlohmann::json requirementsJson() const;
};

}  // namespace kk::wls
