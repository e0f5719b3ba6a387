// The partners' cost-sharing key: who bears which part of the residual own contribution.
#pragma once

#include <string>
#include <vector>

#include "core/allocate/allocation.h"
#include "core/allocate/problem.h"
#include "core/base/error.h"
#include "core/base/money.h"

namespace kk::alloc {

/// The key applied to one residual amount.
struct KeyApplication {
    std::vector<PartnerResult> partners;  ///< share, rawShare, adjustment, criteria, residualPart
};

/// Splits `residual` over `partners` by the key ("een eenvoudig en transparant systeem voor
/// kostenverdeling", seed-004 L611–623):
///
/// 1. raw_i = Σ_k w_k · x_ik / Σ_j x_jk, computed exactly with unbounded rationals. For
///    inverse fiscal capacity x_ik is replaced by 1 / x_ik (solidarity).
/// 2. Floors and caps: bounds lo_i = floor share (or 0) and hi_i = min(cap share, maximum
///    contribution / residual, 1). The result is the fixed point of iterative capping: every
///    partner gets clamp(λ · raw_i, lo_i, hi_i) with the one λ that makes the shares add up to
///    exactly 1, so partners that are not at a bound keep their raw proportions. λ is found
///    exactly from the breakpoints lo_i / raw_i and hi_i / raw_i.
/// 3. The residual is split with kk::apportion (largest remainder; ties to the larger weight,
///    then to the earlier partner), so the parts add up to the cent. Shares that do not fit a
///    64-bit fraction are rounded to 10⁻¹² by the same largest-remainder rule first
///    (PartnerResult::shareExact = false).
///
/// Errors: no criteria, weights that do not add up to 100 %, a missing or negative input, a
/// zero fiscal capacity, a criterion where all partners have zero, floors above 100 % together,
/// caps and maximum contributions that cannot reach 100 % together.
Result<KeyApplication> applyCostSharingKey(const std::vector<Partner>& partners,
                                           const CostSharingKey& key, Money residual);

}  // namespace kk::alloc
