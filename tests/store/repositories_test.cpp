// Repositories: round trips of typed entities, validation before writes, status workflow.
#include <gtest/gtest.h>

#include "core/store/repositories.h"
#include "core/store/summaries.h"
#include "store_fixture.h"

using namespace kk;

TEST(Repositories, ProjectSummariesAreByCodeWithSortedProgrammesAndCostTotals) {
    test::TempDir dir;
    auto ws = test::newWorkspace(dir);
    {
        ChangeSet cs(*ws, "seed");
        std::vector<ProgrammeId> programmes;
        for (const char* code : {"WLS-2026", "STV-2026"}) {
            Programme g;
            g.code = code;
            g.name = code;
            programmes.emplace_back(Repository<Programme>(*ws).insert(cs, g));
        }
        // Inserted out of code order; "P0010" after "P0002" in byte order.
        for (const char* code : {"P0010", "P0002", "P0001"}) {
            Project p;
            p.code = code;
            p.name = std::string("Project ") + code;
            const ProjectId id(Repository<Project>(*ws).insert(cs, p));
            if (std::string(code) == "P0002")
                setProjectProgrammes(cs, id, programmes);  // WLS first: listed after STV
            if (std::string(code) == "P0010") {
                for (const std::int64_t cents : {10'050, 20'025}) {
                    CostItem c;
                    c.code = std::string(code) + "-C" + std::to_string(cents);
                    c.projectId = id;
                    c.category = "works";
                    c.year = 2026;
                    c.amount = Money::fromCents(cents);
                    Repository<CostItem>(*ws).insert(cs, c);
                }
            }
        }
        ASSERT_TRUE(cs.commit().ok());
    }
    const auto summaries = projectSummaries(*ws);
    ASSERT_TRUE(summaries.ok());
    ASSERT_EQ(summaries.value().size(), 3u);
    EXPECT_EQ(summaries.value()[0].code, "P0001");
    EXPECT_EQ(summaries.value()[1].code, "P0002");
    EXPECT_EQ(summaries.value()[2].code, "P0010");
    EXPECT_EQ(summaries.value()[1].programmes, "STV-2026, WLS-2026");
    EXPECT_EQ(summaries.value()[0].programmes, "");
    EXPECT_EQ(summaries.value()[2].cost, Money::fromCents(30'075));
    EXPECT_EQ(summaries.value()[0].cost, Money());
    EXPECT_EQ(summaries.value()[2].name, "Project P0010");
}

TEST(Repositories, FundRoundTripKeepsExactValues) {
    test::TempDir dir;
    auto ws = test::newWorkspace(dir);
    Repository<Fund> funds(*ws);
    Fund f;
    f.code = "VRF";
    f.name = "Vlaamse Randfonds";
    f.maxRate = Rate(4, 5);
    f.capPerProject = Money::fromEuros(500000);
    f.budget = Money::fromEuros(5550000);
    f.cumulationGroup = "public";
    f.eligibleCategories = {"works", "equipment"};
    f.valid = Period{Date(2026, 1, 1), Date(2026, 12, 31)};
    ChangeSet cs(*ws, "Add fund");
    const auto id = funds.insert(cs, f);
    ASSERT_TRUE(cs.commit());
    const auto back = funds.get(id).value();
    EXPECT_EQ(back.maxRate, Rate(4, 5));
    EXPECT_EQ(back.budget.cents(), 555000000);
    EXPECT_EQ(*back.capPerProject, Money::fromEuros(500000));
    EXPECT_EQ(back.eligibleCategories, (std::vector<std::string>{"works", "equipment"}));
    EXPECT_EQ(*back.valid.to, Date(2026, 12, 31));
    EXPECT_FALSE(back.capPerYear);
    EXPECT_EQ(funds.findByCode("VRF")->id.value, id);
}

TEST(Repositories, InvalidEntitiesAreRefusedBeforeWriting) {
    test::TempDir dir;
    auto ws = test::newWorkspace(dir);
    Repository<Actor> actors(*ws);
    Actor a;
    a.code = "X";
    a.name = "Gemeente X";
    a.kbo = "0207.451.228";  // wrong check digits
    ChangeSet cs(*ws, "Add actor");
    try {
        actors.insert(cs, a);
        FAIL() << "expected a KBO error";
    } catch (const KkError& e) {
        EXPECT_EQ(e.error().code, "actor.invalid");
        EXPECT_NE(e.error().where.find("kbo"), std::string::npos);
    }
    a.kbo = "0207.451.227";
    a.nisCode = "11999";  // well formed, not a municipality
    EXPECT_THROW(actors.insert(cs, a), KkError);
    a.nisCode = "44021";  // Gent
    EXPECT_GT(actors.insert(cs, a), 0);
}

TEST(Repositories, ProjectStatusFollowsTheWorkflow) {
    test::TempDir dir;
    auto ws = test::newWorkspace(dir);
    Repository<Project> projects(*ws);
    Project p;
    p.code = "P1";
    p.name = "Groene as";
    ChangeSet cs(*ws, "Project");
    p.id = ProjectId(projects.insert(cs, p));
    p.status = ProjectStatus::Closed;  // idea -> closed skips the whole path
    try {
        projects.update(cs, p);
        FAIL() << "expected a transition error";
    } catch (const KkError& e) {
        EXPECT_EQ(e.error().code, "project.status_transition");
        EXPECT_NE(e.error().hint.find("application"), std::string::npos);
    }
    p.status = ProjectStatus::Application;
    projects.update(cs, p);
    ASSERT_TRUE(cs.commit());
    EXPECT_EQ(projects.get(p.id.value)->status, ProjectStatus::Application);
    EXPECT_EQ(projects.count(Query().where("status", std::string("application"))), 1);
}
