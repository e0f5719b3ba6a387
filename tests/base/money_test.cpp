// Money: parsing as people type amounts, formatting, checked arithmetic.
#include "core/base/money.h"

#include <gtest/gtest.h>

#include <limits>

using kk::Money;

TEST(Money, ParsesCommonNotations) {
    EXPECT_EQ(Money::parse("1234.56").value().cents(), 123456);
    EXPECT_EQ(Money::parse("1.234,56").value().cents(), 123456);
    EXPECT_EQ(Money::parse("1,234.56").value().cents(), 123456);
    EXPECT_EQ(Money::parse("€ 1 234,5").value().cents(), 123450);
    EXPECT_EQ(Money::parse("-12").value().cents(), -1200);
    EXPECT_EQ(Money::parse("7.500.000").value().cents(), 750000000);
    EXPECT_EQ(Money::parse("0,07").value().cents(), 7);
    EXPECT_EQ(Money::parse("5550000 EUR").value().cents(), 555000000);
}

TEST(Money, RefusesWhatIsNotAnAmount) {
    EXPECT_FALSE(Money::parse(""));
    EXPECT_FALSE(Money::parse("abc"));
    EXPECT_FALSE(Money::parse("12.345.6"));
    EXPECT_FALSE(Money::parse("1.2345"));  // four decimals is not an amount in cents
    EXPECT_FALSE(Money::parse("1,23,45"));
    EXPECT_FALSE(Money::parse("99999999999999999999"));
    EXPECT_FALSE(Money::parse("1.234,567"));  // the last separator is the decimal one
    EXPECT_FALSE(Money::parse("1,234.567"));
    EXPECT_FALSE(Money::parse("1234,567"));  // four digits cannot precede a thousands dot
    EXPECT_EQ(Money::parse("12.345").value().cents(), 1234500);  // Dutch thousands
    EXPECT_EQ(Money::parse("1.234.567,8").value().cents(), 123456780);
    const auto r = Money::parse("12x");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "money.parse");
    EXPECT_NE(r.error().message().find("12x"), std::string::npos);
}

TEST(Money, Formats) {
    EXPECT_EQ(Money::fromCents(123456).toString(), "1234.56");
    EXPECT_EQ(Money::fromCents(-5).toString(), "-0.05");
    EXPECT_EQ(Money::fromCents(750000000).format(), "€ 7.500.000,00");
    EXPECT_EQ(Money::fromCents(std::numeric_limits<std::int64_t>::min()).toString(),
              "-92233720368547758.08");
}

TEST(Money, ArithmeticIsCheckedNotWrapped) {
    const Money big = Money::fromCents(std::numeric_limits<std::int64_t>::max());
    EXPECT_THROW(big + Money::fromCents(1), kk::KkError);
    EXPECT_THROW(-big - Money::fromCents(2), kk::KkError);
    EXPECT_THROW(big.times(2), kk::KkError);
    EXPECT_THROW(Money::fromEuros(std::numeric_limits<std::int64_t>::max() / 10), kk::KkError);
    EXPECT_EQ((Money::fromEuros(3) - Money::fromCents(1)).cents(), 299);
}

TEST(Money, RoundTripsThroughText) {
    for (std::int64_t c : {0LL, 1LL, -1LL, 99LL, 100LL, 123456789LL, -987654321LL}) {
        const Money m = Money::fromCents(c);
        EXPECT_EQ(Money::parse(m.toString()).value(), m) << c;
    }
}
