// The stadsvernieuwing plugin end to end, through its registered commands: set up a year,
// open calls, enter applications (and see the rules refuse), score, run the two-stage jury,
// award within the call budget, compute leverage and write the programme report.
#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "core/plugin/plugin_manager.h"
#include "core/report/writer.h"
#include "core/store/repositories.h"
#include "tests/plugin/test_util.h"

using namespace kk;
using namespace kk::plugin;

namespace {

class Stadsvernieuwing : public ::testing::Test {
  protected:
    void SetUp() override {
        m_manager.loadFolder(std::string(KK_BINARY_DIR) + "/plugins/stadsvernieuwing");
        auto rec = m_manager.loaded("stadsvernieuwing");
        ASSERT_TRUE(rec.ok()) << rec.error().message();
        m_ws = test::freshWorkspace(m_dir);
        ASSERT_TRUE(m_manager.prepareWorkspace(*m_ws).ok());
        ChangeSet cs(*m_ws, "test data");
        Repository<Actor> actors(*m_ws);
        Repository<Project> projects(*m_ws);
        // Gent (centrumstad/grootstad), Mechelen (centrumstad), Dilbeek (not eligible).
        for (auto [code, name, nis] : {std::tuple{"GENT", "Stad Gent", "44021"},
                                       std::tuple{"MECH", "Stad Mechelen", "12025"},
                                       std::tuple{"DILB", "Gemeente Dilbeek", "23016"}}) {
            Actor a;
            a.code = code;
            a.name = name;
            a.kind = ActorKind::Government;
            a.nisCode = nis;
            const auto id = actors.insert(cs, a);
            Project p;
            p.code = std::string("P-") + code;
            p.name = std::string("Project ") + name;
            p.applicantId = ActorId(id);
            projects.insert(cs, p);
        }
        ASSERT_TRUE(cs.commit().ok());
    }

    Result<CommandOutput> run(const std::string& command, std::vector<std::string> args) {
        const Command* c = m_manager.findCommand("stadsvernieuwing", command);
        EXPECT_NE(c, nullptr) << command;
        return c->run(args, *m_ws);
    }
    void ok(const std::string& command, std::vector<std::string> args) {
        auto r = run(command, args);
        ASSERT_TRUE(r.ok()) << command << ": " << r.error().message();
    }
    Error refused(const std::string& command, std::vector<std::string> args) {
        auto r = run(command, args);
        EXPECT_FALSE(r.ok()) << command << " was accepted";
        return r.ok() ? Error{} : r.error();
    }

    test::TempFolder m_dir;
    PluginManager m_manager;
    std::unique_ptr<Workspace> m_ws;
};

}  // namespace

TEST_F(Stadsvernieuwing, RegistersProgrammeTypesFromTheDataFiles) {
    std::vector<std::string> ids;
    for (const auto& t : m_manager.registry().programmeTypes)
        ids.push_back(t.item.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"stadsvernieuwing.project_subsidie",
                                             "stadsvernieuwing.conceptsubsidie",
                                             "stadsvernieuwing.thematisch_experiment",
                                             "stadsvernieuwing.wijkverbeteringscontract"}));
    const auto& conceptType = m_manager.registry().programmeTypes[1].item;
    EXPECT_TRUE(conceptType.allows("submitted", "stage1_passed"));
    EXPECT_FALSE(conceptType.allows("submitted", "awarded"));
}

TEST_F(Stadsvernieuwing, ConceptsubsidieRangeJointApplicationsAndEligibility) {
    ok("setup", {"--year", "2025"});
    EXPECT_EQ(Repository<Fund>(*m_ws).findByCode("SV-CONCEPTSUBSIDIE-2025")->budget,
              Money::fromEuros(360000));
    ok("create-call", {"--instrument", "conceptsubsidie", "--code", "C25", "--year", "2025"});

    auto below = refused("apply", {"--call", "C25", "--project", "P-GENT", "--requested", "59999"});
    EXPECT_EQ(below.code, "stadsvernieuwing.below_minimum");
    EXPECT_NE(below.what.find("€ 59.999,00 for 1 city is outside the allowed range "
                              "€ 60.000,00 – € 90.000,00"),
              std::string::npos)
        << below.what;
    EXPECT_NE(below.where.find("data/instruments.csv line 4"), std::string::npos) << below.where;

    auto above = refused("apply", {"--call", "C25", "--project", "P-GENT", "--requested", "95000"});
    EXPECT_EQ(above.code, "stadsvernieuwing.above_ceiling");

    // Two cities raise the ceiling by one increment (€30.000 in data): 95.000 fits then.
    ok("apply", {"--call", "C25", "--project", "P-GENT", "--requested", "95000", "--cities",
                 "44021;12025", "--private", "1700000"});
    auto tooMuchForTwo = refused("apply", {"--call", "C25", "--project", "P-MECH", "--requested",
                                           "120001", "--cities", "12025;44021"});
    EXPECT_NE(tooMuchForTwo.where.find("€ 90.000,00 + 1 extra city × € 30.000,00"),
              std::string::npos)
        << tooMuchForTwo.where;

    auto dilbeek =
        refused("apply", {"--call", "C25", "--project", "P-DILB", "--requested", "70000"});
    EXPECT_EQ(dilbeek.code, "stadsvernieuwing.not_eligible");
    EXPECT_NE(dilbeek.what.find("23016"), std::string::npos);
}

