// Parsing of typed values for the record editors.
#include "ui/views/record_rows.h"

#include <algorithm>
#include <cctype>

namespace kk::ui {

std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

std::string cellOf(const RecordRow& row, std::size_t column) {
    return column < row.cells.size() ? trimmed(row.cells[column]) : std::string();
}

std::string fieldOf(const FormText& form, const std::string& field) {
    auto it = form.find(field);
    return it == form.end() ? std::string() : trimmed(it->second);
}

std::optional<int> parseYear(std::string_view text) {
    const std::string t = trimmed(text);
    if (t.size() != 4 ||
        !std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
        return std::nullopt;
    const int year = std::stoi(t);
    if (year < 1900 || year > 2200)
        return std::nullopt;
    return year;
}

std::optional<std::string> parseDecimal(std::string_view text) {
    std::string t;
    for (char c : trimmed(text))
        if (c != ' ')
            t += c;
    if (t.empty())
        return std::nullopt;
    std::string sign;
    if (t[0] == '-' || t[0] == '+') {
        if (t[0] == '-')
            sign = "-";
        t.erase(0, 1);
    }
    const auto commas = std::count(t.begin(), t.end(), ',');
    const auto dots = std::count(t.begin(), t.end(), '.');
    char decimal = 0;
    if (commas > 0 && dots > 0)
        decimal = t.find_last_of(',') > t.find_last_of('.') ? ',' : '.';
    else if (commas == 1)
        decimal = ',';
    else if (dots == 1)
        decimal = '.';
    else if (commas > 1 || dots > 1)
        decimal = 0;  // only thousands separators
    std::string whole;
    std::string fraction;
    bool inFraction = false;
    for (char c : t) {
        if (c == decimal && !inFraction) {
            inFraction = true;
        } else if (c == ',' || c == '.') {
            if (inFraction)
                return std::nullopt;  // a separator after the decimal one
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            (inFraction ? fraction : whole) += c;
        } else {
            return std::nullopt;
        }
    }
    if (whole.empty() && fraction.empty())
        return std::nullopt;
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
    if (whole.empty())
        whole = "0";
    while (!fraction.empty() && fraction.back() == '0')
        fraction.pop_back();
    if (whole == "0" && fraction.empty())
        sign.clear();
    return sign + whole + (fraction.empty() ? "" : "." + fraction);
}

std::string decimalText(std::string_view machine) {
    std::string out(machine);
    std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

std::optional<Rate> parseRateText(std::string_view text) {
    auto r = Rate::parse(trimmed(text));
    if (!r)
        return std::nullopt;
    return r.value();
}

std::string rateText(const Rate& rate) {
    const std::string percent = rate.formatPercent();
    // Shares such as 1/3 have no exact percentage: show the fraction, so saving an untouched
    // field does not round the stored value.
    if (auto back = Rate::parse(percent); back && back.value() == rate)
        return percent;
    return rate.toString();
}

Optional<Date> parseOptionalDate(std::string_view text) {
    const std::string t = trimmed(text);
    if (t.empty())
        return {};
    auto d = Date::parse(t);
    if (!d)
        return {false, std::nullopt};
    return {true, d.value()};
}

Optional<Money> parseOptionalMoney(std::string_view text) {
    const std::string t = trimmed(text);
    if (t.empty())
        return {};
    auto m = Money::parse(t);
    if (!m)
        return {false, std::nullopt};
    return {true, m.value()};
}

Optional<Rate> parseOptionalRate(std::string_view text) {
    const std::string t = trimmed(text);
    if (t.empty())
        return {};
    auto r = parseRateText(t);
    if (!r)
        return {false, std::nullopt};
    return {true, *r};
}

std::string dateText(const std::optional<Date>& d) {
    return d ? d->toString() : std::string();
}

std::string moneyText(const std::optional<Money>& m) {
    return m ? m->format() : std::string();
}

}  // namespace kk::ui
