// Attaching funds to a project before a decision: the funds a user can choose and the
// candidate awards they become (status candidate, amount = what the fund would give).
#pragma once

#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/base/money.h"
#include "core/model/entities.h"

namespace kk {
class Workspace;
}

namespace kk::alloc {

/// A fund the user can attach to a project.
struct FundChoice {
    FundId id;
    std::string code;
    std::string name;
    bool attached = false;  ///< the project already has a candidate or granted award of it
};

/// Every fund of the workspace by code, marked when the project already has an open award.
std::vector<FundChoice> fundChoices(Workspace& ws, ProjectId project);

/// The amount a new candidate award asks: what the fund's rate allows on the project's
/// eligible cost, no more than the cap per project or the fund's budget.
Money candidateAmount(const Fund& fund, Money eligibleCost);

/// Creates one candidate award per fund in ONE ChangeSet (one undo step) labelled `label`.
/// Funds already attached are skipped. Errors name the fund.
Status attachFunds(Workspace& ws, ProjectId project, const std::vector<FundId>& funds,
                   const std::string& label);

}  // namespace kk::alloc
