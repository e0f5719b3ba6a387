// The Water+Land+Schap plugin end to end, loaded through the plugin manager and driven by its
// commands as `koppelkans-cli plugin water_land_schap ...` does: composition check failing then
// passing, the path with milestones, process and result indicators, continuity warnings, the
// learning network, the overlap with a LEADER area and the report.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/geo/gpkg_blob.h"
#include "core/plugin/plugin_manager.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

namespace fs = std::filesystem;

std::string tempDir(const std::string& name) {
    const fs::path dir =
        fs::temp_directory_path() / ("kk-wls-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

class WlsPlugin : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = tempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
        ::setenv("KK_CONFIG_DIR", m_dir.c_str(), 1);  // no user copies of the data files
        const auto& rec = m_plugins.loadFolder(KK_BINARY_DIR "/plugins/water_land_schap");
        ASSERT_EQ(rec.state, plugin::PluginState::Loaded) << rec.reason.message();
        ws = Workspace::create(m_dir + "/ws.gpkg").value();
        ASSERT_TRUE(m_plugins.prepareWorkspace(*ws));
    }

    Result<plugin::CommandOutput> run(const std::string& name, std::vector<std::string> args) {
        const plugin::Command* c = m_plugins.findCommand("water_land_schap", name);
        EXPECT_NE(c, nullptr) << name;
        if (!c)
            return makeError("test", "no command " + name);
        args.push_back("--on");
        args.push_back("2025-01-15");
        return c->run(args, *ws);
    }
    plugin::CommandOutput ok(const std::string& name, std::vector<std::string> args) {
        auto r = run(name, std::move(args));
        EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().message());
        return r.ok() ? r.value() : plugin::CommandOutput{};
    }
    void fullCoalition(const std::string& code, const std::string& themes = "water;agriculture") {
        ok("coalition-create", {"--code", code, "--name", "Kleine Nete " + code, "--themes", themes,
                                "--funding-end", "2026-12-31"});
        const std::vector<std::array<std::string, 3>> members = {
            {"GEM-" + code, "Gemeente Olen", "government"},
            {"POLDER-" + code, "Polder Kleine Nete", "water_manager"},
            {"BOER-" + code, "Boer Jan", "farmer"},
            {"BB-" + code, "Boerenbond", "farmers_organisation"},
            {"EIG-" + code, "Eigenaar Peeters", "landowner"},
            {"NP-" + code, "Natuurpunt", "nature_association"}};
        for (const auto& m : members)
            ok("member-add",
               {"--coalition", code, "--actor", m[0], "--name", m[1], "--kind", m[2]});
    }

    plugin::PluginManager m_plugins;
    std::string m_dir;
    std::unique_ptr<Workspace> ws;
};

