// Allocation runs kept in the workspace (kk_allocation_run): the exact input, the result with
// its trace, who ran it and when, so that a run can be reproduced and compared with a new one.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/allocate/allocation.h"
#include "core/allocate/compare.h"
#include "core/allocate/strategy.h"
#include "core/allocate/workspace_problem.h"
#include "core/base/error.h"

namespace kk {
class Workspace;
}

namespace kk::alloc {

/// What one `allocate` call computed: one problem and allocation per project.
struct AllocationRun {
    std::int64_t id = 0;  ///< 0 until saved
    std::string scope;    ///< "project:P00001", "programme:SV-2026", "workspace"
    std::string strategy;
    std::string scriptName;  ///< for Lua strategies: the script and the SHA-256 of its text
    std::string scriptHash;
    std::string user;
    std::string at;  ///< ISO 8601 UTC
    std::string note;
    /// The mapping options the problems were built with (CLI flag -> value), so that `--diff`
    /// can build today's problems the same way.
    std::vector<std::pair<std::string, std::string>> options;
    std::vector<ProjectProblem> problems;
    std::vector<Allocation> allocations;  ///< same order as problems
};

/// One line of `allocate-runs`.
struct RunSummary {
    std::int64_t id = 0;
    std::string scope;
    std::string strategy;
    std::string user;
    std::string at;
    std::string note;
    std::int64_t projects = 0;
    Money totalCost;
    Money external;
};

/// Stores the run as one ChangeSet ("Allocation run ..."): one audit entry, one undo step.
/// input_json = {version, scope, strategy, script, problems: [{project, name, notes, problem}]}
/// with the problem JSON of json.h; result_json = {version, allocations: [allocation JSON]}.
/// Returns the new run id.
Result<std::int64_t> saveRun(Workspace& ws, const AllocationRun& run);

/// Every stored run, newest first (totals read from the stored results).
Result<std::vector<RunSummary>> listRuns(Workspace& ws);

/// Reads a stored run back: the problems and allocations exactly as saved. Errors name the run
/// and the JSON path when the stored text is damaged.
Result<AllocationRun> loadRun(Workspace& ws, std::int64_t id);

/// Runs `strategy` again on the stored input of `run`. With the same strategy (and, for Lua,
/// the same script) the result is identical to the stored one, trace included.
Result<std::vector<Allocation>> rerun(const AllocationRun& run, const AllocationStrategy& strategy);

/// "What changed" per project between two lists of allocations (e.g. a stored run and a new
/// one), matched by project id; a project on one side only is compared with an empty
/// allocation of the other.
struct ProjectComparison {
    std::string projectId;
    AllocationComparison comparison;
    bool changed = false;  ///< any total, fund, partner or cell differs
};
std::vector<ProjectComparison> compareRuns(const std::vector<Allocation>& before,
                                           const std::vector<Allocation>& after);

}  // namespace kk::alloc
