// Date arithmetic through std::chrono's civil calendar.
#include "core/base/date.h"

#include <chrono>
#include <cstdio>

namespace kk {
namespace {

std::chrono::year_month_day ymd(int y, int m, int d) {
    return std::chrono::year_month_day{std::chrono::year{y},
                                       std::chrono::month{static_cast<unsigned>(m)},
                                       std::chrono::day{static_cast<unsigned>(d)}};
}

Error dateError(std::string_view text, const std::string& why) {
    return makeError("date.parse", "'" + std::string(text) + "' is not a date: " + why, {},
                     "write dates as YYYY-MM-DD, e.g. 2025-01-01");
}

bool allDigits(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

}  // namespace

Date::Date(int year, int month, int day) : m_year(year), m_month(month), m_day(day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        !ymd(year, month, day).ok())
        throw KkError(makeError("date.invalid", "the date " + std::to_string(year) + "-" +
                                                    std::to_string(month) + "-" +
                                                    std::to_string(day) + " does not exist"));
}

Result<Date> Date::parse(std::string_view text) {
    std::string_view t = text;
    while (!t.empty() && t.front() == ' ')
        t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ')
        t.remove_suffix(1);
    if (t.empty())
        return dateError(text, "empty");
    const char sep = t.find('-') != std::string_view::npos ? '-' : '/';
    std::string_view parts[3];
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) {
        const std::size_t end = i < 2 ? t.find(sep, start) : t.size();
        if (end == std::string_view::npos)
            return dateError(text, "expected three parts");
        parts[i] = t.substr(start, end - start);
        start = end + 1;
    }
    if (start <= t.size() && t.find(sep, start) != std::string_view::npos)
        return dateError(text, "too many parts");
    for (auto p : parts)
        if (!allDigits(p) || p.size() > 4)
            return dateError(text, "parts must be numbers");
    int y = 0;
    int m = 0;
    int d = 0;
    auto num = [](std::string_view s) { return std::stoi(std::string(s)); };
    if (parts[0].size() == 4) {
        y = num(parts[0]);
        m = num(parts[1]);
        d = num(parts[2]);
    } else if (parts[2].size() == 4) {
        d = num(parts[0]);
        m = num(parts[1]);
        y = num(parts[2]);
    } else {
        return dateError(text, "the year needs four digits");
    }
    if (m < 1 || m > 12)
        return dateError(text, "month " + std::to_string(m) + " does not exist");
    if (y < 1 || d < 1 || !ymd(y, m, d).ok())
        return dateError(text, "that day does not exist");
    return Date(y, m, d);
}

Date Date::today() {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return fromDays(static_cast<int>(now.time_since_epoch().count()));
}

Date Date::fromDays(int daysSinceEpoch) {
    const std::chrono::year_month_day v{std::chrono::sys_days{std::chrono::days{daysSinceEpoch}}};
    return Date(static_cast<int>(v.year()), static_cast<int>(static_cast<unsigned>(v.month())),
                static_cast<int>(static_cast<unsigned>(v.day())));
}

int Date::toDays() const {
    return static_cast<int>(
        std::chrono::sys_days{ymd(m_year, m_month, m_day)}.time_since_epoch().count());
}

Date Date::addDays(int days) const {
    return fromDays(toDays() + days);
}

Date Date::addYears(int years) const {
    int d = m_day;
    while (!ymd(m_year + years, m_month, d).ok())
        --d;
    return Date(m_year + years, m_month, d);
}

std::string Date::toString() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", m_year, m_month, m_day);
    return buf;
}

bool Period::overlaps(const Period& o) const {
    const bool startsBeforeOtherEnds = !o.to || from <= *o.to;
    const bool otherStartsBeforeThisEnds = !to || o.from <= *to;
    return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
}

Status Period::validate() const {
    if (to && *to < from)
        return makeError(
            "period.reversed",
            "the period ends (" + to->toString() + ") before it starts (" + from.toString() + ")",
            {}, "swap the dates or correct the end date");
    return {};
}

std::string Period::toString() const {
    return from.toString() + " – " + (to ? to->toString() : std::string("…"));
}

}  // namespace kk
