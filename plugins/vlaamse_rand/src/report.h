// The Vlaamse Rand programme report (per theme and per municipality) and the cumulation check.
#pragma once

#include <string>
#include <vector>

#include "core/plugin/call_workflow.h"
#include "core/plugin/plugin_host.h"
#include "plugins/vlaamse_rand/src/rules.h"

namespace kk::plugins::vlaamse_rand {

/// A granted award from another fund that the application's cumulation disclosure does not
/// mention (neither the fund's code nor its name appears in it).
struct UndeclaredAward {
    std::int64_t applicationId = 0;
    std::string project;
    std::string fundCode;
    std::string fundName;
    Money amount;
};
std::vector<UndeclaredAward> undeclaredAwards(Workspace& ws);

/// Sections: budget per instrument and year; granted per theme (the seven themes of
/// data/themes.csv); granted per municipality (an award split equally over the application's
/// municipalities with kk::apportion, so the parts add up to the cent); per theme and
/// municipality; the awards with their share of the project cost; the cumulation disclosure
/// against the awards the workspace knows.
Result<report::Report> programmeReport(Workspace& ws, const Rules& rules,
                                       const plugin::Options& options, Progress& progress);

}  // namespace kk::plugins::vlaamse_rand
