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
/// One navigator row per project: code, name, status, programme codes and planned cost, read
/// in one query (the workbench lists 20,000 projects in well under 100 ms with it).
struct ProjectSummary {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::string status;
    std::string programmes;  ///< programme codes, ", "-separated, in code order
    Money cost;
};
Result<std::vector<ProjectSummary>> projectSummaries(Workspace& ws);

/// The SQL, shared with the benchmark so the peer runs exactly the same query.
const char* budgetPerFundPerYearSql();
Result<std::vector<FundYearBudget>> budgetPerFundPerYear(Workspace& ws);

}  // namespace kk
