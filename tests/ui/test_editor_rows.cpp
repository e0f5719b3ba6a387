// The record editors' parsing rules (no display needed): typed decimals and rates, fund form,
// award rows, member rows with the cost-sharing key preview, indicator targets and measurements.
#include <gtest/gtest.h>

#include "ui/views/coalition_key_rows.h"
#include "ui/views/coalition_rows.h"
#include "ui/views/expense_rows.h"
#include "ui/views/fund_rows.h"
#include "ui/views/indicator_rows.h"

namespace kk::ui {
namespace {

TEST(RecordRows, DecimalsAsPeopleTypeThem) {
    EXPECT_EQ(parseDecimal("12"), "12");
    EXPECT_EQ(parseDecimal("12,50"), "12.5");
    EXPECT_EQ(parseDecimal("1.250,75"), "1250.75");
    EXPECT_EQ(parseDecimal("1,250.75"), "1250.75");
    EXPECT_EQ(parseDecimal("-0,0"), "0");
    EXPECT_EQ(parseDecimal(" 007 "), "7");
    EXPECT_FALSE(parseDecimal("veel"));
    EXPECT_FALSE(parseDecimal(""));
    EXPECT_FALSE(parseDecimal("1,2,3.4.5"));
    EXPECT_EQ(parseYear("2026"), 2026);
    EXPECT_FALSE(parseYear("26"));
    EXPECT_FALSE(parseYear("3026"));
}

TEST(RecordRows, RateTextReadsBackExactly) {
    EXPECT_EQ(rateText(Rate::percent(50)), "50 %");
    EXPECT_EQ(parseRateText(rateText(Rate(1, 3))), Rate(1, 3));  // no rounding on save
    EXPECT_EQ(parseRateText("45 %"), Rate::percent(45));
    EXPECT_FALSE(parseRateText("veel"));
}

Fund storedFund() {
    Fund f;
    f.id = FundId(7);
    f.code = "F-1";
    f.name = "Fonds";
    f.maxRate = Rate::percent(50);
    f.budget = Money::fromEuros(1000);
    return f;
}

TEST(FundRows, FormRoundTripsAndNamesBadFields) {
    const Fund f = storedFund();
    FormText form = fundForm(f);
    ParsedFund same = parseFundForm(form, f);
    EXPECT_TRUE(same.problems.empty());
    EXPECT_EQ(same.fund.maxRate, f.maxRate);
    EXPECT_EQ(same.fund.budget, f.budget);
    EXPECT_EQ(same.fund.id, f.id);

    form["max_rate"] = "150 %";
    form["budget"] = "12x";
    form["cap_per_year"] = "-5";
    form["name"] = "";
    form["categories"] = "works; staff ,";
    const ParsedFund bad = parseFundForm(form, f);
    std::vector<std::string> fields;
    for (const auto& p : bad.problems)
        fields.push_back(p.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"name", "budget", "cap_per_year", "max_rate"}));
    EXPECT_EQ(bad.fund.eligibleCategories, (std::vector<std::string>{"works", "staff"}));
}

TEST(FundRows, AwardRowsCheckProjectAmountStatusAndDuplicates) {
    const ProjectLookup projects =
        [](std::string_view code) -> std::optional<std::pair<ProjectId, std::string>> {
        if (code == "P0001")
            return std::pair{ProjectId(1), std::string("Een")};
        return std::nullopt;
    };
    std::vector<RecordRow> rows{
        {0, {"P0001", "", "1.000,50", "40 %", "granted", "2026-01-31", ""}}};
    ParsedAward ok = parseAwardRow(rows, 0, FundId(7), projects);
    EXPECT_TRUE(ok.problems.empty());
    EXPECT_EQ(ok.award.amount, Money::fromCents(100050));
    EXPECT_EQ(ok.award.rate, Rate::percent(40));
    EXPECT_EQ(ok.award.status, AwardStatus::Granted);

    rows.push_back({0, {"P0001", "", "abc", "", "misschien", "31/2/2026", ""}});
    const ParsedAward bad = parseAwardRow(rows, 1, FundId(7), projects);
    std::vector<int> columns;
    for (const auto& p : bad.problems)
        columns.push_back(p.column);
    EXPECT_EQ(columns,
              (std::vector<int>{kAwardProject, kAwardAmount, kAwardStatus, kAwardDecidedOn}));
    EXPECT_EQ(bad.problems[0].labelKey, "award.problem.duplicate");
    const AwardTotals totals = awardTotals({rows[0]}, FundId(7), projects);
    EXPECT_EQ(totals.granted, Money::fromCents(100050));
}

