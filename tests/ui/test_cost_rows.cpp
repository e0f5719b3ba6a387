// Cost-row parsing, validation messages and spreadsheet paste splitting (no display needed).
#include <gtest/gtest.h>

#include "ui/views/cost_rows.h"

namespace kk::ui {
namespace {

CostRowText row(std::string category, std::string year, std::string partner, std::string amount,
                std::string eligible = "1") {
    CostRowText r;
    r.cells[kCostCategory] = std::move(category);
    r.cells[kCostYear] = std::move(year);
    r.cells[kCostPartner] = std::move(partner);
    r.cells[kCostAmount] = std::move(amount);
    r.cells[kCostEligible] = std::move(eligible);
    return r;
}

ActorLookup knownActors() {
    return [](std::string_view code) -> std::optional<ActorId> {
        if (code == "GEM-A")
            return ActorId(7);
        return std::nullopt;
    };
}

TEST(CostRows, ParsesAmountsAsPeopleTypeThem) {
    auto parsed =
        parseCostRow(row("works", "2026", "GEM-A", "1.234,56"), ProjectId(3), knownActors());
    EXPECT_TRUE(parsed.problems.empty());
    EXPECT_EQ(parsed.item.amount.cents(), 123456);
    EXPECT_EQ(parsed.item.year, 2026);
    EXPECT_EQ(parsed.item.partnerId->value, 7);
    EXPECT_EQ(parsed.item.projectId.value, 3);
    EXPECT_TRUE(parsed.item.eligible);
}

TEST(CostRows, MarksEachBadCell) {
    auto parsed =
        parseCostRow(row("", "26", "NOPE", "12,3456", "misschien"), ProjectId(1), knownActors());
    std::vector<int> columns;
    for (const auto& p : parsed.problems)
        columns.push_back(p.column);
    std::sort(columns.begin(), columns.end());
    EXPECT_EQ(columns, (std::vector<int>{kCostCategory, kCostYear, kCostPartner, kCostAmount,
                                         kCostEligible}));
    for (const auto& p : parsed.problems)
        if (p.column == kCostAmount) {
            EXPECT_EQ(p.labelKey, "cost.problem.amount");
            EXPECT_EQ(p.value, "12,3456");
        }
}

TEST(CostRows, NegativeAmountComesFromModelValidation) {
    auto parsed = parseCostRow(row("works", "2026", "", "-5"), ProjectId(1), knownActors());
    ASSERT_EQ(parsed.problems.size(), 1u);
    EXPECT_EQ(parsed.problems[0].column, kCostAmount);
    EXPECT_TRUE(parsed.problems[0].labelKey.empty());
    EXPECT_FALSE(parsed.problems[0].text.empty());
}

TEST(CostRows, SplitsSpreadsheetClipboardText) {
    auto table = parseTabularText("works\t2026\t\t12.000,00\r\nstaff\t2026\tGEM-A\t4500\r\n");
    ASSERT_EQ(table.size(), 2u);
    EXPECT_EQ(table[0], (std::vector<std::string>{"works", "2026", "", "12.000,00"}));
    EXPECT_EQ(table[1][2], "GEM-A");
    auto quoted = parseTabularText("\"two\nlines\"\tx");
    ASSERT_EQ(quoted.size(), 1u);
    EXPECT_EQ(quoted[0][0], "two\nlines");
    EXPECT_TRUE(parseTabularText("").empty());
}

TEST(CostRows, NextCodeSkipsUsedCodes) {
    EXPECT_EQ(nextCostCode("P0004", {}), "P0004-C01");
    EXPECT_EQ(nextCostCode("P0004", {"P0004-C01", "P0004-C02"}), "P0004-C03");
}

TEST(CostRows, BlankRowsAreIgnored) {
    CostRowText r;
    r.cells[kCostEligible] = "1";
    EXPECT_TRUE(isBlankRow(r));
    r.cells[kCostAmount] = "5";
    EXPECT_FALSE(isBlankRow(r));
}

}  // namespace
}  // namespace kk::ui
