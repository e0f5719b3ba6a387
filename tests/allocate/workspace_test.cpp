// Allocation from a workspace: problems mapped from the demo workspace (cost items, awards,
// candidate funds, coalition members, territory shares from the generated geometry), runs
// stored in kk_allocation_run, reproduced from their stored input and compared with new runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "core/allocate/candidate_awards.h"
#include "core/allocate/json.h"
#include "core/allocate/run_store.h"
#include "core/allocate/workspace_problem.h"
#include "core/store/coalition_keys.h"
#include "core/store/repositories.h"
#include "tests/allocate/demo_fixture.h"

namespace kk::alloc {
namespace {

using test::DemoWorkspace;

/// The first demo project (by code) that has a granted award.
std::string awardedProject(Workspace& ws) {
    auto st = ws.db().prepare(
        "SELECT p.code FROM kk_project p JOIN kk_award a ON a.project_id = p.id "
        "WHERE a.status = 'granted' ORDER BY p.code LIMIT 1");
    EXPECT_TRUE(st.step());
    return st.getText(0);
}

class AllocationWorkspace : public DemoWorkspace {};

TEST_F(AllocationWorkspace, ProjectProblemFromTheDemoWorkspace) {
    auto ws = Workspace::open(demoPath(), true).value();
    const std::string code = awardedProject(*ws);
    WorkspaceProblems builder(*ws, {});
    auto pp = builder.project(code);
    ASSERT_TRUE(pp.ok()) << pp.error().message();
    const Problem& p = pp.value().problem;
    const auto project = Repository<Project>(*ws).findByCode(code).value();
    // Every cost item of the project, by code, with its amount and partner.
    const auto items =
        Repository<kk::CostItem>(*ws).list(Query().where("project_id", project.id.value));
    ASSERT_EQ(p.costItems.size(), items.size());
    ASSERT_EQ(p.costItems.size(), 6u);
    for (std::size_t i = 0; i < items.size(); ++i) {
        EXPECT_EQ(p.costItems[i].id, items[i].code);
        EXPECT_EQ(p.costItems[i].amount, items[i].amount);
        EXPECT_EQ(p.costItems[i].eligible, items[i].eligible);
    }
    // The funds are the awards: budget = awarded amount, rate = the award's 1/2.
    const auto awards = Repository<Award>(*ws).list(Query().where("project_id", project.id.value));
    ASSERT_EQ(p.funds.size(), awards.size());
    ASSERT_GE(p.funds.size(), 1u);
    EXPECT_EQ(p.funds[0].budget, awards[0].amount);
    EXPECT_EQ(p.funds[0].maxRate, Rate(1, 2));
    // Partners: the coalition's three members first (lead, financier, executor).
    const auto members = Repository<CoalitionMember>(*ws).list(
        Query().where("coalition_id", project.coalitionId->value));
    ASSERT_GE(p.partners.size(), members.size());
    for (std::size_t k = 0; k < members.size(); ++k)
        EXPECT_EQ(p.partners[k].id, Repository<Actor>(*ws).get(members[k].actorId.value)->code);
    // The generated perimeter lies in the project's municipality: the territory criterion is
    // there, explained, and some partner has a positive territory value.
    ASSERT_TRUE(p.costSharingKey.has_value());
    ASSERT_EQ(p.costSharingKey->criteria.size(), 1u);
    EXPECT_EQ(p.costSharingKey->criteria[0].id, "territory_share");
    EXPECT_EQ(p.costSharingKey->criteria[0].weight, Rate::one());
    bool positive = false;
    for (const auto& partner : p.partners)
        positive = positive || partner.keyInputs.at("territory_share") > Rate();
    EXPECT_TRUE(positive);
    std::string notes;
    for (const auto& n : pp.value().notes)
        notes += n + "\n";
    EXPECT_NE(notes.find("criterion territory_share: perimeter of " + code), std::string::npos)
        << notes;
    EXPECT_NE(notes.find(" ha"), std::string::npos) << notes;
    // And it allocates: the award pays half of each eligible item up to its amount.
    auto a = makeStrategy("waterfall").value()->allocate(p);
    ASSERT_TRUE(a.ok()) << a.error().message();
    Money eligibleHalf;
    for (const auto& c : p.costItems)
        if (c.eligible)
            eligibleHalf = eligibleHalf + Money::fromCents(c.amount.cents() / 2);
    EXPECT_EQ(a.value().externalTotal, std::min(eligibleHalf, awards[0].amount));
}

TEST_F(AllocationWorkspace, CandidateFundsUseTheRemainingBudget) {
    auto ws = Workspace::open(demoPath(), true).value();
    const std::string code = awardedProject(*ws);
    MappingOptions o;
    o.candidateFunds = {"WLS", "VRF"};
    o.territory = false;
    WorkspaceProblems builder(*ws, o);
    auto pp = builder.project(code);
    ASSERT_TRUE(pp.ok()) << pp.error().message();
    ASSERT_EQ(pp.value().problem.funds.size(), 2u);
    const auto wls = Repository<kk::Fund>(*ws).findByCode("WLS").value();
    Money granted;
    for (const auto& a : Repository<Award>(*ws).list(Query().where("fund_id", wls.id.value)))
        if (a.status == AwardStatus::Granted)
            granted = granted + a.amount;
    EXPECT_EQ(*pp.value().problem.funds[0].budget, wls.budget - granted);
    EXPECT_EQ(pp.value().problem.funds[0].maxRate, Rate(3, 5));
    EXPECT_FALSE(pp.value().problem.costSharingKey.has_value());  // no geometry, no shares

    MappingOptions bad;
    bad.candidateFunds = {"NO-SUCH-FUND"};
    auto e = WorkspaceProblems(*ws, bad).project(code);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, "allocate.unknown_fund");
    EXPECT_EQ(e.error().where, "--funds");
    auto unknown = WorkspaceProblems(*ws, {}).project("P99999");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "allocate.unknown_project");
}

