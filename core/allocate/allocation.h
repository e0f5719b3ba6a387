// The output of a cost allocation: the matrix cost item × fund, partner shares and the trace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/allocate/problem.h"
#include "core/allocate/reason.h"

namespace kk::alloc {

/// Why one cell has its value. Structured, so that a million cells stay cheap; the readable
/// sentence comes from cellText().
struct CellTrace {
    Reason reason = Reason::None;  ///< the first limit that is reached (Reason order)
    std::uint32_t alsoTight = 0;   ///< bit (1 << int(Reason)) for every other reached limit
    Money rateLimit;               ///< what the fund's rate allows on this cost
    Money limit;                   ///< the amount of the binding limit (cap, budget, ceiling...)
    Money limitUsed;               ///< how much of that limit the whole allocation uses
    std::int32_t group = -1;       ///< cumulation group index into Allocation::groupNames
};

/// One criterion's part in a partner's share: w_k · x_ik / Σ_j x_jk.
struct CriterionShare {
    std::string criterionId;
    CriterionKind kind = CriterionKind::FixedShare;
    std::string value;         ///< x_ik as given (for inverse fiscal capacity: the capacity)
    std::string total;         ///< Σ_j x_jk (of the inverses for inverse fiscal capacity)
    std::string share;         ///< x_ik / Σ_j x_jk as a percentage
    Rate weight;               ///< w_k
    std::string contribution;  ///< w_k · share as a percentage
};

/// What one partner receives and pays.
struct PartnerResult {
    std::string partnerId;
    std::string name;
    Rate share;              ///< final share of the residual own contribution
    bool shareExact = true;  ///< false when the exact share needed > 64 bits and was rounded
    std::string rawShare;    ///< Σ_k contributions before floors and caps, as a percentage
    std::string adjustment;  ///< empty, or how a floor/cap/maximum contribution changed it
    Money cost;              ///< the cost items this partner bears
    Money externalReceived;  ///< external funding on its cost items
    Money internalFunds;     ///< own/partner-contribution funds that name this partner
    Money residualPart;      ///< its part of the residual own contribution
    Money deMinimisPrior;    ///< prior de minimis aid inside the rolling window
    Money deMinimisGranted;  ///< state aid in this allocation on its cost items
    std::vector<CriterionShare> criteria;
};

/// The result of one strategy run. Cells are item-major: cells[item * fundIds.size() + fund].
struct Allocation {
    std::string projectId;
    std::string strategy;
    std::vector<CostItem> items;  ///< the problem's items, then generated flat-rate items
    std::vector<bool> generated;
    std::vector<std::string> fundIds;
    std::vector<std::string> fundNames;
    std::vector<FundType> fundTypes;
    std::vector<Rate> fundRates;
    std::vector<std::string> groupNames;
    std::vector<Money> cells;
    std::vector<CellTrace> trace;
    std::vector<Money> residual;  ///< per item: what no fund pays (the partners' remainder)
    std::vector<Money> fundTotals;
    Money totalCost;
    Money eligibleCost;
    Money externalTotal;         ///< subsidy + private + in-kind money
    Money ownContributionTotal;  ///< totalCost - externalTotal
    Money residualTotal;         ///< split over the partners by the key
    std::vector<PartnerResult> partners;
    std::vector<std::string> notes;  ///< e.g. what a strategy's post-pass did

    std::size_t fundCount() const { return fundIds.size(); }
    Money cell(std::size_t item, std::size_t fund) const {
        return cells[item * fundIds.size() + fund];
    }
    const CellTrace& cellTrace(std::size_t item, std::size_t fund) const {
        return trace[item * fundIds.size() + fund];
    }
};

/// The readable sentence for one cell, e.g. "€ 150.000,00: the maximum of € 150.000,00 per
/// project of 'Stadsvernieuwing' is reached".
std::string cellText(const Allocation& a, std::size_t item, std::size_t fund);

/// One paragraph per partner: its share, the criteria behind it and what it pays.
std::string partnerText(const PartnerResult& p);

}  // namespace kk::alloc
