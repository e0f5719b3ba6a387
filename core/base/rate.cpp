// Exact rational arithmetic for Rate.
#include "core/base/rate.h"

#include <limits>
#include <numeric>

namespace kk {
namespace {

__int128 gcd128(__int128 a, __int128 b) {
    if (a < 0)
        a = -a;
    if (b < 0)
        b = -b;
    while (b != 0) {
        const __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

[[noreturn]] void rateOverflow() {
    throw KkError(makeError("rate.overflow", "rate arithmetic overflowed", {},
                            "use simpler rates (e.g. percentages with at most 6 decimals)"));
}

Error rateParseError(std::string_view text, const std::string& why) {
    return makeError("rate.parse", "'" + std::string(text) + "' is not a rate: " + why, {},
                     "write rates like 80%, 0.8 or 4/5");
}

}  // namespace

__int128 divideRounded(__int128 num, __int128 den, Rounding rounding) {
    if (den < 0) {
        num = -num;
        den = -den;
    }
    __int128 q = num / den;  // truncates toward zero
    const __int128 r = num % den;
    if (r == 0)
        return q;
    const int sign = num < 0 ? -1 : 1;
    switch (rounding) {
        case Rounding::Down:
            return q;
        case Rounding::Up:
            return q + sign;
        case Rounding::HalfUp: {
            const __int128 twice = (r < 0 ? -r : r) * 2;
            return twice >= den ? q + sign : q;
        }
    }
    return q;
}

Rate::Rate(std::int64_t num, std::int64_t den) {
    if (den == 0)
        throw KkError(makeError("rate.zero_denominator", "a rate cannot have denominator zero"));
    *this = fromWide(num, den);
}

Rate Rate::fromWide(__int128 num, __int128 den) {
    if (den == 0)
        rateOverflow();
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const __int128 g = gcd128(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    constexpr __int128 kMax = std::numeric_limits<std::int64_t>::max();
    if (num > kMax || num < -kMax || den > kMax)
        rateOverflow();
    Rate r;
    r.m_num = static_cast<std::int64_t>(num);
    r.m_den = static_cast<std::int64_t>(den);
    return r;
}

Result<Rate> Rate::parse(std::string_view text) {
    std::string s;
    for (char c : text)
        if (c != ' ')
            s += c;
    if (s.empty())
        return rateParseError(text, "empty");
    bool pct = false;
    if (s.back() == '%') {
        pct = true;
        s.pop_back();
    }
    std::int64_t num = 0;
    std::int64_t den = 1;
    bool negative = false;
    std::size_t i = 0;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        i = 1;
    }
    bool seenSep = false;
    bool seenSlash = false;
    std::int64_t slashDen = 0;
    bool any = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (seenSlash) {
                if (__builtin_mul_overflow(slashDen, 10, &slashDen) ||
                    __builtin_add_overflow(slashDen, c - '0', &slashDen))
                    return rateParseError(text, "too many digits");
                continue;
            }
            if (__builtin_mul_overflow(num, 10, &num) || __builtin_add_overflow(num, c - '0', &num))
                return rateParseError(text, "too many digits");
            if (seenSep && __builtin_mul_overflow(den, 10, &den))
                return rateParseError(text, "too many decimals");
        } else if ((c == '.' || c == ',') && !seenSep && !seenSlash) {
            seenSep = true;
        } else if (c == '/' && !seenSlash && !seenSep && !pct) {
            seenSlash = true;
        } else {
            return rateParseError(text, std::string("unexpected '") + c + "'");
        }
    }
    if (!any)
        return rateParseError(text, "no digits");
    if (seenSlash) {
        if (slashDen == 0)
            return rateParseError(text, "denominator is zero");
        den = slashDen;
    }
    if (pct && __builtin_mul_overflow(den, 100, &den))
        return rateParseError(text, "too precise");
    return Rate(negative ? -num : num, den);
}

std::string Rate::toString() const {
    if (m_den == 1)
        return std::to_string(m_num);
    return std::to_string(m_num) + "/" + std::to_string(m_den);
}

std::string Rate::formatPercent() const {
    // percentage × 10^4, rounded half up, then printed with trailing zeros trimmed.
    const __int128 scaled =
        divideRounded(static_cast<__int128>(m_num) * 1'000'000, m_den, Rounding::HalfUp);
    const bool neg = scaled < 0;
    const auto abs = static_cast<long long>(neg ? -scaled : scaled);
    std::string out = (neg ? "-" : "") + std::to_string(abs / 10000);
    std::string frac = std::to_string(abs % 10000);
    while (frac.size() < 4)
        frac.insert(0, "0");
    while (!frac.empty() && frac.back() == '0')
        frac.pop_back();
    if (!frac.empty())
        out += "," + frac;
    return out + " %";
}

Money Rate::apply(Money amount, Rounding rounding) const {
    const __int128 v =
        divideRounded(static_cast<__int128>(amount.cents()) * m_num, m_den, rounding);
    if (v > std::numeric_limits<std::int64_t>::max() ||
        v < std::numeric_limits<std::int64_t>::min())
        rateOverflow();
    return Money::fromCents(static_cast<std::int64_t>(v));
}

Rate Rate::operator+(const Rate& o) const {
    return fromWide(static_cast<__int128>(m_num) * o.m_den + static_cast<__int128>(o.m_num) * m_den,
                    static_cast<__int128>(m_den) * o.m_den);
}
Rate Rate::operator-(const Rate& o) const {
    return fromWide(static_cast<__int128>(m_num) * o.m_den - static_cast<__int128>(o.m_num) * m_den,
                    static_cast<__int128>(m_den) * o.m_den);
}
Rate Rate::operator*(const Rate& o) const {
    return fromWide(static_cast<__int128>(m_num) * o.m_num, static_cast<__int128>(m_den) * o.m_den);
}
Rate Rate::operator/(const Rate& o) const {
    if (o.m_num == 0)
        throw KkError(makeError("rate.division_by_zero", "division of a rate by zero"));
    return fromWide(static_cast<__int128>(m_num) * o.m_den, static_cast<__int128>(m_den) * o.m_num);
}

std::strong_ordering Rate::operator<=>(const Rate& o) const {
    const __int128 l = static_cast<__int128>(m_num) * o.m_den;
    const __int128 r = static_cast<__int128>(o.m_num) * m_den;
    if (l < r)
        return std::strong_ordering::less;
    if (l > r)
        return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

Rate Rate::ofMoney(Money part, Money whole) {
    if (whole.isZero())
        throw KkError(makeError("rate.division_by_zero", "share of a zero amount is undefined"));
    return fromWide(part.cents(), whole.cents());
}

}  // namespace kk
