// The stadsvernieuwing programme in a workspace: its programme and funds per instrument and
// year, calls with the jury criteria, applications checked against the instrument rules,
// scoring, the two-stage jury and awards within the call budget.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/plugin/call_workflow.h"
#include "plugins/stadsvernieuwing/src/instruments.h"

namespace kk::plugins::stadsvernieuwing {

inline constexpr const char* kPluginId = "stadsvernieuwing";

plugin::CallWorkflow workflow();

/// Creates (or completes) programme SV-<year> with one fund per instrument, budgets from
/// data/instruments.csv for the scenario. Existing funds are left as they are.
Result<plugin::ReferenceLoadSummary> setupYear(ChangeSet& cs, const Rules& rules, int year,
                                               const std::string& scenario);

struct CallRequest {
    std::string instrument;
    std::string code;
    std::string name;
    int year = 2025;
    std::optional<Date> opens;
    std::optional<Date> closes;
    std::optional<Money> budget;  ///< default: the instrument fund's budget
};
Result<CallId> createCall(ChangeSet& cs, const Rules& rules, const CallRequest& request);

struct ApplicationRequest {
    std::string call;
    std::string project;
    Money requested;
    std::vector<std::string> cities;  ///< NIS codes; default: the applicant's municipality
    Money privateInvestment;
    Money totalCost;
    std::optional<Date> realisationEnd;
};
/// Checks eligibility, the instrument's range or ceiling and the realisation period, then
/// stores the application.
Result<plugin::Application> apply(ChangeSet& cs, const Rules& rules,
                                  const ApplicationRequest& request);

/// The fund of an instrument and year (SV-<INSTRUMENT>-<year>), if set up.
std::optional<FundId> instrumentFund(Workspace& ws, const std::string& instrument, int year);

}  // namespace kk::plugins::stadsvernieuwing
