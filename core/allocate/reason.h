// Why a cell of the allocation matrix has the value it has: the rule that bound it.
#pragma once

#include <string_view>

#include "core/base/error.h"

namespace kk::alloc {

/// Limits and rules a cell (cost item × fund) can be bound by. The order of the enumerators is
/// the order in which the trace picks the primary reason among limits reached at the same
/// time: the fund's own rate and caps first, then "the cost is covered", then the limits the
/// whole project shares (cumulation, own contribution, de minimis).
enum class Reason {
    None,
    ItemNotEligible,      ///< the cost item is not eligible at all
    CategoryNotEligible,  ///< the fund does not pay this category
    TagNotEligible,       ///< the item has none of the tags the fund requires
    Rate,                 ///< the fund pays its maximum rate of the cost
    FundBudget,           ///< the fund's remaining budget is used up
    CapPerProject,        ///< the fund's maximum per project is reached
    CapPerPartner,        ///< the fund's maximum for this partner is reached
    CapPerYear,           ///< the fund's maximum for this year is reached
    PriorityExhausted,    ///< funds earlier in priority order already cover the rest of the cost
    CostCovered,          ///< other funds already cover the rest of the cost
    CumulationCeiling,    ///< the ceiling of a cumulation group (e.g. public ≤ 80 %) is reached
    MinOwnContribution,   ///< more external money would push the own contribution below minimum
    MayNotFundFully,      ///< a may_not_fund_fully fund: the partners keep at least one cent
    DeMinimis,            ///< the beneficiary's de minimis ceiling is reached
    StrategyChoice,       ///< no limit binds: the strategy chose this split (e.g. pro rata share)
};

std::string_view reasonName(Reason reason);
Result<Reason> parseReason(std::string_view text);

/// True for reasons that mean "a limit is reached" (as opposed to eligibility or choice).
bool isLimit(Reason reason);

}  // namespace kk::alloc
