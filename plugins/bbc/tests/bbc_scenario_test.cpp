// The end-to-end scenario of issue 8: a meerjarenplan imported, three subsidised projects
// linked to acties with external codes, schemas and dossier written, numbers reconciled; and
// the plugin loaded through the real plugin host.
#include "core/plugin/plugin_manager.h"
#include "core/store/changeset.h"
#include "plugins/bbc/src/bbc_plugin.h"
#include "plugins/bbc/src/reports.h"
#include "plugins/bbc/src/schemas.h"
#include "plugins/bbc/tests/bbc_fixture.h"

namespace kk::bbc::test {
namespace {

class Scenario : public GoldenPlan {
  protected:
    void SetUp() override {
        GoldenPlan::SetUp();
        ChangeSet cs(*m_ws, "three subsidised projects");
        auto fund = [&](const std::string& code, const std::string& grantor) {
            Row r;
            r.set("code", code)
                .set("name", code)
                .set("grantor", grantor)
                .set("type", std::string("subsidy"))
                .set("max_rate", std::string("1/1"))
                .set("rate_kind", std::string("up_to"))
                .set("budget", std::int64_t{100000000})
                .set("valid_from", std::string("2024-01-01"));
            return cs.insert("kk_fund", r);
        };
        auto project = [&](const std::string& code) {
            Row r;
            r.set("code", code)
                .set("name", "Project " + code)
                .set("status", std::string("execution"));
            return cs.insert("kk_project", r);
        };
        auto item = [&](std::int64_t p, const std::string& code, const std::string& cat, int year,
                        std::int64_t euros) {
            Row r;
            r.set("code", code)
                .set("project_id", p)
                .set("category", cat)
                .set("year", std::int64_t{year})
                .set("amount", euros * 100);
            return cs.insert("kk_cost_item", r);
        };
        auto award = [&](std::int64_t p, std::int64_t f, std::int64_t euros, const char* decided) {
            Row r;
            r.set("project_id", p)
                .set("fund_id", f)
                .set("amount", euros * 100)
                .set("status", std::string("granted"))
                .set("decided_on", std::string(decided));
            return cs.insert("kk_award", r);
        };
        const auto lekp = fund("LEKP-2022", "Agentschap Binnenlands Bestuur");
        const auto school = fund("SCHOOLBOUW", "Vlaamse overheid - AGION");
        const auto fed = fund("OCMW-FED", "FOD Maatschappelijke Integratie");
        const auto p1 = project("P1"), p2 = project("P2"), p3 = project("P3");
        item(p1, "P1-C1", "staff", 2024, 20000);
        item(p1, "P1-C2", "staff", 2025, 20000);
        award(p1, lekp, 30000, "2024-03-01");
        item(p2, "P2-C1", "works", 2025, 100000);
        const auto a2 = award(p2, school, 40000, "2024-06-01");
        Row t;
        t.set("award_id", a2)
            .set("kind", std::string("advance"))
            .set("due", std::string("2025-02-01"))
            .set("amount", std::int64_t{4000000})
            .set("paid_on", std::string("2025-02-15"));
        cs.insert("kk_payment_tranche", t);
        const auto c3 = item(p3, "P3-C1", "equipment", 2026, 50000);
        award(p3, fed, 10000, "2026-01-10");
        Row e;
        e.set("code", "INV-1")
            .set("project_id", p3)
            .set("cost_item_id", c3)
            .set("date", std::string("2026-04-01"))
            .set("amount", std::int64_t{4500000})
            .set("vat", std::int64_t{0});
        cs.insert("kk_expense", e);
        ASSERT_TRUE(cs.commit().ok());
    }
};

TEST_F(Scenario, ThreeSubsidisedProjectsReconcileWithTheirRegistrations) {
    const std::vector<std::string> plan{"--government", kKbo, "--period", "2024-2026"};
    auto with = [&](std::vector<std::string> a) {
        a.insert(a.end(), plan.begin(), plan.end());
        return a;
    };
    run("link-code", with({"--action", "1.1.2", "--code", "ABB-LEKP-2023"}));
    run("link-code", with({"--action", "2.1.1", "--code", "WVG200/1"}));
    const std::string out1 = run(
        "link-project", with({"--project", "P1", "--action", "1.1.1", "--policy-field", "0350"}));
    EXPECT_NE(out1.find("Vlaamse werkingssubsidie (7405, ESC 300)"), std::string::npos) << out1;
    const std::string out2 = run(
        "link-project", with({"--project", "P2", "--action", "1.1.2", "--policy-field", "0742"}));
    EXPECT_NE(out2.find("Vlaamse investeringssubsidie (150, ESC 300)"), std::string::npos) << out2;
    const std::string out3 = run(
        "link-project", with({"--project", "P3", "--action", "2.1.1", "--policy-field", "0900"}));
    EXPECT_NE(out3.find("Federale investeringssubsidie (150, ESC 100)"), std::string::npos) << out3;
    EXPECT_EQ(count("SELECT count(*) FROM kk_cost_item WHERE bbc_action_id IS NOT NULL"), 4);
    EXPECT_EQ(
        count("SELECT count(*) FROM kk_cost_item WHERE code = 'P2-C1' AND bbc_account = '228'"), 1);
    run("sync-projects", plan);
    // cost items 4 (U budget), awards: P1 1 + P2 1 tranche + P3 1 (O budget), P2 paid tranche
    // (O realisation), expense INV-1 (U realisation).
    EXPECT_EQ(count("SELECT count(*) FROM bbc_registration WHERE origin = 'project'"), 9);
    run("sync-projects", plan);  // idempotent: replaces, never doubles
    EXPECT_EQ(count("SELECT count(*) FROM bbc_registration WHERE origin = 'project'"), 9);

    // Every acties in scope now carries a code: the subsidised M2 equals the SQL sums.
    plugin::Options o{{"government", kKbo}, {"period", "2024-2026"}, {"scope", "subsidised"}};
    auto sc = loadScope(*m_ws, o).value();
    RegistrationFilter f = sc.filter;
    f.kind = RegKind::Budget;
    const auto regs = loadRegistrations(*m_ws, sc.plans, f);
    const M2 m2 = computeM2(place(regs, sc.lists.accounts), 2024, 2026);
    EXPECT_EQ(m2.unplaced, 0);
    for (const auto& y : m2.years) {
        const std::string where =
            " FROM bbc_registration WHERE kind = 'budget' AND action_id IS "
            "NOT NULL AND fiscal_year = " +
            std::to_string(y.year);
        EXPECT_EQ((y.flows.u[0] + y.flows.u[1] + y.flows.u[2]).cents(),
                  count("SELECT coalesce(sum(amount), 0)" + where + " AND direction = 'U'"));
        EXPECT_EQ((y.flows.o[0] + y.flows.o[1] + y.flows.o[2]).cents(),
                  count("SELECT coalesce(sum(amount), 0)" + where + " AND direction = 'O'"));
    }
    // 2025: the P2 works (228, investeringen U) and the school subsidy tranche (150, II.D).
    EXPECT_EQ(m2.years[1].flows.u[1], Money::fromEuros(500000 + 100000));
    EXPECT_EQ(m2.years[1].flows.o[1], Money::fromEuros(40000));
    // P1's LEKP award without tranches lands in its decision year 2024 on 7405 / ESC 300.
    EXPECT_EQ(m2.years[0].flows.o[0], Money::fromEuros(50000 + 30000));

    for (const std::string schema : {"M1", "M2", "M3", "T2", "dossier", "preflight"})
        for (const std::string ext : {".xlsx", ".csv"}) {
            const auto file = (m_dir / ("s_" + schema + ext)).string();
            std::vector<std::string> args{schema, "--out", file};
            if (schema != "preflight") {
                args.push_back("--scope");
                args.push_back("subsidised");
            }
            run("report", with(args));
            bool any = std::filesystem::exists(file);
            for (const auto& e : std::filesystem::directory_iterator(m_dir))
                any = any || e.path().filename().string().rfind("s_" + schema + "-", 0) == 0;
            EXPECT_TRUE(any) << file;
        }
    auto dossier = buildDossierReport(
        *m_ws, {{"government", kKbo}, {"period", "2024-2026"}, {"code", "ABB-LEKP-2023"}});
    ASSERT_TRUE(dossier.ok());
    const auto& years = std::get<report::TableBlock>(dossier->sections[0].blocks[2]);
    const auto totals = years.totals("Totaal");
    EXPECT_EQ(totals[1], report::Cell(Money::fromEuros(300000 + 500000 + 100000)));  // U planned
    EXPECT_EQ(totals[3], report::Cell(Money::fromEuros(100000 + 40000)));            // O planned
    EXPECT_EQ(totals[4], report::Cell(Money::fromEuros(40000)));  // O realised (paid tranche)
}

TEST(BbcPluginHost, LoadsThroughThePluginManagerAndRunsACommand) {
    plugin::PluginManager manager;
    const auto& rec = manager.loadFolder(std::string(KK_BINARY_DIR) + "/plugins/bbc");
    ASSERT_EQ(rec.state, plugin::PluginState::Loaded) << rec.reason.message();
    EXPECT_NE(manager.findCommand("bbc", "report"), nullptr);
    EXPECT_NE(manager.findCommand("bbc", "import"), nullptr);
    EXPECT_NE(manager.findReport("bbc", "bbc.m2"), nullptr);
    const auto dir = std::filesystem::temp_directory_path() / "kk_bbc_host_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    setenv("KK_DATA_DIR", (sourceDir() + "/data").c_str(), 1);
    auto ws = Workspace::create((dir / "ws.gpkg").string()).value();
    ASSERT_TRUE(manager.prepareWorkspace(*ws, "bbc").ok());
    auto out = manager.findCommand("bbc", "load-codes")->run({}, *ws);
    ASSERT_TRUE(out.ok()) << out.error().message();
    EXPECT_EQ(out->json["accounts"], 369);
    auto x = manager.findCommand("bbc", "xbrl")->run({}, *ws);
    ASSERT_FALSE(x.ok());
    EXPECT_EQ(x.error().code, "bbc.xbrl_not_available");
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kk::bbc::test
