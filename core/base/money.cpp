// Parsing, formatting and checked arithmetic for Money.
#include "core/base/money.h"

#include <limits>

namespace kk {
namespace {

[[noreturn]] void overflow(const char* op) {
    throw KkError(makeError("money.overflow", std::string("amount too large (") + op + ")", {},
                            "amounts must stay below 92 233 720 368 547 758,07 euro"));
}

std::int64_t checkedAdd(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        overflow("addition");
    return r;
}

std::int64_t checkedSub(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r))
        overflow("subtraction");
    return r;
}

std::int64_t checkedMul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        overflow("multiplication");
    return r;
}

Error parseError(std::string_view text, std::string why) {
    return makeError("money.parse", "'" + std::string(text) + "' is not an amount: " + why, {},
                     "write amounts like 1234.56 or 1.234,56");
}

std::string groupThousands(std::string digits, char sep) {
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += sep;
        out += digits[static_cast<std::size_t>(i)];
    }
    return out;
}

}  // namespace

Money Money::fromEuros(std::int64_t euros) {
    return Money(checkedMul(euros, 100));
}

Result<Money> Money::parse(std::string_view text) {
    // Keep digits, signs and separators; drop currency signs and spaces (incl. NBSP bytes).
    std::string s;
    bool negative = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t' || c == '\'')
            continue;
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x82 &&
            static_cast<unsigned char>(text[i + 2]) == 0xAC) {  // UTF-8 euro sign
            i += 2;
            continue;
        }
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            ++i;  // no-break space
            continue;
        }
        if (c == 'E' && i + 2 < text.size() && text.substr(i, 3) == "EUR") {
            i += 2;
            continue;
        }
        if ((c == '-' || c == '+') && s.empty() && !negative) {
            negative = (c == '-');
            continue;
        }
        if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
            s += static_cast<char>(c);
            continue;
        }
        return parseError(text,
                          "unexpected character '" + std::string(1, static_cast<char>(c)) + "'");
    }
    if (s.empty())
        return parseError(text, "no digits");

    // The decimal separator is the last '.' or ',' when followed by 1 or 2 digits; every other
    // separator must group exactly three digits.
    const auto lastSep = s.find_last_of(".,");
    std::string intPart = s;
    std::string fracPart;
    if (lastSep != std::string::npos) {
        const std::size_t tail = s.size() - lastSep - 1;
        const bool sameSepElsewhere = s.find(s[lastSep]) != lastSep;
        // With both '.' and ',' present the last one is the decimal separator ("1.234,56").
        const bool bothKinds = s.find(s[lastSep] == '.' ? ',' : '.') != std::string::npos;
        if (tail >= 1 && tail <= 2 && !sameSepElsewhere) {
            intPart = s.substr(0, lastSep);
            fracPart = s.substr(lastSep + 1);
        } else if (bothKinds && !sameSepElsewhere) {
            return parseError(text, tail > 2 ? "more than two decimals" : "misplaced separator");
        } else if (tail != 3) {
            return parseError(text, tail > 3 ? "more than two decimals" : "misplaced separator");
        } else if (!sameSepElsewhere && lastSep > 3) {
            // "1234,567" cannot be thousands grouping (four digits before the separator).
            return parseError(text, "more than two decimals");
        }
    }
    // Validate grouping in the integer part.
    std::string digits;
    int sinceSep = -1;
    for (char c : intPart) {
        if (c == '.' || c == ',') {
            if (sinceSep == 0 || (sinceSep > 0 && sinceSep != 3) ||
                (sinceSep == -1 && digits.empty()))
                return parseError(text, "misplaced thousands separator");
            sinceSep = 0;
            continue;
        }
        digits += c;
        if (sinceSep >= 0)
            ++sinceSep;
    }
    if (sinceSep >= 0 && sinceSep != 3)
        return parseError(text, "misplaced thousands separator");
    if (digits.empty())
        digits = "0";
    if (fracPart.size() == 1)
        fracPart += '0';
    if (fracPart.empty())
        fracPart = "00";

    std::int64_t cents = 0;
    for (char c : digits + fracPart) {
        if (__builtin_mul_overflow(cents, 10, &cents) ||
            __builtin_add_overflow(cents, c - '0', &cents))
            return parseError(text, "too large");
    }
    return Money(negative ? -cents : cents);
}

std::string Money::toString() const {
    const bool neg = m_cents < 0;
    // Work in unsigned space so INT64_MIN formats correctly.
    const std::uint64_t abs =
        neg ? (~static_cast<std::uint64_t>(m_cents) + 1) : static_cast<std::uint64_t>(m_cents);
    std::string frac = std::to_string(abs % 100);
    if (frac.size() < 2)
        frac.insert(0, "0");
    return (neg ? "-" : "") + std::to_string(abs / 100) + "." + frac;
}

std::string Money::format() const {
    const bool neg = m_cents < 0;
    const std::uint64_t abs =
        neg ? (~static_cast<std::uint64_t>(m_cents) + 1) : static_cast<std::uint64_t>(m_cents);
    std::string frac = std::to_string(abs % 100);
    if (frac.size() < 2)
        frac.insert(0, "0");
    return std::string(neg ? "-" : "") + "€ " + groupThousands(std::to_string(abs / 100), '.') +
           "," + frac;
}

Money Money::operator+(Money other) const {
    return Money(checkedAdd(m_cents, other.m_cents));
}
Money Money::operator-(Money other) const {
    return Money(checkedSub(m_cents, other.m_cents));
}
Money Money::operator-() const {
    if (m_cents == std::numeric_limits<std::int64_t>::min())
        overflow("negation");
    return Money(-m_cents);
}
Money& Money::operator+=(Money other) {
    return *this = *this + other;
}
Money& Money::operator-=(Money other) {
    return *this = *this - other;
}
Money Money::times(std::int64_t factor) const {
    return Money(checkedMul(m_cents, factor));
}

}  // namespace kk
