// Summaries computed in SQL over the whole workspace (reports, CLI, API, benchmarks).
#pragma once

#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/base/money.h"

namespace kk {

class Workspace;

/// Planned cost per fund and year: the cost items of every project with an award from the
/// fund, summed per budget year. (A project funded by two funds counts under both: this is the
/// budget each funder follows, not an allocation.)
struct FundYearBudget {
    std::string fundCode;
    std::string fundName;
    int year = 0;
    Money planned;
    Money awarded;  ///< the fund's awards to those projects (not split per year)
};
/// The SQL, shared with the benchmark so the peer runs exactly the same query.
const char* budgetPerFundPerYearSql();
Result<std::vector<FundYearBudget>> budgetPerFundPerYear(Workspace& ws);

}  // namespace kk
