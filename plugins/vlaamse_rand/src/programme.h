// The Vlaamse Rand programme in a workspace: programme VR-<year> with a fund per instrument,
// calls with the jury criteria, applications checked against the instrument (area, theme,
// supra-local reach, cumulation disclosure, maximum rate), the jury with the gebiedsgericht
// edge, and awards that never let the Randfonds fund a project fully.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/plugin/call_workflow.h"
#include "plugins/vlaamse_rand/src/rules.h"

namespace kk::plugins::vlaamse_rand {

inline constexpr const char* kPluginId = "vlaamse_rand";

plugin::CallWorkflow workflow();

/// Creates (or completes) programme VR-<year> with one fund per instrument (VR-RANDFONDS-2025,
/// VR-FACILITEITEN-2025), figures from the data files. Existing funds are left as they are.
Result<plugin::ReferenceLoadSummary> setupYear(ChangeSet& cs, const Rules& rules, int year);

/// The fund of an instrument and year, if set up.
std::optional<FundId> instrumentFund(Workspace& ws, const std::string& instrument, int year);

struct CallRequest {
    std::string instrument;
    std::string code;
    std::string name;
    int year = 2025;
    std::optional<Date> opens;
    std::optional<Date> closes;
    std::optional<Money> budget;  ///< default: the fund's yearly budget (required without one)
};
Result<CallId> createCall(ChangeSet& cs, const Rules& rules, const CallRequest& request);

/// One subsidy the applicant requested elsewhere (cumulation disclosure).
struct DisclosedSubsidy {
    std::string source;  ///< fund code or name, as written
    Money amount;
};
/// Parses "SV-PROJECT_SUBSIDIE-2025: 400000; Provincie Vlaams-Brabant: 25000" or "none".
Result<std::vector<DisclosedSubsidy>> parseDisclosure(const std::string& text);

struct ApplicationRequest {
    std::string call;
    std::string project;
    Money requested;
    std::optional<Money> totalCost;           ///< default: the project's cost items
    std::vector<std::string> municipalities;  ///< default: the applicant's municipality
    std::string theme;
    std::string supraLocal;      ///< justification of the supra-local reach, if any
    std::string gebiedsgericht;  ///< the area-based cooperation (IGS, sub-region), if any
    std::optional<std::string> otherSubsidies;  ///< the cumulation disclosure; "none" if none
};
/// Checks the area, theme, supra-local reach, cumulation disclosure, the maximum rate and
/// (Randfonds) that the request is below the whole cost; then stores the application.
Result<plugin::Application> apply(ChangeSet& cs, const Rules& rules,
                                  const ApplicationRequest& request);

/// The project cost the rates apply to: the application's total cost, else its cost items.
Money projectCost(Workspace& ws, const plugin::Application& a);
/// Granted awards of the project, from any fund.
Money grantedToProject(Workspace& ws, ProjectId project);

/// The weighted stage sheet plus the gebiedsgericht bonus when the application declared
/// area-based cooperation (the note says so).
Result<plugin::ScoreSheet> scoreSheet(Workspace& ws, const Rules& rules,
                                      const plugin::Application& a);

/// One jury round: applications at or above the pass mark are ranked by score (ties: the
/// gebiedsgericht application first, then the earlier application); the rest are not
/// selected. Returns the applications in their new order.
Result<std::vector<plugin::Application>> runJury(ChangeSet& cs, const Rules& rules, CallId call);

/// Refuses an award the instrument does not allow: a Randfonds award that, with what the
/// project was granted already, would fund it fully; more than the maximum rate (80 % for
/// the faciliteitengemeenten subsidy).
Status checkAward(Workspace& ws, const Rules& rules, const plugin::Application& a, Money amount);
Result<AwardId> award(ChangeSet& cs, const Rules& rules, const plugin::Application& a, Money amount,
                      const Date& decidedOn);

}  // namespace kk::plugins::vlaamse_rand
