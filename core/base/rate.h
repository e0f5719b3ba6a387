// Exact rates (co-financing percentages, shares) as reduced fractions of 64-bit integers.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/error.h"
#include "core/base/money.h"

namespace kk {

/// How a rate applied to money is turned into whole cents.
enum class Rounding {
    Down,    ///< toward zero: a fund never pays a cent more than its rate allows
    HalfUp,  ///< commercial rounding, half away from zero
    Up,      ///< away from zero
};

/// An exact non-negative-or-negative fraction num/den with den > 0, always reduced.
/// 80 % is Rate(4, 5); 1/3 stays exactly 1/3. Arithmetic is exact and overflow-checked.
class Rate {
  public:
    constexpr Rate() = default;
    /// Throws KkError when den == 0.
    Rate(std::int64_t num, std::int64_t den);
    static Rate percent(std::int64_t pct) { return Rate(pct, 100); }
    static Rate ppm(std::int64_t partsPerMillion) { return Rate(partsPerMillion, 1'000'000); }
    static constexpr Rate zero() { return Rate(); }
    static Rate one() { return Rate(1, 1); }

    /// Accepts "80%", "80 %", "12.5%", "0.8", "0,8", "3/4", "1".
    static Result<Rate> parse(std::string_view text);

    constexpr std::int64_t num() const { return m_num; }
    constexpr std::int64_t den() const { return m_den; }
    bool isZero() const { return m_num == 0; }
    bool isNegative() const { return m_num < 0; }

    /// Exact text: "4/5".
    std::string toString() const;
    /// Percentage for people, with up to 4 decimals: "80 %", "33,3333 %".
    std::string formatPercent() const;
    /// Nearest approximation as a double, for display and charts only.
    double toDouble() const { return static_cast<double>(m_num) / static_cast<double>(m_den); }

    /// amount × rate rounded to whole cents.
    Money apply(Money amount, Rounding rounding = Rounding::Down) const;

    Rate operator+(const Rate& o) const;
    Rate operator-(const Rate& o) const;
    Rate operator*(const Rate& o) const;
    /// Throws on division by zero.
    Rate operator/(const Rate& o) const;

    std::strong_ordering operator<=>(const Rate& o) const;
    bool operator==(const Rate& o) const = default;

    /// The fraction part/whole of two amounts; whole must not be zero.
    static Rate ofMoney(Money part, Money whole);

  private:
    static Rate fromWide(__int128 num, __int128 den);
    std::int64_t m_num = 0;
    std::int64_t m_den = 1;
};

/// Integer division of a 128-bit numerator, rounded as asked.
__int128 divideRounded(__int128 num, __int128 den, Rounding rounding);

}  // namespace kk
