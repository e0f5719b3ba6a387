// What-if: the differences between two allocations of the same (or an edited) project.
#pragma once

#include <string>
#include <vector>

#include "core/allocate/allocation.h"

namespace kk::alloc {

struct AmountDelta {
    Money a;
    Money b;
    Money diff() const { return b - a; }
};

struct FundDelta {
    std::string fundId;
    std::string name;
    AmountDelta total;
};

struct PartnerDelta {
    std::string partnerId;
    AmountDelta residualPart;      ///< its part of the residual own contribution
    AmountDelta externalReceived;  ///< external funding on its costs
};

struct CellDelta {
    std::string itemId;
    std::string fundId;
    AmountDelta amount;
    Reason reasonA = Reason::None;
    Reason reasonB = Reason::None;
};

/// Matched by id: a fund, partner, item or cell missing on one side counts as zero there.
struct AllocationComparison {
    std::string strategyA;
    std::string strategyB;
    AmountDelta external;
    AmountDelta ownContribution;
    std::vector<FundDelta> funds;        ///< every fund of either side, a's order first
    std::vector<PartnerDelta> partners;  ///< every partner of either side
    std::vector<CellDelta> cells;        ///< only cells whose amount differs
};

AllocationComparison compareAllocations(const Allocation& a, const Allocation& b);

/// A table for the CLI: totals, then per fund, per partner and the differing cells.
std::string comparisonText(const AllocationComparison& c);

}  // namespace kk::alloc
