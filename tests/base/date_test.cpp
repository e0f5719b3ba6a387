// Dates and periods.
#include "core/base/date.h"

#include <gtest/gtest.h>

using kk::Date;
using kk::Period;

TEST(Date, ParsesIsoAndBelgianForms) {
    EXPECT_EQ(Date::parse("2025-01-01").value(), Date(2025, 1, 1));
    EXPECT_EQ(Date::parse("31/12/2024").value(), Date(2024, 12, 31));
    EXPECT_EQ(Date::parse(" 1-2-2024 ").value(), Date(2024, 2, 1));
    EXPECT_FALSE(Date::parse("2024-02-30"));
    EXPECT_FALSE(Date::parse("2023-02-29"));
    EXPECT_TRUE(Date::parse("2024-02-29"));
    EXPECT_FALSE(Date::parse("2024-13-01"));
    EXPECT_FALSE(Date::parse("24-01-01"));
    EXPECT_FALSE(Date::parse("tomorrow"));
    EXPECT_FALSE(Date::parse("2024-01-01-01"));
    EXPECT_THROW(Date(2023, 2, 29), kk::KkError);
}

TEST(Date, Arithmetic) {
    EXPECT_EQ(Date(1970, 1, 1).toDays(), 0);
    EXPECT_EQ(Date(2024, 12, 31).addDays(1), Date(2025, 1, 1));
    EXPECT_EQ(Date(2024, 2, 29).addYears(1), Date(2025, 2, 28));
    EXPECT_EQ(Date::fromDays(Date(2026, 11, 23).toDays()), Date(2026, 11, 23));
    EXPECT_EQ(Date(2026, 11, 23).toString(), "2026-11-23");
}

TEST(Period, ContainsAndOverlaps) {
    const Period old{Date(1977, 1, 1), Date(2024, 12, 31)};
    const Period now{Date(2025, 1, 1), std::nullopt};
    EXPECT_TRUE(old.contains(Date(2024, 12, 31)));
    EXPECT_FALSE(old.contains(Date(2025, 1, 1)));
    EXPECT_TRUE(now.contains(Date(2099, 1, 1)));
    EXPECT_FALSE(old.overlaps(now));
    EXPECT_TRUE(now.overlaps(Period{Date(2024, 6, 1), Date(2025, 6, 1)}));
    EXPECT_FALSE((Period{Date(2025, 1, 2), Date(2025, 1, 1)}).validate());
}
