// The stadsvernieuwing programme report and the leverage indicator.
#pragma once

#include "core/plugin/plugin_host.h"
#include "plugins/stadsvernieuwing/src/instruments.h"

namespace kk::plugins::stadsvernieuwing {

/// Leverage per project with a granted stadsvernieuwing award: private investment (from the
/// application) per subsidy euro, exact; plus the programme total as subject "programme".
Result<std::vector<plugin::IndicatorValue>> leverage(Workspace& ws);

/// Price index per year from a user-supplied CSV (columns year,index[,source]).
Result<std::map<int, Rate>> readIndexSeries(const std::string& path);

/// Sections: budget per instrument and year (nominal and, with options "index" and
/// "base_year", in prices of the base year), awards, leverage against the benchmark, indicator
/// progress (targets and measurements of the programme's indicators).
Result<report::Report> programmeReport(Workspace& ws, const Rules& rules,
                                       const plugin::Options& options, Progress& progress);

}  // namespace kk::plugins::stadsvernieuwing