TEST_F(WlsPlugin, CompositionCheckFailsNamingWhatIsMissingThenPasses) {
    ok("coalition-create", {"--code", "WLS-01", "--name", "Kleine Nete", "--themes", "water"});
    ok("member-add", {"--coalition", "WLS-01", "--actor", "GEM-OLEN", "--name", "Gemeente Olen",
                      "--kind", "government", "--role", "lead"});
    ok("member-add",
       {"--coalition", "WLS-01", "--actor", "BOER-1", "--name", "Boer Jan", "--kind", "farmer"});
    auto fail = run("check", {"--coalition", "WLS-01"});
    ASSERT_FALSE(fail.ok());
    EXPECT_EQ(fail.error().code, "wls.composition");
    EXPECT_EQ(fail.error().where, "coalition WLS-01");
    const std::string msg = fail.error().what;
    EXPECT_NE(msg.find("water manager (waterbeheerder) (0 of 1)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("farmers' organisation (landbouworganisatie) (0 of 1)"), std::string::npos);
    EXPECT_NE(msg.find("landowner (grondeigenaar) (0 of 1)"), std::string::npos);
    EXPECT_NE(msg.find("nature or landscape association"), std::string::npos);
    EXPECT_EQ(msg.find("local government"), std::string::npos) << "present partners are not listed";
    EXPECT_EQ(msg.find("farmer (landbouwer)"), std::string::npos);

    ok("member-add", {"--coalition", "WLS-01", "--actor", "POLDER", "--name", "Polder", "--kind",
                      "water_manager"});
    ok("member-add", {"--coalition", "WLS-01", "--actor", "BB", "--name", "Boerenbond", "--kind",
                      "farmers_organisation"});
    ok("member-add",
       {"--coalition", "WLS-01", "--actor", "EIG", "--name", "Eigenaar", "--kind", "landowner"});
    auto still = run("check", {"--coalition", "WLS-01"});
    ASSERT_FALSE(still.ok());
    EXPECT_NE(still.error().what.find("nature or landscape association"), std::string::npos);
    EXPECT_EQ(still.error().what.find("water manager"), std::string::npos);

    ok("member-add", {"--coalition", "WLS-01", "--actor", "NP", "--name", "Natuurpunt", "--kind",
                      "nature_association"});
    auto pass = ok("check", {"--coalition", "WLS-01"});
    EXPECT_EQ(pass.json["composition"]["ok"], true);
    EXPECT_EQ(pass.json["composition"]["satisfied"].size(), 6u);
    EXPECT_NE(pass.text.find("has the prescribed composition (6 of 6"), std::string::npos)
        << pass.text;
}

TEST_F(WlsPlugin, RefusalsNameTheProblem) {
    auto r = run("check", {"--coalition", "NOPE"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "wls.unknown_coalition");
    r = run("coalition-create", {"--code", "X", "--name", "Y", "--colour", "blue"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what.find("unknown option --colour"), std::string::npos);
    ok("coalition-create", {"--code", "X", "--name", "Y"});
    r = run("member-add", {"--coalition", "X", "--actor", "A1"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "wls.unknown_actor");
    r = run("member-add", {"--coalition", "X", "--actor", "A1", "--name", "A", "--kind", "wizard"});
    ASSERT_FALSE(r.ok());
    r = run("coalition-create", {"--code", "X", "--name", "again"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "wls.exists");
    r = run("coalition-create", {"--code", "Z", "--name", "Z", "--funding-end", "31/02/2026"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().where.find("--funding-end"), std::string::npos);
}

TEST_F(WlsPlugin, PathWithMilestonesAndIndicators) {
    fullCoalition("WLS-02");
    auto refused = run("advance", {"--coalition", "WLS-02", "--to", "area_programme"});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "wls.path_refused");
    EXPECT_NE(refused.error().what.find("milestone WLS-M1"), std::string::npos);
    EXPECT_NE(refused.error().what.find("milestone WLS-M2"), std::string::npos);

    ok("milestone-done",
       {"--coalition", "WLS-02", "--milestone", "WLS-M1", "--date", "2025-02-01"});
    ok("milestone-done",
       {"--coalition", "WLS-02", "--milestone", "WLS-M2", "--date", "2025-03-01"});
    auto skip = run("advance", {"--coalition", "WLS-02", "--to", "realisation"});
    ASSERT_FALSE(skip.ok());
    EXPECT_NE(skip.error().what.find("next phase is 'area_programme'"), std::string::npos);
    ok("advance", {"--coalition", "WLS-02", "--to", "area_programme", "--date", "2025-03-02"});
    ok("milestone-done", {"--coalition", "WLS-02", "--milestone", "WLS-M3"});
    ok("milestone-done", {"--coalition", "WLS-02", "--milestone", "WLS-M4"});
    ok("advance", {"--coalition", "WLS-02", "--to", "realisation"});

    auto setup = ok("indicators-setup", {});
    EXPECT_EQ(setup.json["created"], 5);
    EXPECT_EQ(ok("indicators-setup", {}).json["created"], 0);
    ok("target",
       {"--coalition", "WLS-02", "--indicator", "WLS-R1", "--year", "2026", "--value", "40"});
    ok("measure",
       {"--coalition", "WLS-02", "--indicator", "WLS-P1", "--year", "2025", "--value", "6"});
    ok("measure",
       {"--coalition", "WLS-02", "--indicator", "WLS-R1", "--year", "2025", "--value", "12.5"});
    ok("measure", {"--coalition", "WLS-02", "--indicator", "WLS-R1", "--year", "2025", "--value",
                   "13.5"});  // replaces the value of the same source
    auto st = ok("status", {"--coalition", "WLS-02"});
    EXPECT_EQ(st.json["phase"], "realisation");
    const auto& ind = st.json["indicators"];
    ASSERT_GE(ind.size(), 5u);
    EXPECT_EQ(ind[0]["type"], "process");  // process indicators come first, next to results
    EXPECT_EQ(ind[0]["code"], "WLS-P1");
    EXPECT_EQ(ind[0]["value"], "6");
    bool sawResult = false;
    for (const auto& i : ind)
        if (i["code"] == "WLS-R1") {
            sawResult = true;
            EXPECT_EQ(i["type"], "result");
            EXPECT_EQ(i["value"], "13.5");
            EXPECT_EQ(i["target"], "40");
        }
    EXPECT_TRUE(sawResult);
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM water_land_schap_phase_log"), 2);
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM kk_measurement"), 2);
}

TEST_F(WlsPlugin, ContinuityWarningWithinAYearUntilSomeoneTakesOver) {
    fullCoalition("WLS-03");
    ok("funding-end", {"--coalition", "WLS-03", "--date", "2025-09-30"});
    auto c = ok("check", {"--coalition", "WLS-03"});
    ASSERT_EQ(c.json["continuity"].size(), 1u);
    EXPECT_EQ(c.json["continuity"][0]["days_left"], 258);
    EXPECT_NE(c.text.find("funding ends on 2025-09-30 (in 258 days) and nobody takes over"),
              std::string::npos)
        << c.text;
    const auto findings = m_plugins.validate(*ws);
    bool warned = false;
    for (const auto& f : findings)
        warned = warned ||
                 (f.severity == Severity::Warning && f.message.find("WLS-03") != std::string::npos);
    EXPECT_TRUE(warned);

    ok("continuity", {"--coalition", "WLS-03", "--actor", "POLDER-WLS-03", "--plan",
                      "the polder maintains the buffers after 2025"});
    c = ok("check", {"--coalition", "WLS-03"});
    EXPECT_EQ(c.json["continuity"].size(), 0u);

    // A funding end beyond the horizon does not warn either.
    fullCoalition("WLS-04");
    ok("funding-end", {"--coalition", "WLS-04", "--date", "2027-06-30"});
    EXPECT_EQ(ok("check", {"--coalition", "WLS-04"}).json["continuity"].size(), 0u);
}

std::vector<std::uint8_t> box(double x0, double y0, double x1, double y1) {
    return geo::toGpkgBlob(geo::Geometry::rectangle(geo::Envelope::of(x0, y0, x1, y1)));
}

TEST_F(WlsPlugin, OverlapWithLeaderAreaShowsProgrammesFundsAndThemes) {
    {
        ChangeSet cs(*ws, "areas, LEADER project");
        Area own;
        own.kind = AreaKind::WlsArea;
        own.code = "WLS-AREA-1";
        own.name = "Vallei Kleine Nete";
        own.geometry = box(150000, 200000, 151000, 201000);  // 100 ha
        Repository<Area>(*ws).insert(cs, own);
        Area leader;
        leader.kind = AreaKind::Leader;
        leader.code = "LEADER-HAGELAND";
        leader.name = "LEADER Hageland";
        leader.geometry = box(150500, 200000, 152500, 201000);  // 200 ha, half of ours inside
        const auto leaderId = Repository<Area>(*ws).insert(cs, leader);
        Area far;
        far.kind = AreaKind::Perimeter;
        far.code = "FAR";
        far.name = "Elsewhere";
        far.geometry = box(0, 0, 100, 100);
        Repository<Area>(*ws).insert(cs, far);
        Programme p;
        p.code = "LEADER";
        p.name = "LEADER 2023-2027";
        p.pluginId = "leader";
        const auto progId = Repository<Programme>(*ws).insert(cs, p);
        Fund f;
        f.code = "LEADER-ELFPO";
        f.name = "ELFPO via LEADER";
        f.programmeId = ProgrammeId{progId};
        f.budget = Money::fromEuros(1'000'000);
        const auto fundId = Repository<Fund>(*ws).insert(cs, f);
        Project pr;
        pr.code = "L-001";
        pr.name = "Waterbuffers en wandelroutes";
        pr.areaId = AreaId{leaderId};
        pr.themes = {"water", "tourism"};
        const auto prId = Repository<Project>(*ws).insert(cs, pr);
        setProjectProgrammes(cs, ProjectId{prId}, {ProgrammeId{progId}});
        Award a;
        a.projectId = ProjectId{prId};
        a.fundId = FundId{fundId};
        a.amount = Money::fromEuros(120'000);
        a.status = AwardStatus::Granted;
        Repository<Award>(*ws).insert(cs, a);
        ASSERT_TRUE(cs.commit());
    }
    ok("coalition-create", {"--code", "WLS-05", "--name", "Vallei", "--area", "WLS-AREA-1",
                            "--themes", "water;agriculture"});
    auto o = ok("overlap", {"--coalition", "WLS-05"});
    EXPECT_EQ(o.json["area_ha"], "100.00");
    ASSERT_EQ(o.json["overlaps"].size(), 1u) << o.text;
    const auto& x = o.json["overlaps"][0];
    EXPECT_EQ(x["area"], "LEADER-HAGELAND");
    EXPECT_EQ(x["kind"], "leader");
    EXPECT_EQ(x["overlap_ha"], "50.00");
    EXPECT_EQ(x["share_of_coalition_area"], "1/2");
    EXPECT_EQ(x["share_of_other_area"], "1/4");
    EXPECT_EQ(x["programmes"], nlohmann::json::array({"LEADER"}));
    ASSERT_EQ(x["funds"].size(), 1u);
    EXPECT_EQ(x["funds"][0]["fund"], "LEADER-ELFPO");
    EXPECT_EQ(x["funds"][0]["granted_cents"], 12'000'000);
    EXPECT_EQ(x["shared_themes"], nlohmann::json::array({"water"}));
    EXPECT_EQ(x["other_themes"], nlohmann::json::array({"tourism"}));

    auto noArea = run("overlap", {"--coalition", "NOPE"});
    EXPECT_FALSE(noArea.ok());
}

TEST_F(WlsPlugin, LearningNetworkAndReport) {
    fullCoalition("WLS-06", "water;agriculture");
    fullCoalition("WLS-07", "water;landscape");
    ok("practice-add", {"--coalition", "WLS-06", "--theme", "water", "--title",
                        "Peilgestuurde drainage", "--description", "farmers keep water longer"});
    auto n = ok("network", {});
    ASSERT_EQ(n.json["coalitions"].size(), 2u);
    EXPECT_EQ(n.json["coalitions"][0]["members"], 6);
    EXPECT_EQ(n.json["coalitions"][0]["practices"], 1);
    ASSERT_EQ(n.json["links"].size(), 1u);
    EXPECT_EQ(n.json["links"][0]["themes"], nlohmann::json::array({"water"}));
    bool water = false;
    for (const auto& t : n.json["themes"])
        if (t["theme"] == "water") {
            water = true;
            EXPECT_EQ(t["coalitions"], nlohmann::json::array({"WLS-06", "WLS-07"}));
        }
    EXPECT_TRUE(water);
    EXPECT_EQ(n.json["practices"][0]["title"], "Peilgestuurde drainage");

    const std::string xlsx = m_dir + "/wls.xlsx";
    ok("report", {"--out", xlsx});
    ASSERT_TRUE(fs::exists(xlsx));
    const std::string csv = m_dir + "/wls.csv";
    ok("report", {"--out", csv});
    // Several tables: one CSV file per table, numbered in report order.
    const std::string first = m_dir + "/wls-01-coalitions-and-prescribed-composition.csv";
    ASSERT_TRUE(fs::exists(first)) << "CSV files: " << [&] {
        std::string names;
        for (const auto& e : fs::directory_iterator(m_dir))
            names += e.path().filename().string() + " ";
        return names;
    }();
    std::ifstream in(first);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("WLS-06,Kleine Nete WLS-06,partnership,6,complete,"),
              std::string::npos)
        << text.str();
}

}  // namespace
}  // namespace kk
