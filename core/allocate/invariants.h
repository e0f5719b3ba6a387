// The invariant checker every allocation passes before a strategy may return it.
#pragma once

#include <string>
#include <vector>

#include "core/allocate/allocation.h"
#include "core/allocate/prepared.h"
#include "core/allocate/problem.h"

namespace kk::alloc {

class AllocationStrategy;

/// One broken rule in an allocation: a bug in a strategy, never something to hide.
struct Violation {
    std::string code;   ///< e.g. "cap_per_partner", "coverage", "trace"
    std::string where;  ///< the cell, fund, partner or group
    std::string what;   ///< the numbers that disagree
};

/// Checks, with its own sums (not the strategies' bookkeeping):
/// - shape: one row per (expanded) cost item, one column per fund;
/// - coverage: every cell ≥ 0 and Σ cells + residual == amount for every item, to the cent;
/// - eligibility: blocked cells (item, category, tags) are zero;
/// - no cell above its rate; no fund above budget, cap per project, per partner, per year;
/// - every cumulation ceiling; external money ≤ eligible cost − minimum own contribution
///   (which includes the one cent of may_not_fund_fully); de minimis headroom per partner;
/// - totals (per fund, external, own contribution, residual) agree with the cells;
/// - partners' residual parts add up to the residual, none negative or above its maximum
///   contribution, shares add up to 100 % when a key is used;
/// - the trace: each cell's reason is true (a reached limit is really reached), and a
///   fixed-rate fund below its rate is bound by a limit, not by choice.
std::vector<Violation> checkInvariants(const PreparedProblem& p, const Allocation& a);

/// The same for a problem as given (prepares it first; a problem error is returned as such).
Result<std::vector<Violation>> checkAllocation(const Problem& problem, const Allocation& a);

/// Runs the strategy twice and reports every difference between the two results (cells,
/// partner parts, trace reasons). Empty when the strategy is deterministic on this problem.
std::vector<Violation> checkDeterministic(const AllocationStrategy& strategy,
                                          const Problem& problem);

/// "3 violations: coverage at cost item 'x': ...; ..." (the first few), for error messages.
std::string describeViolations(const std::vector<Violation>& violations);

}  // namespace kk::alloc