TEST(CoalitionRows, KeyPreviewNormalisesFixedSharesAndSkipsLeavers) {
    const ActorNameLookup actors =
        [](std::string_view code) -> std::optional<std::pair<ActorId, std::string>> {
        if (code == "A" || code == "B" || code == "C")
            return std::pair{ActorId(code[0]), std::string(code)};
        return std::nullopt;
    };
    auto member = [](std::int64_t id, const char* actor, const char* role, const char* share,
                     const char* left) {
        RecordRow r{id, std::vector<std::string>(kMemberColumnCount)};
        r.cells[kMemberActor] = actor;
        r.cells[kMemberRole] = role;
        r.cells[kMemberShare] = share;
        r.cells[kMemberLeft] = left;
        return r;
    };
    std::vector<RecordRow> rows{member(1, "A", "lead", "60 %", ""),
                                member(2, "B", "member", "20 %", ""),
                                member(3, "C", "member", "20 %", "2024-12-31")};
    const KeyPreview key = previewKey(rows, CoalitionId(1), actors);
    ASSERT_EQ(key.status, "ok");
    EXPECT_EQ(key.entered, Rate::percent(80));
    EXPECT_EQ(key.shares[0], Rate(3, 4));
    EXPECT_EQ(key.shares[1], Rate(1, 4));
    EXPECT_FALSE(key.shares[2]);  // left the coalition: not in the key

    rows[1].cells[kMemberShare] = "120 %";
    rows[2].cells[kMemberActor] = "A";
    EXPECT_EQ(parseMemberRow(rows, 1, CoalitionId(1), actors).problems.at(0).labelKey,
              "form.problem.rate_range");
    EXPECT_EQ(parseMemberRow(rows, 2, CoalitionId(1), actors).problems.at(0).labelKey,
              "member.problem.duplicate");

    for (auto& r : rows)
        r.cells[kMemberShare] = "";
    EXPECT_EQ(previewKey(rows, CoalitionId(1), actors).status, "none");
}

