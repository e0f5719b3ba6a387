// Calendar dates and validity periods (no time zones: the domain works in whole days).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/error.h"

namespace kk {

/// A valid Gregorian calendar date.
class Date {
  public:
    /// 1970-01-01.
    Date() = default;
    /// Throws KkError when the date does not exist.
    Date(int year, int month, int day);
    /// "2025-01-01" (ISO) or "1/1/2025", "01-01-2025" (Belgian day-month-year).
    static Result<Date> parse(std::string_view text);
    static Date today();
    static Date fromDays(int daysSinceEpoch);

    int year() const { return m_year; }
    int month() const { return m_month; }
    int day() const { return m_day; }
    /// Days since 1970-01-01.
    int toDays() const;
    Date addDays(int days) const;
    /// Same day n years later (29 Feb becomes 28 Feb).
    Date addYears(int years) const;
    std::string toString() const;  ///< ISO 8601

    auto operator<=>(const Date&) const = default;

  private:
    int m_year = 1970;
    int m_month = 1;
    int m_day = 1;
};

/// A closed period [from, to]; an absent end means open-ended ("valid until further notice").
struct Period {
    Date from{1900, 1, 1};
    std::optional<Date> to;

    bool contains(const Date& d) const { return from <= d && (!to || d <= *to); }
    bool overlaps(const Period& o) const;
    /// Error when to < from.
    Status validate() const;
    std::string toString() const;
};

}  // namespace kk
