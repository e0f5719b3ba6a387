// The fund editor's form and award rows as text, and their conversion to Fund and Award with
// per-field and per-cell problems. No wx here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/entities.h"
#include "ui/views/record_rows.h"

namespace kk::ui {

/// Form field names of the fund editor, in form order.
const std::vector<std::string>& fundFieldNames();

struct ParsedFund {
    Fund fund;
    std::vector<FieldProblem> problems;
};

/// The form text of a stored fund (the programme field holds the programme id, "" for none).
FormText fundForm(const Fund& fund);
/// Parses the form over `base` (which keeps the id and anything the form does not show), then
/// runs core/model validate(Fund) and maps its findings to fields.
ParsedFund parseFundForm(const FormText& form, const Fund& base);

enum AwardColumn {
    kAwardProject,
    kAwardProjectName,
    kAwardAmount,
    kAwardRate,
    kAwardStatus,
    kAwardDecidedOn,
    kAwardConditions,
    kAwardColumnCount
};

/// Finds a project by its code: (id, name); nullopt when unknown.
using ProjectLookup =
    std::function<std::optional<std::pair<ProjectId, std::string>>(std::string_view code)>;

struct ParsedAward {
    Award award;
    std::vector<CellProblem> problems;
};

RecordRow awardRow(const Award& award, const std::string& projectCode,
                   const std::string& projectName);
/// Parses rows[index] as an award of `fund`; a project that another row names already is a
/// problem (a fund has one award per project).
ParsedAward parseAwardRow(const std::vector<RecordRow>& rows, std::size_t index, FundId fund,
                          const ProjectLookup& projects);

/// Granted and candidate totals of the valid rows.
struct AwardTotals {
    Money granted;
    Money candidate;
    int rows = 0;     ///< valid rows
    int invalid = 0;  ///< rows with a problem (blank rows count as neither)
};
AwardTotals awardTotals(const std::vector<RecordRow>& rows, FundId fund,
                        const ProjectLookup& projects);

}  // namespace kk::ui