TEST(CoalitionRows, StoredKeyCriteriaInputsAndCapGiveThePreview) {
    const ActorNameLookup actors =
        [](std::string_view code) -> std::optional<std::pair<ActorId, std::string>> {
        if (code == "A" || code == "B")
            return std::pair{ActorId(code[0]), std::string(code)};
        return std::nullopt;
    };
    std::vector<RecordRow> rows(2, RecordRow{0, std::vector<std::string>(kMemberColumnCount)});
    rows[0].cells[kMemberActor] = "A";
    rows[0].cells[kMemberRole] = "lead";
    rows[0].cells[kMemberShare] = "60 %";
    rows[0].cells[kMemberPopulation] = "10000";
    rows[1].cells[kMemberActor] = "B";
    rows[1].cells[kMemberRole] = "member";
    rows[1].cells[kMemberShare] = "20 %";
    rows[1].cells[kMemberPopulation] = "30000";
    rows[1].cells[kMemberCap] = "40 %";
    std::vector<RecordRow> criteria{{0, {"fixed_share", "50 %", ""}},
                                    {0, {"population", "50 %", ""}}};
    // Raw 50 % / 50 % (75 % and 25 % fixed, 25 % and 75 % population); B capped at 40 %.
    KeyPreview key = previewKey(rows, CoalitionId(1), actors, criteria);
    ASSERT_EQ(key.status, "ok") << (key.error ? key.error->what : "");
    EXPECT_TRUE(key.stored);
    ASSERT_EQ(key.weights.size(), 2u);
    EXPECT_EQ(key.weights[1], (std::pair<std::string, Rate>{"population", Rate(1, 2)}));
    EXPECT_EQ(key.shares[0], Rate(3, 5));
    EXPECT_EQ(key.shares[1], Rate(2, 5));
    EXPECT_EQ(key.adjustments[1], "capped at its cap share of 40 %");
    EXPECT_EQ(key.bounds[1], "cap");
    EXPECT_EQ(key.bounds[0], "");

    const CoalitionKey stored = keyFromRows(criteria, rows, CoalitionId(1), actors);
    ASSERT_EQ(stored.criteria.size(), 2u);
    ASSERT_EQ(stored.inputs.size(), 2u);
    EXPECT_EQ(stored.input(ActorId('B'), CostSharingCriterion::Population)->value, Rate(30'000, 1));
    ASSERT_EQ(stored.limits.size(), 1u);
    EXPECT_EQ(stored.limits[0].capShare, Rate::percent(40));

    // Weights that do not add up to 100 %: no shares until they do.
    criteria[1].cells[kCriterionWeight] = "70 %";
    key = previewKey(rows, CoalitionId(1), actors, criteria);
    EXPECT_EQ(key.status, "weights");
    EXPECT_FALSE(key.shares[0]);
    // A criterion nobody has a value for: the engine's message.
    criteria[1].cells[kCriterionWeight] = "50 %";
    criteria[1].cells[kCriterionKind] = "expected_benefit";
    key = previewKey(rows, CoalitionId(1), actors, criteria);
    ASSERT_EQ(key.status, "error");
    EXPECT_NE(key.error->what.find("every partner has 0"), std::string::npos) << key.error->what;
    criteria[1].cells[kCriterionWeight] = "veel";
    EXPECT_EQ(parseCriterionRow(criteria, 1, CoalitionId(1)).problems.at(0).labelKey,
              "form.problem.rate");
    criteria[1].cells[kCriterionKind] = "fixed_share";
    EXPECT_EQ(parseCriterionRow(criteria, 1, CoalitionId(1)).problems.at(0).labelKey,
              "criterion.problem.duplicate");
    // A territory criterion depends on each project's perimeter: no preview here.
    criteria[1] = {0, {"territory_share", "50 %", ""}};
    EXPECT_EQ(previewKey(rows, CoalitionId(1), actors, criteria).status, "territory");
    // A floor above the cap and a negative population are refused in their cells.
    rows[1].cells[kMemberFloor] = "50 %";
    rows[0].cells[kMemberPopulation] = "-5";
    EXPECT_EQ(parseMemberRow(rows, 1, CoalitionId(1), actors).problems.at(0).column, kMemberCap);
    EXPECT_EQ(parseMemberRow(rows, 0, CoalitionId(1), actors).problems.at(0).labelKey,
              "member.problem.key_value");
}

TEST(ExpenseRows, CodesCostItemsDatesAndAmountsAreChecked) {
    const CostItemLookup items = [](std::string_view code) -> std::optional<CostItemId> {
        if (code == "P0001-C01")
            return CostItemId(11);
        return std::nullopt;
    };
    const ProjectId project(1);
    const std::vector<RecordRow> rows{
        {0, {"F-2026-001", "P0001-C01", "3/2/2026", "1.250,50", "262,61", "scan 1", "Studie"}},
        {0, {"F-2026-002", "", "2026-02-10", "99,99", "", "", ""}},
        {0, {"F-2026-003", "P0009-C01", "30/2/2026", "-5", "x", "", ""}},
        {0, {"", "", "", "", "", "", ""}},
    };
    const ParsedExpense first = parseExpenseRow(rows, 0, project, items);
    EXPECT_TRUE(first.problems.empty());
    EXPECT_EQ(first.expense.costItemId, CostItemId(11));
    EXPECT_EQ(first.expense.date, Date(2026, 2, 3));
    EXPECT_EQ(first.expense.amount, Money::fromCents(125'050));
    EXPECT_EQ(first.expense.vat, Money::fromCents(26'261));
    EXPECT_EQ(first.expense.projectId, project);
    const ParsedExpense second = parseExpenseRow(rows, 1, project, items);
    EXPECT_TRUE(second.problems.empty());
    EXPECT_FALSE(second.expense.costItemId.has_value());  // not booked on a cost item yet
    EXPECT_EQ(second.expense.vat, Money());
    // Another project's cost item, a date that does not exist, a negative amount and
    // unreadable VAT: one problem each.
    const ParsedExpense bad = parseExpenseRow(rows, 2, project, items);
    std::vector<int> columns;
    for (const CellProblem& p : bad.problems)
        columns.push_back(p.column);
    EXPECT_EQ(columns,
              (std::vector<int>{kExpenseCostItem, kExpenseDate, kExpenseAmount, kExpenseVat}));
    // The same invoice number twice (case does not matter): both rows say so.
    const std::vector<RecordRow> twice{{0, {"F-1", "", "2026-01-01", "1", "", "", ""}},
                                       {0, {"f-1", "", "2026-01-02", "2", "", "", ""}}};
    for (std::size_t i : {0u, 1u}) {
        const auto dup = parseExpenseRow(twice, i, project, items).problems;
        ASSERT_EQ(dup.size(), 1u);
        EXPECT_EQ(dup[0].labelKey, "expense.problem.duplicate");
    }
    EXPECT_EQ(parseExpenseRow(rows, 3, project, items).problems.front().labelKey,
              "expense.problem.code_empty");
    // Totals count the valid rows only; the blank row is neither valid nor invalid.
    const ExpenseTotals totals = expenseTotals(rows, project, items);
    EXPECT_EQ(totals.rows, 2);
    EXPECT_EQ(totals.invalid, 1);
    EXPECT_EQ(totals.amount, Money::fromCents(125'050 + 9'999));
    EXPECT_EQ(totals.vat, Money::fromCents(26'261));
    // A stored expense shows as the row it was typed as.
    EXPECT_EQ(expenseRow(first.expense, "P0001-C01").cells[kExpenseAmount],
              Money::fromCents(125'050).format());
}

TEST(IndicatorRows, TargetsAndMeasurementsOnePerYear) {
    const Subject subject{SubjectKind::Project, 4};
    std::vector<RecordRow> targets{{0, {"2026", "100", "1.250,5", "1"}}, {0, {"2026", "", "", ""}}};
    const ParsedTarget t = parseTargetRow(targets, 0, IndicatorId(2), subject);
    EXPECT_EQ(t.target.value, "1250.5");
    EXPECT_EQ(targetRow(t.target).cells[kTargetValue], "1250,5");  // shown with a comma
    EXPECT_EQ(parseDecimal(decimalText("1250.5")), "1250.5");
    EXPECT_EQ(t.target.baseline, "100");
    EXPECT_TRUE(t.target.milestone);
    ASSERT_EQ(t.problems.size(), 1u);
    EXPECT_EQ(t.problems[0].labelKey, "indicator.problem.duplicate_year");
    const ParsedTarget empty = parseTargetRow(targets, 1, IndicatorId(2), subject);
    EXPECT_EQ(empty.problems.back().labelKey, "indicator.problem.value_empty");

    std::vector<RecordRow> measured{{0, {"2025", "veel", "telling"}}};
    const ParsedMeasurement m = parseMeasurementRow(measured, 0, IndicatorId(2), subject);
    ASSERT_EQ(m.problems.size(), 1u);
    EXPECT_EQ(m.problems[0].column, kMeasurementValue);

    Indicator base;
    base.code = "I-001";
    FormText form = indicatorForm(base);
    form["name"] = "Onthard";
    form["numerator"] = "private";
    auto taken = [](const std::string& code) { return code == "I-002"; };
    EXPECT_EQ(parseIndicatorForm(form, base, taken).problems.at(0).field, "denominator");
    form["numerator"] = "";
    form["code"] = "I-002";
    EXPECT_EQ(parseIndicatorForm(form, base, taken).problems.at(0).labelKey,
              "indicator.problem.code_taken");
    EXPECT_EQ(nextIndicatorCode({"I-001", "I-002"}), "I-003");
}

}  // namespace
}  // namespace kk::ui
