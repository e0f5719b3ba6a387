// Allocation strategies: the interface, the built-in ones, and completion of outside results.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/allocate/allocation.h"
#include "core/allocate/prepared.h"
#include "core/allocate/problem.h"
#include "core/base/error.h"

namespace kk::alloc {

/// A way to split a project's costs over its funds. Implementations must return only
/// allocations that pass checkInvariants(); finishAllocation() does that for them.
class AllocationStrategy {
  public:
    virtual ~AllocationStrategy() = default;
    virtual std::string name() const = 0;
    virtual Result<Allocation> allocate(const Problem& problem) const = 0;
};

/// Funds in priority order (lower number first, then input order); each fund takes, item by
/// item in input order, as much as its rate and every limit allow.
std::unique_ptr<AllocationStrategy> makeWaterfallStrategy();
/// Each cost split in proportion to the eligible funds' rates; limits scale the cells of the
/// set they cover proportionally, and the unfunded rest is offered again (see pro_rata.cpp).
std::unique_ptr<AllocationStrategy> makeProRataStrategy();
/// The split with the most external money under every limit (max-flow; see
/// maximise_external.cpp and docs/allocation.md for the formulation).
std::unique_ptr<AllocationStrategy> makeMaximiseExternalStrategy();

/// "waterfall", "pro_rata", "maximise_external".
std::vector<std::string> builtinStrategyNames();
Result<std::unique_ptr<AllocationStrategy>> makeStrategy(std::string_view name);

/// Builds the full result from a strategy's cells (item-major, cents): residuals, totals,
/// trace, partner shares; then runs checkInvariants() and returns an error listing the
/// violations instead of a wrong split.
Result<Allocation> finishAllocation(const PreparedProblem& p, std::string strategy,
                                    std::vector<std::int64_t> cells,
                                    std::vector<std::string> notes = {});

/// One cell as an outside strategy (a Lua script) reports it.
struct CellAmount {
    std::string itemId;  ///< a cost item id or a flat-rate item id ("office:p1:2025")
    std::string fundId;
    Money amount;
};

/// Completes and checks cells computed outside C++ (the integrator's Lua strategies). Cells not
/// listed are zero; unknown ids and duplicates are errors naming the entry.
Result<Allocation> completeAllocation(const Problem& problem, std::string strategy,
                                      const std::vector<CellAmount>& cells);

}  // namespace kk::alloc
