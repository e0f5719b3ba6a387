// Rate: exact fractions, parsing, application to money with explicit rounding.
#include "core/base/rate.h"

#include <gtest/gtest.h>

using kk::Money;
using kk::Rate;
using kk::Rounding;

TEST(Rate, ParsesPercentDecimalAndFraction) {
    EXPECT_EQ(Rate::parse("80%").value(), Rate(4, 5));
    EXPECT_EQ(Rate::parse("12,5 %").value(), Rate(1, 8));
    EXPECT_EQ(Rate::parse("0.8").value(), Rate(4, 5));
    EXPECT_EQ(Rate::parse("1/3").value(), Rate(1, 3));
    EXPECT_EQ(Rate::parse("1").value(), Rate::one());
    EXPECT_FALSE(Rate::parse("1/0"));
    EXPECT_FALSE(Rate::parse("eighty"));
    EXPECT_FALSE(Rate::parse("%"));
}

TEST(Rate, IsReducedAndComparesExactly) {
    const Rate r(50, 100);
    EXPECT_EQ(r.num(), 1);
    EXPECT_EQ(r.den(), 2);
    EXPECT_LT(Rate(1, 3), Rate(333334, 1000000));
    EXPECT_GT(Rate(1, 3), Rate(333333, 1000000));
    EXPECT_EQ(Rate(1, 3) + Rate(1, 6), Rate(1, 2));
    EXPECT_EQ(Rate(2, 3) * Rate(3, 4), Rate(1, 2));
    EXPECT_EQ(Rate(1, 2) / Rate(1, 4), Rate(2, 1));
    EXPECT_THROW(Rate(1, 0), kk::KkError);
    EXPECT_THROW(Rate(1, 2) / Rate::zero(), kk::KkError);
}

TEST(Rate, AppliesToMoneyWithTheRequestedRounding) {
    const Money m = Money::fromCents(100);  // € 1,00
    EXPECT_EQ(Rate(1, 3).apply(m, Rounding::Down).cents(), 33);
    EXPECT_EQ(Rate(1, 3).apply(m, Rounding::Up).cents(), 34);
    EXPECT_EQ(Rate(2, 3).apply(m, Rounding::HalfUp).cents(), 67);
    EXPECT_EQ(Rate(1, 8).apply(Money::fromCents(4), Rounding::HalfUp).cents(), 1);  // 0.5 -> 1
    EXPECT_EQ(Rate(1, 8).apply(Money::fromCents(-4), Rounding::HalfUp).cents(), -1);
    EXPECT_EQ(Rate::percent(80).apply(Money::fromEuros(1000000)).cents(), 80000000);
}

TEST(Rate, FormatsAsPercentForPeople) {
    EXPECT_EQ(Rate(4, 5).formatPercent(), "80 %");
    EXPECT_EQ(Rate(1, 3).formatPercent(), "33,3333 %");
    EXPECT_EQ(Rate(1, 8).formatPercent(), "12,5 %");
    EXPECT_EQ(Rate(1, 3).toString(), "1/3");
}

TEST(Rate, OfMoney) {
    EXPECT_EQ(Rate::ofMoney(Money::fromCents(25), Money::fromCents(100)), Rate(1, 4));
    EXPECT_THROW(Rate::ofMoney(Money::fromCents(1), Money()), kk::KkError);
}
