// Display and machine text for report cells, axis values and legends.
#include "core/report/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kk::report {
namespace {

std::string group(const std::string& digits, char sep) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += sep;
        out += digits[i];
    }
    return out;
}

/// "-1234.50" (machine form) → "-1.234,50".
std::string dutchFromMachine(const std::string& machine) {
    std::string sign;
    std::string body = machine;
    if (!body.empty() && body[0] == '-') {
        sign = "-";
        body.erase(0, 1);
    }
    const auto dot = body.find('.');
    std::string intPart = body.substr(0, dot);
    std::string out = sign + group(intPart, '.');
    if (dot != std::string::npos)
        out += ',' + body.substr(dot + 1);
    return out;
}

std::string two(int v) {
    return (v < 10 ? "0" : "") + std::to_string(v);
}

}  // namespace

std::string formatNumber(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    if (s == "-0" || s.find_first_not_of("-0.") == std::string::npos)
        s.erase(0, s[0] == '-' ? 1 : 0);  // never show "-0,0"
    return dutchFromMachine(s);
}

std::string formatAxisValue(double value, double step, bool money) {
    const std::string prefix = money ? "€ " : "";
    if (std::fabs(value) < std::fabs(step) * 1e-9)
        return prefix + "0";  // not "0 mln" or "0,0"
    const double mag = std::max(std::fabs(value), std::fabs(step));
    auto decimalsFor = [](double s) {
        int d = 0;
        while (d < 6 && std::fabs(s * std::pow(10.0, d) - std::round(s * std::pow(10.0, d))) >
                            1e-6 * std::pow(10.0, d))
            ++d;
        return d;
    };
    if (mag >= 1e6 && std::fabs(step) >= 1e5) {
        return prefix + formatNumber(value / 1e6, decimalsFor(step / 1e6)) + " mln";
    }
    return prefix + formatNumber(value, decimalsFor(step));
}

std::string formatDisplay(const Cell& cell, const Column& column) {
    const auto& v = cell.value();
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    if (const auto* m = std::get_if<Money>(&v))
        return m->format();
    if (const auto* r = std::get_if<Rate>(&v))
        return r->formatPercent();
    if (const auto* n = std::get_if<std::int64_t>(&v))
        return column.grouping ? dutchFromMachine(std::to_string(*n)) : std::to_string(*n);
    if (const auto* d = std::get_if<Decimal>(&v)) {
        // Show the column's decimals; extra decimals of the value are rounded for display
        // only, the cell itself keeps its exact value.
        const int places = std::clamp(column.decimals, 0, 9);
        if (d->places <= places)
            return dutchFromMachine(d->withPlaces(places).toString());
        return formatNumber(d->toDouble(), places);
    }
    if (const auto* dt = std::get_if<Date>(&v))
        return two(dt->day()) + "/" + two(dt->month()) + "/" + std::to_string(dt->year());
    return {};
}

std::string formatMachine(const Cell& cell, char decimalSep) {
    const auto& v = cell.value();
    std::string out;
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    if (const auto* m = std::get_if<Money>(&v)) {
        out = m->toString();
    } else if (const auto* r = std::get_if<Rate>(&v)) {
        // Exact to the millionth (ppm); trailing zeros dropped.
        const Money ppm =
            Rate(r->num(), r->den()).apply(Money::fromCents(1'000'000), Rounding::HalfUp);
        out = Decimal{ppm.cents(), 6}.toString();
        while (out.back() == '0')
            out.pop_back();
        if (out.back() == '.')
            out.pop_back();
        if (out == "-0")
            out = "0";
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return std::to_string(*n);
    } else if (const auto* d = std::get_if<Decimal>(&v)) {
        out = d->toString();
    } else if (const auto* dt = std::get_if<Date>(&v)) {
        return dt->toString();
    } else {
        return {};
    }
    if (decimalSep != '.')
        for (char& c : out)
            if (c == '.')
                c = decimalSep;
    return out;
}

}  // namespace kk::report