TEST_F(AllocationWorkspace, FixedSharesAndKeyInputsJoinTheKey) {
    const std::string path = copy("shares.gpkg");
    auto ws = Workspace::open(path).value();
    const std::string code = awardedProject(*ws);
    const auto project = Repository<Project>(*ws).findByCode(code).value();
    auto members = Repository<CoalitionMember>(*ws).list(
        Query().where("coalition_id", project.coalitionId->value));
    {
        ChangeSet cs(*ws, "shares");
        members[0].share = Rate(3, 5);
        members[1].share = Rate(2, 5);
        Repository<CoalitionMember>(*ws).update(cs, members[0]);
        Repository<CoalitionMember>(*ws).update(cs, members[1]);
        ASSERT_TRUE(cs.commit().ok());
    }
    MappingOptions o;
    o.territory = false;
    o.keyInputs[Repository<Actor>(*ws).get(members[0].actorId.value)->code]["population"] =
        Rate(12'000, 1);
    o.keyWeights = {{"fixed_share", Rate(3, 4)}, {"population", Rate(1, 4)}};
    auto pp = WorkspaceProblems(*ws, o).project(code);
    ASSERT_TRUE(pp.ok()) << pp.error().message();
    const auto& key = pp.value().problem.costSharingKey;
    ASSERT_TRUE(key.has_value());
    ASSERT_EQ(key->criteria.size(), 2u);
    EXPECT_EQ(pp.value().problem.partners[0].keyInputs.at("fixed_share"), Rate(3, 5));
    EXPECT_EQ(pp.value().problem.partners[2].keyInputs.at("fixed_share"), Rate());
    auto a = makeStrategy("waterfall").value()->allocate(pp.value().problem);
    ASSERT_TRUE(a.ok()) << a.error().message();
    // Partner 0: 3/4 · 3/5 + 1/4 · 1 (the only population) = 7/10.
    EXPECT_EQ(a.value().partners[0].share, Rate(7, 10));

    o.keyWeights = {{"expected_benefit", Rate::one()}};
    auto missing = WorkspaceProblems(*ws, o).project(code);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "allocate.key_criterion");
}

