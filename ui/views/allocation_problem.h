// A project of the workspace as an allocation problem (core/allocate/problem.h), read through
// the repositories, and the "attach funds" action that creates candidate awards. The UI keeps
// its own reading until the core's workspace mapping (core/allocate *workspace*) settles; the
// rules are the same as core/plugin/workspace_problem.h, with candidate awards included.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/allocate/problem.h"
#include "core/base/error.h"
#include "core/model/entities.h"

namespace kk {
class Workspace;
}

namespace kk::ui {

/// The project's cost items, one fund per candidate or granted award (budget = the award's
/// amount, rate = the award's rate or the fund's), one partner per actor bearing a cost.
/// `onlyFunds` (fund codes), when not empty, keeps just those funds (a "fund mix").
Result<alloc::Problem> projectProblem(Workspace& ws, ProjectId project,
                                      const std::set<std::string>& onlyFunds = {});

/// A fund the user can attach to a project.
struct FundChoice {
    FundId id;
    std::string code;
    std::string name;
    bool attached = false;  ///< the project already has a candidate or granted award of it
};
std::vector<FundChoice> fundChoices(Workspace& ws, ProjectId project);

/// The amount a new candidate award asks: what the fund's rate allows on the project's
/// eligible cost, no more than the cap per project or the fund's budget.
Money candidateAmount(const Fund& fund, Money eligibleCost);

/// Creates one candidate award per fund in ONE ChangeSet (one undo step) labelled `label`.
/// Funds already attached are skipped. Errors name the fund.
Status attachFunds(Workspace& ws, ProjectId project, const std::vector<FundId>& funds,
                   const std::string& label);

}  // namespace kk::ui