TEST_F(Stadsvernieuwing, ThematicExperimentCeilingAndRealisationPeriod) {
    ok("setup", {"--year", "2025"});
    ok("create-call",
       {"--instrument", "thematisch_experiment", "--code", "T25", "--opens", "2025-03-01"});
    auto ceiling = refused("apply", {"--call", "T25", "--project", "P-GENT", "--requested",
                                     "500000.01", "--realisation-end", "2027-12-31"});
    EXPECT_EQ(ceiling.code, "stadsvernieuwing.above_ceiling");
    EXPECT_NE(ceiling.hint.find("at most € 500.000,00"), std::string::npos) << ceiling.hint;
    auto late = refused("apply", {"--call", "T25", "--project", "P-GENT", "--requested", "400000",
                                  "--realisation-end", "2028-03-02"});
    EXPECT_EQ(late.code, "stadsvernieuwing.realisation_too_late");
    ok("apply", {"--call", "T25", "--project", "P-GENT", "--requested", "400000",
                 "--realisation-end", "2028-03-01"});
}

TEST_F(Stadsvernieuwing, TwoStageJuryAwardsWithinBudgetLeverageAndReport) {
    ok("setup", {"--year", "2025"});
    ok("create-call", {"--instrument", "project_subsidie", "--code", "P25", "--budget", "1000000"});
    ok("apply",
       {"--call", "P25", "--project", "P-GENT", "--requested", "600000", "--private", "10200000"});
    ok("apply",
       {"--call", "P25", "--project", "P-MECH", "--requested", "500000", "--private", "4000000"});

    // Stage 1: Gent 8/7 passes the 60 % mark, Mechelen 7/6 too.
    ok("score", {"--call", "P25", "--project", "P-GENT", "--stage", "1", "stedelijke_uitdaging=8",
                 "integrale_aanpak=7"});
    ok("score", {"--call", "P25", "--project", "P-MECH", "--stage", "1", "stedelijke_uitdaging=7",
                 "integrale_aanpak=6"});
    auto badScore = refused(
        "score", {"--call", "P25", "--project", "P-MECH", "--stage", "1", "integrale_aanpak=11"});
    EXPECT_EQ(badScore.code, "score.range");
    ok("jury", {"--call", "P25", "--stage", "1"});
    // Stage 2 ranks Mechelen first: 0.4·9 + 0.3·8 + 0.3·9 = 8.7 against Gent's 7.0.
    ok("score", {"--call", "P25", "--project", "P-GENT", "--stage", "2", "ruimtelijke_kwaliteit=7",
                 "hefboom=7", "participatie=7"});
    auto incomplete = refused("jury", {"--call", "P25", "--stage", "2"});
    EXPECT_EQ(incomplete.code, "score.incomplete");
    ok("score", {"--call", "P25", "--project", "P-MECH", "--stage", "2", "ruimtelijke_kwaliteit=9",
                 "hefboom=8", "participatie=9"});
    auto jury = run("jury", {"--call", "P25", "--stage", "2"});
    ASSERT_TRUE(jury.ok());
    EXPECT_EQ(jury.value().text, "application 2: ranked #1\napplication 1: ranked #2\n");

    const auto callId = Repository<Call>(*m_ws).findByCode("P25")->id;
    const auto gent = Repository<Project>(*m_ws).findByCode("P-GENT")->id;
    auto sheet = m_manager.registry().scorers[0].item.score(*m_ws, callId, gent);
    ASSERT_TRUE(sheet.ok());
    EXPECT_EQ(sheet.value().total, Rate(7, 10));

    ok("award", {"--call", "P25", "--project", "P-MECH"});
    auto beyond = refused("award", {"--call", "P25", "--project", "P-GENT"});
    EXPECT_EQ(beyond.code, "award.budget");
    EXPECT_NE(beyond.what.find("€ 500.000,00 left"), std::string::npos) << beyond.what;
    ok("award", {"--call", "P25", "--project", "P-GENT", "--amount", "500000"});
    EXPECT_TRUE(m_manager.validate(*m_ws).empty());

    // Leverage: (10.2 M + 4 M) / (0.5 M + 0.5 M) = 14.2; Gent alone 20.4.
    auto lev = m_manager.registry().indicators[0].item.compute(*m_ws);
    ASSERT_TRUE(lev.ok());
    ASSERT_EQ(lev.value().size(), 3u);
    EXPECT_EQ(*lev.value()[0].value, Rate(102, 5));
    EXPECT_EQ(*lev.value()[2].value, Rate(71, 5));
    EXPECT_EQ(*m_manager.registry().indicators[0].item.benchmark, Rate(17, 1));

    // Programme report, inflation-corrected to 2025 prices with an index series.
    std::ofstream(m_dir.file("index.csv")) << "year,index,source\n2024,120,test\n2025,125,test\n";
    const std::string xlsx = m_dir.file("sv.xlsx");
    ok("report", {xlsx, "--index", m_dir.file("index.csv"), "--base-year", "2024"});
    ok("report", {m_dir.file("sv.csv")});
    const std::string csvOut = m_dir.file("sheet.csv");
    const std::string cmd = "xlsx2csv -a '" + xlsx + "' > '" + csvOut + "' 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(csvOut);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    // Granted 1 M in 2025 at 2024 prices: 1.000.000 × 120/125 = 960.000.
    EXPECT_NE(text.find("960000"), std::string::npos) << text;
    EXPECT_NE(text.find("P-GENT Project Stad Gent"), std::string::npos);
    EXPECT_NE(text.find("20.4"), std::string::npos);
    EXPECT_NE(text.find("17"), std::string::npos);

    auto noIndexYear =
        refused("report", {xlsx, "--index", m_dir.file("index.csv"), "--base-year", "2023"});
    EXPECT_EQ(noIndexYear.code, "stadsvernieuwing.index");
}
