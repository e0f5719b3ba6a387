// Indicator definition, target and measurement rows for the indicator editor.
#include "ui/views/indicator_rows.h"

#include <cstdio>
#include <set>

namespace kk::ui {
namespace {

template <class E>
void readEnum(const FormText& form, const std::string& field, E& value) {
    if (auto v = fromCode<E>(fieldOf(form, field)))
        value = *v;
}

/// The year cell: a problem when unreadable or when another row has the same year.
std::optional<int> yearOf(const std::vector<RecordRow>& rows, std::size_t index,
                          std::vector<CellProblem>& problems) {
    const std::string text = cellOf(rows[index], 0);
    auto year = parseYear(text);
    if (!year) {
        problems.push_back({0, "cost.problem.year", text, {}});
        return std::nullopt;
    }
    for (std::size_t other = 0; other < rows.size(); ++other)
        if (other != index && parseYear(cellOf(rows[other], 0)) == year) {
            problems.push_back({0, "indicator.problem.duplicate_year", text, {}});
            break;
        }
    return year;
}

}  // namespace

FormText indicatorForm(const Indicator& i) {
    return {{"code", i.code},
            {"name", i.name},
            {"unit", i.unit},
            {"type", std::string(toCode(i.type))},
            {"direction", std::string(toCode(i.direction))},
            {"aggregation", std::string(toCode(i.aggregation))},
            {"numerator", i.numerator},
            {"denominator", i.denominator}};
}

ParsedIndicator parseIndicatorForm(const FormText& form, const Indicator& base,
                                   const std::function<bool(const std::string&)>& codeTaken) {
    ParsedIndicator out;
    Indicator& i = out.indicator;
    i = base;
    i.code = fieldOf(form, "code");
    i.name = fieldOf(form, "name");
    i.unit = fieldOf(form, "unit");
    i.numerator = fieldOf(form, "numerator");
    i.denominator = fieldOf(form, "denominator");
    readEnum(form, "type", i.type);
    readEnum(form, "direction", i.direction);
    readEnum(form, "aggregation", i.aggregation);
    for (const char* field : {"code", "name"})
        if (fieldOf(form, field).empty())
            out.problems.push_back({field, "form.problem.required", {}, {}});
    if (!i.code.empty() && i.code != base.code && codeTaken && codeTaken(i.code))
        out.problems.push_back({"code", "indicator.problem.code_taken", i.code, {}});
    if (i.numerator.empty() != i.denominator.empty())
        out.problems.push_back(
            {i.numerator.empty() ? "numerator" : "denominator", "indicator.problem.ratio", {}, {}});
    return out;
}

RecordRow targetRow(const Target& t) {
    return {t.id.value,
            {std::to_string(t.year), decimalText(t.baseline), decimalText(t.value),
             t.milestone ? "1" : ""}};
}

RecordRow measurementRow(const Measurement& m) {
    return {m.id.value, {std::to_string(m.year), decimalText(m.value), m.source}};
}

ParsedTarget parseTargetRow(const std::vector<RecordRow>& rows, std::size_t index,
                            IndicatorId indicator, Subject subject) {
    ParsedTarget out;
    Target& t = out.target;
    t.id = TargetId(rows[index].id);
    t.indicatorId = indicator;
    t.subject = subject;
    if (auto y = yearOf(rows, index, out.problems))
        t.year = *y;
    const std::string baseline = cellOf(rows[index], kTargetBaseline);
    if (!baseline.empty()) {
        if (auto d = parseDecimal(baseline))
            t.baseline = *d;
        else
            out.problems.push_back({kTargetBaseline, "indicator.problem.value", baseline, {}});
    }
    const std::string value = cellOf(rows[index], kTargetValue);
    if (value.empty())
        out.problems.push_back({kTargetValue, "indicator.problem.value_empty", {}, {}});
    else if (auto d = parseDecimal(value))
        t.value = *d;
    else
        out.problems.push_back({kTargetValue, "indicator.problem.value", value, {}});
    const std::string milestone = cellOf(rows[index], kTargetMilestone);
    t.milestone = !milestone.empty() && milestone != "0";
    return out;
}

ParsedMeasurement parseMeasurementRow(const std::vector<RecordRow>& rows, std::size_t index,
                                      IndicatorId indicator, Subject subject) {
    ParsedMeasurement out;
    Measurement& m = out.measurement;
    m.id = MeasurementId(rows[index].id);
    m.indicatorId = indicator;
    m.subject = subject;
    if (auto y = yearOf(rows, index, out.problems))
        m.year = *y;
    const std::string value = cellOf(rows[index], kMeasurementValue);
    if (value.empty())
        out.problems.push_back({kMeasurementValue, "indicator.problem.value_empty", {}, {}});
    else if (auto d = parseDecimal(value))
        m.value = *d;
    else
        out.problems.push_back({kMeasurementValue, "indicator.problem.value", value, {}});
    m.source = cellOf(rows[index], kMeasurementSource);
    return out;
}

std::string nextIndicatorCode(const std::vector<std::string>& used) {
    const std::set<std::string> taken(used.begin(), used.end());
    for (int n = 1;; ++n) {
        char code[16];
        std::snprintf(code, sizeof code, "I-%03d", n);
        if (!taken.count(code))
            return code;
    }
}

}  // namespace kk::ui
