// The indicator editor's definition form and its target and measurement rows as text, and
// their conversion to Indicator, Target and Measurement with per-field and per-cell problems.
// Values are decimals kept as text (indicator values are not money). No wx here.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/model/entities.h"
#include "ui/views/record_rows.h"

namespace kk::ui {

FormText indicatorForm(const Indicator& indicator);
struct ParsedIndicator {
    Indicator indicator;
    std::vector<FieldProblem> problems;
};
/// `codeTaken` says whether another indicator already uses a code.
ParsedIndicator parseIndicatorForm(const FormText& form, const Indicator& base,
                                   const std::function<bool(const std::string&)>& codeTaken);

enum TargetColumn {
    kTargetYear,
    kTargetBaseline,
    kTargetValue,
    kTargetMilestone,
    kTargetColumnCount
};
enum MeasurementColumn {
    kMeasurementYear,
    kMeasurementValue,
    kMeasurementSource,
    kMeasurementColumnCount
};

struct ParsedTarget {
    Target target;
    std::vector<CellProblem> problems;
};
struct ParsedMeasurement {
    Measurement measurement;
    std::vector<CellProblem> problems;
};

RecordRow targetRow(const Target& t);
RecordRow measurementRow(const Measurement& m);
/// Parses rows[index]; a year that another row has already is a problem (one target and one
/// measurement per year and subject).
ParsedTarget parseTargetRow(const std::vector<RecordRow>& rows, std::size_t index,
                            IndicatorId indicator, Subject subject);
ParsedMeasurement parseMeasurementRow(const std::vector<RecordRow>& rows, std::size_t index,
                                      IndicatorId indicator, Subject subject);

/// "I-007": the next free indicator code given the codes in use.
std::string nextIndicatorCode(const std::vector<std::string>& used);

}  // namespace kk::ui
