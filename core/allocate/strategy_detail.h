// Building blocks the built-in strategies share (not part of the public API).
#pragma once

#include <cstdint>
#include <vector>

#include "core/allocate/ledger.h"
#include "core/allocate/prepared.h"

namespace kk::alloc {

/// Fills each of `funds` in the given order, item by item in input order, up to its room.
void fillInOrder(const PreparedProblem& p, LimitLedger& ledger,
                 const std::vector<std::size_t>& funds);

/// The cells of the waterfall strategy (unchecked).
std::vector<std::int64_t> waterfallCells(const PreparedProblem& p);

/// The cells of the pro-rata strategy (unchecked); an error only if apportionment fails.
Result<std::vector<std::int64_t>> proRataCells(const PreparedProblem& p);

/// Money of external funds in a cell matrix.
std::int64_t externalTotal(const PreparedProblem& p, const std::vector<std::int64_t>& cells);

}  // namespace kk::alloc
