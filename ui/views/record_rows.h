// What the fund, coalition and indicator editors share below wx: grid rows as text, form
// problems, and the parsing of the values people type (amounts, rates, dates, years, decimal
// indicator values). No wx here, so the rules are tested without a display.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/rate.h"
#include "ui/views/cost_rows.h"

namespace kk::ui {

/// A grid row as text: the stored id (0 for a new row) and one string per column, choice
/// columns holding codes.
struct RecordRow {
    std::int64_t id = 0;
    std::vector<std::string> cells;
};

/// A problem with one form field: `labelKey` is a catalog key whose {0} is `value`; when it is
/// empty, `text` is a message from core/model validation.
struct FieldProblem {
    std::string field;
    std::string labelKey;
    std::string value;
    std::string text;
};

/// The text of a form: field name -> text (choices give their code).
using FormText = std::map<std::string, std::string>;

std::string trimmed(std::string_view s);
/// The cell or field text, trimmed; empty when absent.
std::string cellOf(const RecordRow& row, std::size_t column);
std::string fieldOf(const FormText& form, const std::string& field);

/// Four digits between 1900 and 2200.
std::optional<int> parseYear(std::string_view text);
/// A decimal as people type it ("12", "-3,5", "1.250,75", "0.125"), returned in machine form
/// ("12", "-3.5", "1250.75", "0.125"); nullopt when it is not a number. Indicator values are
/// decimals kept as text, never floating point.
std::optional<std::string> parseDecimal(std::string_view text);
/// A stored decimal ("1250.75") as the grids show it, with a decimal comma ("1250,75"), which
/// parseDecimal reads back to the same value.
std::string decimalText(std::string_view machine);
/// "80 %", "0,8", "4/5" -> an exact rate; nullopt when unreadable.
std::optional<Rate> parseRateText(std::string_view text);
/// A rate for people: "80 %" (the display form Rate::parse reads back).
std::string rateText(const Rate& rate);

/// The outcome of an optional field: absent (blank), a value, or unreadable.
template <class T>
struct Optional {
    bool ok = true;
    std::optional<T> value;
};
Optional<Date> parseOptionalDate(std::string_view text);
Optional<Money> parseOptionalMoney(std::string_view text);
Optional<Rate> parseOptionalRate(std::string_view text);

std::string dateText(const std::optional<Date>& d);
std::string moneyText(const std::optional<Money>& m);

}  // namespace kk::ui
