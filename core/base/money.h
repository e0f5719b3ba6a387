// Exact money: a whole number of euro cents with overflow-checked arithmetic.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/error.h"

namespace kk {

/// An amount of money in euro cents. Never floating point. Arithmetic that would overflow
/// int64 throws KkError("money.overflow") instead of wrapping.
class Money {
  public:
    constexpr Money() = default;
    static constexpr Money fromCents(std::int64_t cents) { return Money(cents); }
    /// Whole euros; throws on overflow.
    static Money fromEuros(std::int64_t euros);

    /// Parses amounts as people type them: "1234.56", "-12", "1.234,56", "€ 1 234,56",
    /// "1,234.56". More than two decimals is an error, never a silent rounding.
    static Result<Money> parse(std::string_view text);

    constexpr std::int64_t cents() const { return m_cents; }
    constexpr bool isZero() const { return m_cents == 0; }
    constexpr bool isNegative() const { return m_cents < 0; }

    /// Plain machine form: "-1234.56" (always two decimals, '.' separator).
    std::string toString() const;
    /// Dutch display form: "€ 1.234,56".
    std::string format() const;

    Money operator+(Money other) const;
    Money operator-(Money other) const;
    Money operator-() const;
    Money& operator+=(Money other);
    Money& operator-=(Money other);
    /// Multiplication by a whole count (e.g. units); throws on overflow.
    Money times(std::int64_t factor) const;

    constexpr auto operator<=>(const Money&) const = default;

  private:
    constexpr explicit Money(std::int64_t cents) : m_cents(cents) {}
    std::int64_t m_cents = 0;
};

constexpr Money minMoney(Money a, Money b) {
    return a < b ? a : b;
}
constexpr Money maxMoney(Money a, Money b) {
    return a < b ? b : a;
}

}  // namespace kk
