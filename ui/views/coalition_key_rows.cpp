// Criteria rows of the coalition editor's cost-sharing key.
#include "ui/views/coalition_key_rows.h"

namespace kk::ui {

RecordRow criterionRow(const CoalitionKeyCriterion& c) {
    RecordRow row;
    row.id = c.id.value;
    row.cells.resize(kCriterionColumnCount);
    row.cells[kCriterionKind] = std::string(toCode(c.criterion));
    row.cells[kCriterionWeight] = rateText(c.weight);
    return row;
}

std::string criterionSourceKey(const std::string& code) {
    return fromCode<CostSharingCriterion>(code) ? "criterion.source." + code : std::string();
}

ParsedCriterion parseCriterionRow(const std::vector<RecordRow>& rows, std::size_t index,
                                  CoalitionId coalition) {
    ParsedCriterion out;
    const RecordRow& row = rows[index];
    CoalitionKeyCriterion& c = out.criterion;
    c.id = CoalitionKeyCriterionId(row.id);
    c.coalitionId = coalition;
    const std::string code = cellOf(row, kCriterionKind);
    if (auto k = fromCode<CostSharingCriterion>(code)) {
        c.criterion = *k;
        for (std::size_t other = 0; other < rows.size(); ++other)
            if (other != index && cellOf(rows[other], kCriterionKind) == code) {
                out.problems.push_back({kCriterionKind, "criterion.problem.duplicate", code, {}});
                break;
            }
    } else {
        out.problems.push_back({kCriterionKind, "criterion.problem.unknown", code, {}});
    }
    const std::string weight = cellOf(row, kCriterionWeight);
    if (weight.empty())
        out.problems.push_back({kCriterionWeight, "criterion.problem.weight_empty", {}, {}});
    else if (auto w = parseRateText(weight); !w)
        out.problems.push_back({kCriterionWeight, "form.problem.rate", weight, {}});
    else if (w->isNegative() || *w > Rate::one())
        out.problems.push_back({kCriterionWeight, "form.problem.rate_range", weight, {}});
    else
        c.weight = *w;
    return out;
}

}  // namespace kk::ui
