// The coalition editor's criteria grid as text (criterion, weight, where its values come from),
// converted to the stored key's criteria (core/model/coalition_key.h) with per-cell problems.
// The members' key cells are in coalition_rows.h. No wx here.
#pragma once

#include <string>
#include <vector>

#include "core/model/coalition_key.h"
#include "ui/views/record_rows.h"

namespace kk::ui {

enum CriterionColumn { kCriterionKind, kCriterionWeight, kCriterionSource, kCriterionColumnCount };

RecordRow criterionRow(const CoalitionKeyCriterion& c);

struct ParsedCriterion {
    CoalitionKeyCriterion criterion;
    std::vector<CellProblem> problems;
};
/// Parses rows[index]; a criterion named by another row is a problem.
ParsedCriterion parseCriterionRow(const std::vector<RecordRow>& rows, std::size_t index,
                                  CoalitionId coalition);

/// The catalog key that says where a criterion's values come from ("criterion.source.<code>").
std::string criterionSourceKey(const std::string& code);

}  // namespace kk::ui
