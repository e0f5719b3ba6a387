// Allocation problems built from a workspace: a project's cost items, the funds of its awards
// (or candidate funds), its coalition's partners with their cost-sharing key inputs.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/allocate/problem.h"
#include "core/base/error.h"
#include "core/base/progress.h"

namespace kk {
class Workspace;
}

namespace kk::alloc {

/// Key inputs that the schema has no column for (population, expected benefit, fiscal
/// capacity...): actor code -> criterion id -> value.
using KeyInputTable = std::map<std::string, std::map<std::string, Rate>>;

/// Reads a CSV with the header `actor,criterion,value` (actor = actor code; criterion one of
/// population, expected_benefit, fiscal_capacity, territory_share, fixed_share; value a
/// decimal or fraction). Errors name the file, line and field.
Result<KeyInputTable> readKeyInputsCsv(const std::string& path);

/// How workspace data becomes a problem (the CLI options of `allocate`).
struct MappingOptions {
    /// Fund codes to consider instead of the project's awards (what-if before a decision).
    std::vector<std::string> candidateFunds;
    /// Criterion weights, e.g. {territory_share: 1/2, fixed_share: 1/2}; they must add up to
    /// 100 %. Empty: every criterion with data, equally weighted.
    std::vector<std::pair<std::string, Rate>> keyWeights;
    KeyInputTable keyInputs;
    std::optional<Rate> minOwnRate;           ///< project rule: minimum own contribution
    std::vector<CumulationCeiling> ceilings;  ///< project rule: e.g. public <= 80 %
    bool territory = true;                    ///< compute territory shares from geometry
};

/// One project's problem and where every input came from, in words (`--explain`).
struct ProjectProblem {
    std::string projectCode;
    std::string projectName;
    Problem problem;
    std::vector<std::string> notes;
};

/// Builds problems from one workspace. Reads the actors, funds, awards and coalition members
/// once and the municipality geometry when first needed, so that a programme or the whole
/// workspace (20,000 projects in the xl demo) is mapped without a query per project for them.
///
/// Mapping (docs/allocation.md, "From the workspace"):
/// - cost items: id = cost item code, partner = the actor code of its partner (else the
///   project's applicant, else the coalition's lead), amount, category, year, tags, eligible;
/// - funds: the funds of the project's awards with status candidate or granted: budget = the
///   awarded amount, rate = the award's rate when set, else the fund's; or with
///   candidateFunds: those funds with budget = the fund's budget minus its granted awards on
///   other projects; caps, categories, priority, cumulation group and type from kk_fund;
/// - partners: the coalition's members (not those who left), then every other actor who bears
///   a cost item; id = actor code;
/// - key: fixed_share from kk_coalition_member.share, territory_share = m² of the partner's
///   municipality (actor NIS code) inside the project perimeter (core/geo OverlapIndex),
///   further criteria from the coalition's stored inputs (kk_coalition_key_input; territory
///   only where the geometry gives none) and the key-input CSV, whose values win. Weights:
///   --key when given, else the coalition's stored key (kk_coalition_key_criterion; a stored
///   criterion without data is an error), else every criterion with data, equally. A criterion
///   without any data is left out, and the notes say so. Floors, caps and maximum
///   contributions come from kk_coalition_key_limit whenever a key applies.
class WorkspaceProblems {
  public:
    WorkspaceProblems(Workspace& ws, MappingOptions options);
    ~WorkspaceProblems();
    WorkspaceProblems(const WorkspaceProblems&) = delete;
    WorkspaceProblems& operator=(const WorkspaceProblems&) = delete;

    Result<ProjectProblem> project(std::string_view projectCode);
    /// Every project of the programme, by project code.
    Result<std::vector<ProjectProblem>> programme(std::string_view programmeCode,
                                                  Progress* progress = nullptr);
    /// Every project of the workspace, by project code.
    Result<std::vector<ProjectProblem>> all(Progress* progress = nullptr);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kk::alloc
