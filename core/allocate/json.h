// JSON form of allocation problems, results and comparisons (the only header with nlohmann).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/allocate/allocation.h"
#include "core/allocate/compare.h"
#include "core/allocate/problem.h"
#include "core/base/error.h"

namespace kk::alloc {

/// Amounts are strings with two decimals ("1234.56", never JSON numbers: no floating point),
/// rates are strings Rate::parse accepts ("80%", "3/4", "0.8"), dates ISO "2025-06-01".
/// Errors name the JSON path ("funds[2].max_rate") and the expected form. See
/// docs/allocation.md for the full format.
Result<Problem> problemFromJson(const nlohmann::json& j);
Result<Problem> parseProblem(std::string_view text);
nlohmann::json toJson(const Problem& problem);

/// The matrix as a list of cells (item, fund, amount, reason, limit, text), totals, funds,
/// items with their residual, partners with shares and criteria, notes.
nlohmann::json toJson(const Allocation& allocation);
/// Reads back what toJson(Allocation) wrote (e.g. a run stored in the workspace).
Result<Allocation> allocationFromJson(const nlohmann::json& j);

nlohmann::json toJson(const AllocationComparison& comparison);

}  // namespace kk::alloc
