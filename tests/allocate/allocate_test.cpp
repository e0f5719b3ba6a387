// Unit tests of the strategies, limits, trace, invariant checker, errors and what-if.
#include <gtest/gtest.h>

#include "core/allocate/compare.h"
#include "core/allocate/invariants.h"
#include "core/allocate/strategy.h"

namespace kk::alloc {
namespace {

Money eur(std::int64_t cents) {
    return Money::fromCents(cents);
}

CostItem item(std::string id, std::string category, std::int64_t cents, std::string partner = "a",
              int year = 2025) {
    CostItem c;
    c.id = std::move(id);
    c.category = std::move(category);
    c.amount = eur(cents);
    c.partnerId = std::move(partner);
    c.year = year;
    return c;
}

Fund fund(std::string id, int pct, int priority, std::int64_t budgetCents = 1'000'000'000) {
    Fund f;
    f.id = std::move(id);
    f.name = f.id;
    f.maxRate = Rate::percent(pct);
    f.priority = priority;
    f.budget = eur(budgetCents);
    return f;
}

Problem baseProblem() {
    Problem p;
    p.projectId = "unit";
    p.partners.push_back(Partner{"a", "Partner A", {}, {}, {}, {}, {}});
    return p;
}

std::size_t fundIndex(const Allocation& a, const std::string& id) {
    for (std::size_t f = 0; f < a.fundIds.size(); ++f)
        if (a.fundIds[f] == id)
            return f;
    throw std::runtime_error("no fund " + id);
}

Allocation run(const std::string& strategy, const Problem& p) {
    auto s = makeStrategy(strategy);
    auto a = s.value()->allocate(p);
    if (!a)
        throw KkError(a.error());
    return std::move(a).value();
}

TEST(Waterfall, FundsInPriorityOrderAndTheRestGoesToPartners) {
    Problem p = baseProblem();
    p.costItems.push_back(item("works", "works", 100'000'00));
    p.funds.push_back(fund("topup", 100, 2));
    p.funds.push_back(fund("main", 50, 1));
    p.rules.minOwnContribution.rate = Rate::percent(10);
    const Allocation a = run("waterfall", p);
    EXPECT_EQ(a.cell(0, fundIndex(a, "main")), eur(50'000'00));
    EXPECT_EQ(a.cell(0, fundIndex(a, "topup")), eur(40'000'00));
    EXPECT_EQ(a.residual[0], eur(10'000'00));
    EXPECT_EQ(a.cellTrace(0, fundIndex(a, "main")).reason, Reason::Rate);
    EXPECT_EQ(a.cellTrace(0, fundIndex(a, "topup")).reason, Reason::MinOwnContribution);
    EXPECT_EQ(a.partners[0].residualPart, eur(10'000'00));
    EXPECT_NE(cellText(a, 0, fundIndex(a, "topup")).find("below its minimum"), std::string::npos);
}

TEST(Waterfall, CapsBudgetsAndCeilingsBindWithTheirNumbers) {
    Problem p = baseProblem();
    p.costItems.push_back(item("c1", "works", 1'000'00, "a", 2025));
    p.costItems.push_back(item("c2", "works", 1'000'00, "a", 2026));
    Fund capped = fund("capped", 80, 1);
    capped.capPerYear = eur(500'00);
    capped.cumulationGroups = {"public"};
    Fund other = fund("other", 100, 2, 300'00);
    other.cumulationGroups = {"public"};
    p.funds = {capped, other};
    p.rules.ceilings.push_back({"public", Rate::percent(60)});
    const Allocation a = run("waterfall", p);
    EXPECT_EQ(a.cell(0, 0), eur(500'00));
    EXPECT_EQ(a.cellTrace(0, 0).reason, Reason::CapPerYear);
    EXPECT_EQ(a.cellTrace(0, 0).limit, eur(500'00));
    EXPECT_EQ(a.cell(1, 0), eur(500'00));
    // public ceiling 60 % of 2000 = 1200: 'other' gets 200 more, not its budget of 300.
    EXPECT_EQ(a.fundTotals[1], eur(200'00));
    EXPECT_EQ(a.cellTrace(1, 1).reason, Reason::CumulationCeiling);
    EXPECT_EQ(a.cellTrace(1, 1).limit, eur(1'200'00));
    EXPECT_NE(cellText(a, 1, 1).find("'public'"), std::string::npos);
}

TEST(Waterfall, IneligibleCostsAndCategoriesAreNotFunded) {
    Problem p = baseProblem();
    p.costItems.push_back(item("ok", "works", 1'000'00));
    p.costItems.push_back(item("no", "works", 1'000'00));
    p.costItems.back().eligible = false;
    p.costItems.push_back(item("study", "study", 1'000'00));
    Fund f = fund("f", 100, 1);
    f.eligibleCategories = {"works"};
    p.funds = {f};
    const Allocation a = run("waterfall", p);
    EXPECT_EQ(a.cell(0, 0), eur(1'000'00));
    EXPECT_EQ(a.cellTrace(1, 0).reason, Reason::ItemNotEligible);
    EXPECT_EQ(a.cellTrace(2, 0).reason, Reason::CategoryNotEligible);
    EXPECT_EQ(a.eligibleCost, eur(2'000'00));
    EXPECT_EQ(a.residualTotal, eur(2'000'00));
}

TEST(ProRata, SplitsInProportionToRatesAndRedistributesWhatACapLeaves) {
    Problem p = baseProblem();
    p.costItems.push_back(item("c", "works", 1'000'00));
    p.funds = {fund("x", 60, 1), fund("y", 60, 1)};
    Allocation a = run("pro_rata", p);
    EXPECT_EQ(a.cell(0, 0), eur(500'00));
    EXPECT_EQ(a.cell(0, 1), eur(500'00));
    EXPECT_EQ(a.cellTrace(0, 0).reason, Reason::CostCovered);

    p.funds[0].capPerProject = eur(200'00);
    a = run("pro_rata", p);
    EXPECT_EQ(a.cell(0, 0), eur(200'00));
    EXPECT_EQ(a.cellTrace(0, 0).reason, Reason::CapPerProject);
    EXPECT_EQ(a.cell(0, 1), eur(600'00));  // the rest is offered again: y up to its rate
    EXPECT_EQ(a.cellTrace(0, 1).reason, Reason::Rate);
}

TEST(MaximiseExternal, FindsTheSplitWaterfallMisses) {
    // 'broad' may pay both items but has budget for one; 'narrow' may pay only works.
    Problem p = baseProblem();
    p.costItems.push_back(item("w", "works", 100'00));
    p.costItems.push_back(item("s", "study", 100'00));
    Fund broad = fund("broad", 100, 1, 100'00);
    Fund narrow = fund("narrow", 100, 2, 100'00);
    narrow.eligibleCategories = {"works"};
    p.funds = {broad, narrow};
    const Allocation w = run("waterfall", p);
    const Allocation x = run("maximise_external", p);
    EXPECT_EQ(w.externalTotal, eur(100'00));
    EXPECT_EQ(x.externalTotal, eur(200'00));
    EXPECT_EQ(x.cell(1, 0), eur(100'00));
    EXPECT_EQ(x.cell(0, 1), eur(100'00));
    EXPECT_TRUE(x.notes.empty());
}

TEST(MaximiseExternal, DeMinimisAcrossFundsHolds) {
    Problem p = baseProblem();
    p.partners[0].priorAid.push_back({Date(2024, 1, 10), eur(290'000'00), "earlier"});
    p.partners[0].priorAid.push_back({Date(2021, 1, 10), eur(290'000'00), "too old"});
    p.rules.deMinimis = DeMinimisRule{eur(300'000'00), 3, Date(2025, 6, 1)};
    p.costItems.push_back(item("c", "works", 100'000'00));
    Fund s1 = fund("s1", 50, 1);
    Fund s2 = fund("s2", 50, 2);
    s1.stateAid = s2.stateAid = true;
    Fund priv = fund("private", 30, 3);
    priv.type = FundType::Private;
    p.funds = {s1, s2, priv};
    for (const std::string s : {"waterfall", "pro_rata", "maximise_external"}) {
        const Allocation a = run(s, p);
        EXPECT_EQ(a.partners[0].deMinimisGranted, eur(10'000'00)) << s;
        EXPECT_EQ(a.partners[0].deMinimisPrior, eur(290'000'00)) << s;
        EXPECT_EQ(a.fundTotals[2], eur(30'000'00)) << s;
    }
}

TEST(MaximiseExternal, MayNotFundFullyLeavesTheLastCentToThePartners) {
    Problem p = baseProblem();
    p.costItems.push_back(item("c", "works", 1'000'00));
    Fund rand = fund("randfonds", 100, 1);
    rand.mayNotFundFully = true;
    p.funds = {rand};
    const Allocation a = run("maximise_external", p);
    EXPECT_EQ(a.cell(0, 0), eur(999'99));
    EXPECT_EQ(a.cellTrace(0, 0).reason, Reason::MayNotFundFully);
}

TEST(FlatRates, OfficeCostsAreARateOfTheStaffTotalRoundedDownOnce) {
    Problem p = baseProblem();
    p.costItems.push_back(item("s1", "staff", 333'33));
    p.costItems.push_back(item("s2", "staff", 333'34));
    p.flatRates.push_back({"office", "office", Rate::percent(15), {"staff"}});
    p.funds = {fund("f", 50, 1)};
    const Allocation a = run("waterfall", p);
    ASSERT_EQ(a.items.size(), 3u);
    EXPECT_EQ(a.items[2].id, "office:a:2025");
    // 15 % of 666,67 = 100,0005: one rounding on the total, not 50,00 + 50,00 per item.
    EXPECT_EQ(a.items[2].amount, eur(100'00));
    EXPECT_TRUE(a.generated[2]);
    EXPECT_EQ(a.cell(2, 0), eur(50'00));
}

TEST(Errors, BadInputsSayWhatAndWhere) {
    auto expectError = [](const Problem& p, const std::string& code, const std::string& where) {
        auto a = makeWaterfallStrategy()->allocate(p);
        ASSERT_FALSE(a.ok());
        EXPECT_EQ(a.error().code, code);
        EXPECT_NE(a.error().where.find(where), std::string::npos) << a.error().message();
        EXPECT_FALSE(a.error().hint.empty());
    };
    Problem p = baseProblem();
    p.costItems.push_back(item("c", "works", -5));
    p.funds = {fund("f", 50, 1)};
    expectError(p, "allocate.negative_amount", "cost_items[0] 'c'.amount");

    p.costItems[0].amount = eur(100);
    p.funds[0].maxRate = Rate::percent(120);
    expectError(p, "allocate.bad_rate", "funds[0] 'f'.max_rate");

    p.funds[0].maxRate = Rate::percent(50);
    p.funds[0].budget.reset();
    expectError(p, "allocate.no_budget", "funds[0] 'f'.budget");
    p.funds[0].budget = eur(0);
    expectError(p, "allocate.no_budget", "funds[0] 'f'.budget");

    p.funds[0].budget = eur(100);
    p.rules.minOwnContribution.amount = eur(200);
    expectError(p, "allocate.infeasible", "rules.min_own_contribution");

    p.rules.minOwnContribution.amount.reset();
    p.partners[0].maxContribution = eur(10);
    p.rules.minOwnContribution.rate = Rate::percent(50);
    expectError(p, "allocate.infeasible", "max_contribution");

    p.partners[0].maxContribution.reset();
    p.rules.ceilings.push_back({"public", Rate::percent(101)});
    expectError(p, "allocate.bad_rate", "rules.ceilings[0] 'public'");

    p.rules.ceilings.clear();
    p.costItems[0].partnerId = "nobody";
    expectError(p, "allocate.unknown_partner", "cost_items[0] 'c'.partner");

    p.costItems[0].partnerId = "a";
    p.flatRates.push_back({"office", "works", Rate::percent(15), {"staff"}});
    expectError(p, "allocate.contradictory_rules", "flat_rates[0] 'office'");
}

TEST(Errors, PartnerWhoCannotPayItsOwnResidual) {
    Problem p = baseProblem();
    p.partners[0].maxContribution = eur(100'00);
    p.costItems.push_back(item("c", "works", 1'000'00));
    p.funds = {fund("f", 50, 1)};
    auto a = makeWaterfallStrategy()->allocate(p);
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().code, "allocate.infeasible");
    EXPECT_NE(a.error().what.find("€ 500,00"), std::string::npos) << a.error().what;
}

TEST(Invariants, TamperedAllocationsAreCaught) {
    Problem p = baseProblem();
    p.costItems.push_back(item("c", "works", 1'000'00));
    Fund f = fund("f", 50, 1);
    f.rateMode = RateMode::Fixed;
    p.funds = {f};
    Allocation a = run("waterfall", p);
    auto clean = checkAllocation(p, a);
    ASSERT_TRUE(clean.ok());
    EXPECT_TRUE(clean.value().empty());

    Allocation over = a;
    over.cells[0] = eur(600'00);
    over.residual[0] = eur(400'00);
    auto v = checkAllocation(p, over).value();
    ASSERT_FALSE(v.empty());
    EXPECT_EQ(v.front().code, "rate");

    Allocation uncovered = a;
    uncovered.residual[0] = eur(1);
    EXPECT_FALSE(checkAllocation(p, uncovered).value().empty());

    Allocation lazy = a;  // a fixed-rate fund below its rate without a reached limit
    lazy.cells[0] = eur(400'00);
    lazy.residual[0] = eur(600'00);
    lazy.fundTotals[0] = eur(400'00);
    lazy.externalTotal = eur(400'00);
    lazy.ownContributionTotal = eur(600'00);
    lazy.residualTotal = eur(600'00);
    lazy.partners[0].residualPart = eur(600'00);
    lazy.trace[0].reason = Reason::StrategyChoice;
    v = checkAllocation(p, lazy).value();
    ASSERT_EQ(v.size(), 1u) << describeViolations(v);
    EXPECT_EQ(v.front().code, "fixed_rate");
}

TEST(CompleteAllocation, OutsideCellsAreCheckedNeverTrusted) {
    Problem p = baseProblem();
    p.costItems.push_back(item("c", "works", 1'000'00));
    p.funds = {fund("f", 50, 1)};
    auto ok = completeAllocation(p, "lua:even_split", {{"c", "f", eur(300'00)}});
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_EQ(ok.value().cellTrace(0, 0).reason, Reason::StrategyChoice);
    EXPECT_EQ(ok.value().residual[0], eur(700'00));

    auto tooMuch = completeAllocation(p, "lua:greedy", {{"c", "f", eur(600'00)}});
    ASSERT_FALSE(tooMuch.ok());
    EXPECT_EQ(tooMuch.error().code, "allocate.invariant");
    EXPECT_NE(tooMuch.error().what.find("rate"), std::string::npos);

    auto unknown = completeAllocation(p, "lua:x", {{"nope", "f", eur(1)}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "allocate.unknown_cell");
}

TEST(Compare, WhatIfShowsFundPartnerAndCellDifferences) {
    Problem p = baseProblem();
    p.costItems.push_back(item("w", "works", 100'00));
    p.costItems.push_back(item("s", "study", 100'00));
    Fund broad = fund("broad", 100, 1, 100'00);
    Fund narrow = fund("narrow", 100, 2, 100'00);
    narrow.eligibleCategories = {"works"};
    p.funds = {broad, narrow};
    const AllocationComparison c =
        compareAllocations(run("waterfall", p), run("maximise_external", p));
    EXPECT_EQ(c.external.diff(), eur(100'00));
    EXPECT_EQ(c.ownContribution.diff(), eur(-100'00));
    ASSERT_EQ(c.funds.size(), 2u);
    EXPECT_EQ(c.funds[1].total.diff(), eur(100'00));
    ASSERT_EQ(c.partners.size(), 1u);
    EXPECT_EQ(c.partners[0].residualPart.diff(), eur(-100'00));
    EXPECT_EQ(c.cells.size(), 3u);  // w×broad, s×broad, w×narrow
    EXPECT_NE(comparisonText(c).find("Cells that differ: 3"), std::string::npos);
}

TEST(Strategies, UnknownNameIsAnError) {
    auto s = makeStrategy("greedy");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().hint.find("maximise_external"), std::string::npos);
    EXPECT_EQ(builtinStrategyNames().size(), 3u);
}

}  // namespace
}  // namespace kk::alloc
