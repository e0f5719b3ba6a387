// Plugin data files: typed values, validity, and errors that name file, line and column.
#include <fstream>

#include <gtest/gtest.h>

#include "core/plugin/data_table.h"
#include "tests/plugin/test_util.h"

using namespace kk;
using kk::plugin::DataTable;

TEST(DataTable, ReadsTypedValuesAndValidity) {
    test::TempFolder dir;
    std::ofstream(dir.file("i.csv"))
        << "code,min_award,max_rate,cities,valid_from,valid_to,source\n"
        << "concept,60000,80%,\"11002; 44021\",2024-01-01,2025-12-31,seed-003 L2726\n"
        << "concept,65000.50,4/5,,2026-01-01,,proposal\n";
    auto t = DataTable::read(dir.file("i.csv"), "x: data/i.csv", {"code", "min_award"});
    ASSERT_TRUE(t.ok()) << t.error().message();
    ASSERT_EQ(t.value().rows().size(), 2u);
    const auto& r = t.value().rows()[0];
    EXPECT_EQ(r.money("min_award"), Money::fromEuros(60000));
    EXPECT_EQ(r.rate("max_rate"), Rate(4, 5));
    EXPECT_EQ(r.list("cities"), (std::vector<std::string>{"11002", "44021"}));
    EXPECT_EQ(r.line(), 2);
    const auto in2025 = t.value().validOn(Date(2025, 6, 1));
    ASSERT_EQ(in2025.size(), 1u);
    EXPECT_EQ(in2025[0]->line(), 2);
    const auto in2030 = t.value().validOn(Date(2030, 1, 1));
    ASSERT_EQ(in2030.size(), 1u);
    EXPECT_EQ(in2030[0]->money("min_award"), Money::fromCents(6500050));
}

TEST(DataTable, ErrorsNameFileLineAndColumn) {
    test::TempFolder dir;
    std::ofstream(dir.file("nosource.csv")) << "code,amount\nA,1\n";
    auto noSource = DataTable::read(dir.file("nosource.csv"), "p: data/nosource.csv", {"code"});
    ASSERT_FALSE(noSource.ok());
    EXPECT_EQ(noSource.error().code, "plugin.data_column");
    EXPECT_EQ(noSource.error().where, "p: data/nosource.csv line 1");

    std::ofstream(dir.file("bad.csv")) << "code,amount,source\nA,1,s\nB,lots,s\n";
    auto t = DataTable::read(dir.file("bad.csv"), "p: data/bad.csv", {"amount"});
    ASSERT_TRUE(t.ok());
    try {
        (void)t.value().rows()[1].money("amount");
        FAIL() << "no error";
    } catch (const KkError& e) {
        EXPECT_EQ(e.error().where, "p: data/bad.csv line 3, column amount");
    }

    std::ofstream(dir.file("empty_source.csv")) << "code,source\nA,\n";
    auto empty = DataTable::read(dir.file("empty_source.csv"), "p: e.csv", {});
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, "plugin.data_source");
}