TEST(CandidateAwards, TheAmountIsTheRateCappedByProjectCapAndBudget) {
    kk::Fund fund;
    fund.maxRate = Rate::percent(30);
    EXPECT_EQ(candidateAmount(fund, Money::fromEuros(100'000)), Money::fromEuros(30'000));
    fund.capPerProject = Money::fromEuros(25'000);
    EXPECT_EQ(candidateAmount(fund, Money::fromEuros(100'000)), Money::fromEuros(25'000));
    fund.budget = Money::fromEuros(20'000);
    EXPECT_EQ(candidateAmount(fund, Money::fromEuros(100'000)), Money::fromEuros(20'000));
    fund.capPerProject.reset();
    fund.budget = Money::fromEuros(1'000'000);
    // A third of € 100,01 is € 33,336...: the rate's rounding, never more than the rate allows.
    fund.maxRate = Rate(1, 3);
    EXPECT_LE(candidateAmount(fund, Money::fromCents(10'001)).cents() * 3, 10'001);
}

TEST_F(AllocationWorkspace, AttachingFundsIsOneUndoStepAndSkipsAttachedFunds) {
    const std::string path = copy("attach.gpkg");
    auto ws = Workspace::open(path).value();
    const auto project = Repository<Project>(*ws).findByCode(awardedProject(*ws)).value();
    const auto before = fundChoices(*ws, project.id);
    std::vector<FundId> attached;
    std::vector<FundId> free;
    for (const FundChoice& f : before)
        (f.attached ? attached : free).push_back(f.id);
    ASSERT_FALSE(attached.empty());
    ASSERT_GE(free.size(), 2u);
    const auto awards = [&] {
        return Repository<Award>(*ws).list(Query().where("project_id", project.id.value)).size();
    };
    const std::size_t awardsBefore = awards();
    // Two new funds and one already attached: two candidate awards, in one change set.
    ASSERT_TRUE(attachFunds(*ws, project.id, {free[0], free[1], attached[0]}, "attach").ok());
    EXPECT_EQ(awards(), awardsBefore + 2);
    for (const Award& a :
         Repository<Award>(*ws).list(Query().where("project_id", project.id.value)))
        if (a.fundId == free[0] || a.fundId == free[1]) {
            EXPECT_EQ(a.status, AwardStatus::Candidate);
            EXPECT_GT(a.amount.cents(), 0);
        }
    for (const FundChoice& f : fundChoices(*ws, project.id))
        if (f.id == free[0] || f.id == free[1])
            EXPECT_TRUE(f.attached) << f.code;
    ASSERT_TRUE(ws->undo().ok());
    EXPECT_EQ(awards(), awardsBefore);
    // An unknown fund refuses the whole step.
    auto bad = attachFunds(*ws, project.id, {free[0], FundId(999'999)}, "attach");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "allocate.unknown_fund");
    EXPECT_EQ(awards(), awardsBefore);
}

TEST_F(AllocationWorkspace, TheCoalitionsStoredKeyIsUsedAndUndone) {
    const std::string path = copy("stored-key.gpkg");
    auto ws = Workspace::open(path).value();
    const std::string code = awardedProject(*ws);
    const auto project = Repository<Project>(*ws).findByCode(code).value();
    const CoalitionId coalition = *project.coalitionId;
    auto members =
        Repository<CoalitionMember>(*ws).list(Query().where("coalition_id", coalition.value));
    ASSERT_GE(members.size(), 3u);
    {
        ChangeSet cs(*ws, "shares");
        members[0].share = Rate(3, 5);
        members[1].share = Rate(2, 5);
        Repository<CoalitionMember>(*ws).update(cs, members[0]);
        Repository<CoalitionMember>(*ws).update(cs, members[1]);
        ASSERT_TRUE(cs.commit().ok());
    }
    MappingOptions o;
    o.territory = false;
    const auto strategy = makeStrategy("waterfall").value();
    auto run = [&] {
        auto pp = WorkspaceProblems(*ws, o).project(code);
        EXPECT_TRUE(pp.ok()) << pp.error().message();
        auto a = strategy->allocate(pp.value().problem);
        EXPECT_TRUE(a.ok()) << a.error().message();
        return std::pair{pp.value(), a.value()};
    };
    const auto [fixedProblem, fixedOnly] = run();
    ASSERT_GE(fixedOnly.partners.size(), 3u);
    EXPECT_EQ(fixedOnly.partners[0].share, Rate(3, 5));
    EXPECT_EQ(fixedOnly.partners[1].share, Rate(2, 5));
    const Money residual = fixedOnly.residualTotal;
    ASSERT_GT(residual.cents(), 0);

    // The key: fixed share 50 %, population 50 % (10.000 / 30.000 / 10.000 inhabitants),
    // member 1 capped at 40 %. Raw shares 40 %, 50 %, 10 %; the cap frees 10 %, which members 0
    // and 2 share in their raw proportion 4 : 1, so 48 %, 40 %, 12 %.
    CoalitionKey key;
    key.criteria.push_back({{}, coalition, CostSharingCriterion::FixedShare, Rate(1, 2)});
    key.criteria.push_back({{}, coalition, CostSharingCriterion::Population, Rate(1, 2)});
    const std::int64_t inhabitants[] = {10'000, 30'000, 10'000};
    for (std::size_t k = 0; k < 3; ++k)
        key.inputs.push_back({{},
                              coalition,
                              members[k].actorId,
                              CostSharingCriterion::Population,
                              Rate(inhabitants[k], 1)});
    CoalitionKeyLimit cap;
    cap.actorId = members[1].actorId;
    cap.capShare = Rate::percent(40);
    key.limits.push_back(cap);
    {
        ChangeSet cs(*ws, "cost-sharing key");
        saveCoalitionKey(cs, coalition, key);
        ASSERT_TRUE(cs.commit().ok());
    }
    const auto [keyed, withKey] = run();
    ASSERT_TRUE(keyed.problem.costSharingKey.has_value());
    EXPECT_EQ(keyed.problem.costSharingKey->criteria.size(), 2u);
    EXPECT_EQ(withKey.residualTotal, residual);
    EXPECT_EQ(withKey.partners[0].share, Rate(12, 25));
    EXPECT_EQ(withKey.partners[1].share, Rate(2, 5));
    EXPECT_EQ(withKey.partners[2].share, Rate(3, 25));
    EXPECT_EQ(withKey.partners[1].adjustment, "capped at its cap share of 40 %");
    Money sum;
    for (const auto& p : withKey.partners)
        sum = sum + p.residualPart;
    EXPECT_EQ(sum, residual);
    // To the cent: 48 %, 40 % and 12 % of the residual, the cents left over by largest
    // remainder, ties to the larger share (computed here by hand, without kk::apportion).
    const std::int64_t r = residual.cents();
    const std::int64_t percent[] = {48, 40, 12};
    std::int64_t expected[3];
    std::int64_t left = r;
    for (std::size_t k = 0; k < 3; ++k)
        left -= expected[k] = r * percent[k] / 100;
    std::vector<std::size_t> order{0, 1, 2};
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (r * percent[a] % 100 != r * percent[b] % 100)
            return r * percent[a] % 100 > r * percent[b] % 100;
        return percent[a] > percent[b];
    });
    for (std::size_t k = 0; k < static_cast<std::size_t>(left); ++k)
        ++expected[order[k]];
    for (std::size_t k = 0; k < 3; ++k)
        EXPECT_EQ(withKey.partners[k].residualPart.cents(), expected[k]) << k;
    std::cout << "residual " << residual.format() << ": "
              << withKey.partners[0].residualPart.format() << " / "
              << withKey.partners[1].residualPart.format() << " / "
              << withKey.partners[2].residualPart.format() << "\n";
    // The explanation per criterion works as before.
    ASSERT_EQ(withKey.partners[1].criteria.size(), 2u);
    EXPECT_EQ(withKey.partners[1].criteria[1].criterionId, "population");
    EXPECT_EQ(withKey.partners[1].criteria[1].value, "30000");
    EXPECT_EQ(withKey.partners[1].criteria[1].share, "60 %");
    EXPECT_EQ(withKey.partners[1].criteria[1].contribution, "30 %");

    // A key-input file wins over the stored input: member 1 with 10.000 inhabitants makes the
    // population shares a third each, raw 7/15, 11/30 and 1/6: under the cap, kept as they are.
    o.keyInputs[Repository<Actor>(*ws).get(members[1].actorId.value)->code]["population"] =
        Rate(10'000, 1);
    {
        const auto [overridden, withFile] = run();
        EXPECT_EQ(withFile.partners[0].share, Rate(7, 15));
        EXPECT_EQ(withFile.partners[1].share, Rate(11, 30));
        EXPECT_EQ(withFile.partners[2].share, Rate(1, 6));
        bool noted = false;
        for (const auto& n : overridden.notes)
            noted = noted || n.find("stored inputs and the key-input file (which wins)") !=
                                 std::string::npos;
        EXPECT_TRUE(noted);
    }
    o.keyInputs.clear();

    // An explicit --key still overrides the stored weights.
    o.keyWeights = {{"fixed_share", Rate::one()}};
    EXPECT_EQ(run().second.partners[0].share, Rate(3, 5));
    o.keyWeights.clear();

    // The CLI uses the stored key without --key.
    const auto cliRun =
        test::cli("allocate " + path + " --project " + code + " --no-territory --format json");
    ASSERT_EQ(cliRun.exit, 0) << cliRun.out;
    const auto json = nlohmann::json::parse(cliRun.out);
    EXPECT_EQ(json.dump().find("capped at its cap share of 40 %") != std::string::npos, true)
        << cliRun.out.substr(0, 2000);

    // Undoing the key change returns to the fixed-share result.
    ASSERT_TRUE(ws->undo().ok());
    const auto [undoneProblem, undone] = run();
    EXPECT_EQ(toJson(undone).dump(), toJson(fixedOnly).dump());
}

TEST_F(AllocationWorkspace, StoredRunIsReproducedAndComparedWithANewOne) {
    const std::string path = copy("runs.gpkg");
    auto ws = Workspace::open(path).value();
    ws->setUser("tester");
    const std::string code = awardedProject(*ws);
    const auto strategy = makeStrategy("waterfall").value();
    AllocationRun run;
    run.scope = "project:" + code;
    run.strategy = strategy->name();
    run.note = "first draft";
    run.options = {{"min-own", "10%"}};
    MappingOptions o;
    o.minOwnRate = Rate(1, 10);
    run.problems.push_back(WorkspaceProblems(*ws, o).project(code).value());
    run.allocations.push_back(strategy->allocate(run.problems[0].problem).value());
    auto id = saveRun(*ws, run);
    ASSERT_TRUE(id.ok()) << id.error().message();
    EXPECT_EQ(ws->log(1).front().label, "Allocation run (waterfall, project:" + code + ")");

    auto runs = listRuns(*ws);
    ASSERT_TRUE(runs.ok());
    ASSERT_EQ(runs.value().size(), 1u);
    EXPECT_EQ(runs.value()[0].id, id.value());
    EXPECT_EQ(runs.value()[0].user, "tester");
    EXPECT_EQ(runs.value()[0].projects, 1);
    EXPECT_EQ(runs.value()[0].external, run.allocations[0].externalTotal);

    auto loaded = loadRun(*ws, id.value());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    EXPECT_EQ(loaded.value().note, "first draft");
    EXPECT_EQ(loaded.value().options, run.options);
    EXPECT_EQ(toJson(loaded.value().problems[0].problem).dump(),
              toJson(run.problems[0].problem).dump());
    EXPECT_EQ(toJson(loaded.value().allocations[0]).dump(), toJson(run.allocations[0]).dump());
    // Reproduce: the stored input gives the stored result, trace and partner parts included.
    auto again = rerun(loaded.value(), *strategy);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(toJson(again.value()[0]).dump(), toJson(loaded.value().allocations[0]).dump());
    for (const auto& c : compareRuns(loaded.value().allocations, again.value()))
        EXPECT_FALSE(c.changed);

    // What changed: a cost item grows by € 1.000,00; the award is the same.
    auto project = Repository<Project>(*ws).findByCode(code).value();
    auto items = Repository<kk::CostItem>(*ws).list(Query().where("project_id", project.id.value));
    {
        ChangeSet cs(*ws, "grow");
        items[0].amount = items[0].amount + Money::fromCents(100'000);
        Repository<kk::CostItem>(*ws).update(cs, items[0]);
        ASSERT_TRUE(cs.commit().ok());
    }
    auto now = strategy->allocate(WorkspaceProblems(*ws, o).project(code).value().problem);
    ASSERT_TRUE(now.ok());
    const auto diff = compareRuns(loaded.value().allocations, {now.value()});
    ASSERT_EQ(diff.size(), 1u);
    EXPECT_TRUE(diff[0].changed);
    EXPECT_EQ((diff[0].comparison.external.diff() + diff[0].comparison.ownContribution.diff()),
              Money::fromCents(100'000));

    auto none = loadRun(*ws, 999);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, "allocate.unknown_run");
    // A damaged stored run is reported with the run and the JSON path, not a crash.
    ws->db().exec("UPDATE kk_allocation_run SET result_json = '{\"version\": 1}'");
    auto damaged = loadRun(*ws, id.value());
    ASSERT_FALSE(damaged.ok());
    EXPECT_EQ(damaged.error().code, "allocate.run_damaged");
    EXPECT_NE(damaged.error().where.find("result_json"), std::string::npos);
}

TEST_F(AllocationWorkspace, ProgrammeAndWholeWorkspace) {
    auto ws = Workspace::open(demoPath(), true).value();
    WorkspaceProblems builder(*ws, {});
    auto all = builder.all();
    ASSERT_TRUE(all.ok()) << all.error().message();
    EXPECT_EQ(all.value().size(), 60u);
    std::size_t items = 0;
    for (const auto& p : all.value())
        items += p.problem.costItems.size();
    EXPECT_EQ(static_cast<std::int64_t>(items),
              ws->db().scalarInt("SELECT count(*) FROM kk_cost_item"));
    auto sv = builder.programme("SV-2026");
    ASSERT_TRUE(sv.ok()) << sv.error().message();
    EXPECT_EQ(static_cast<std::int64_t>(sv.value().size()),
              ws->db().scalarInt("SELECT count(*) FROM kk_project_programme pp JOIN kk_programme "
                                 "g ON g.id = pp.programme_id WHERE g.code = 'SV-2026'"));
    auto bad = builder.programme("NOPE");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "allocate.unknown_programme");
}

}  // namespace
}  // namespace kk::alloc
