// Splitting an amount into parts that add up to it exactly (largest-remainder method).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/base/error.h"
#include "core/base/money.h"
#include "core/base/rate.h"

namespace kk {

/// Splits `total` over parts in proportion to non-negative `weights` so that the parts add up
/// to `total` exactly, to the cent (Hamilton / largest-remainder apportionment).
///
/// Each part first gets the floor of its exact quota total·w_i/Σw. The cents left over go, one
/// each, to the parts with the largest fractional remainders. Tie-break (documented, so results
/// are reproducible): equal remainders go first to the larger weight, then to the lower index
/// (the order the caller gave, e.g. partners sorted by id). A negative total is split as its
/// absolute value and negated, so refunds mirror payments. Parts with weight zero get zero.
///
/// Errors: empty weights, a negative weight, all weights zero.
Result<std::vector<Money>> apportion(Money total, std::span<const std::int64_t> weights);

/// The same with exact rational weights (e.g. cost-sharing keys). Weights are brought to a
/// common denominator exactly; an error is returned if that is impossible within 128 bits.
Result<std::vector<Money>> apportion(Money total, std::span<const Rate> weights);

}  // namespace kk
