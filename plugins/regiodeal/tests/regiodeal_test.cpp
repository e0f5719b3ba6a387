// The regiodeal plugin end to end, loaded through the plugin manager and driven by its
// commands as `koppelkans-cli plugin regiodeal ...` does: a deal with four partners over five
// years, commitments and payments, the co-financing rule failing (national money counted as
// regional, share below the rule) and passing after correction, the monitoring table and the
// report in XLSX (read back with xlsx2csv) and CSV; and the Lua rule tests.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/plugin/plugin_manager.h"
#include "core/rules/script_command.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

namespace fs = std::filesystem;

int shell(const std::string& cmd, std::string& out) {
    out.clear();
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        return -1;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    return ::pclose(p);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class Regiodeal : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = (fs::temp_directory_path() /
                 ("kk-regiodeal-" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                  "-" + std::to_string(::getpid())))
                    .string();
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        ::setenv("KK_CONFIG_DIR", m_dir.c_str(), 1);
        const auto& rec = m_plugins.loadFolder(KK_BINARY_DIR "/plugins/regiodeal");
        ASSERT_EQ(rec.state, plugin::PluginState::Loaded) << rec.reason.message();
        ws = Workspace::create(m_dir + "/ws.gpkg").value();
        ASSERT_TRUE(m_plugins.prepareWorkspace(*ws));
    }
    Result<plugin::CommandOutput> run(const std::string& name, std::vector<std::string> args) {
        const plugin::Command* c = m_plugins.findCommand("regiodeal", name);
        EXPECT_NE(c, nullptr) << name;
        if (!c)
            return makeError("test", "no command " + name);
        args.insert(args.end(), {"--on", "2026-06-30"});
        return c->run(args, *ws);
    }
    plugin::CommandOutput ok(const std::string& name, std::vector<std::string> args) {
        auto r = run(name, std::move(args));
        EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().message());
        return r.ok() ? r.value() : plugin::CommandOutput{};
    }
    void commit(const std::string& partner, const std::string& goal, const std::string& amount,
                const std::string& kind = "public", const std::string& origin = "own") {
        for (int y = 2025; y <= 2029; ++y)
            ok("commit",
               {"--deal", "RD-KEMPEN", "--partner", partner, "--goal", goal, "--year",
                std::to_string(y), "--amount", amount, "--kind", kind, "--origin", origin});
    }
    /// The Kempen deal: four partners, two goals, 2025-2029. The municipality passes on
    /// €600,000 a year of national money, which does not count as regional co-financing.
    void kempenDeal() {
        ok("deal-create", {"--code", "RD-KEMPEN", "--name", "Regiodeal Kempen", "--from-year",
                           "2025", "--to-year", "2029"});
        ok("goal-add", {"--deal", "RD-KEMPEN", "--code", "G1", "--name", "Water en landbouw"});
        ok("goal-add", {"--deal", "RD-KEMPEN", "--code", "G2", "--name", "Leefbare dorpen"});
        const std::vector<std::array<std::string, 4>> partners = {
            {"VO", "Vlaamse overheid", "government", "national"},
            {"PROV", "Provincie Antwerpen", "government", "regional_public"},
            {"GEM", "Gemeente Olen", "government", "regional_public"},
            {"COOP", "Agrocoöperatie Kempen", "company", "regional_private"}};
        for (const auto& p : partners)
            ok("partner-add", {"--deal", "RD-KEMPEN", "--actor", p[0], "--name", p[1], "--kind",
                               p[2], "--level", p[3]});
        commit("VO", "G1", "1200000");
        commit("VO", "G2", "800000");
        commit("PROV", "G1", "800000");
        commit("GEM", "G2", "600000");
        commit("GEM", "G2", "600000", "public", "national");
        commit("COOP", "G1", "200000", "in_kind");
    }

    plugin::PluginManager m_plugins;
    std::string m_dir;
    std::unique_ptr<Workspace> ws;
};

TEST_F(Regiodeal, NationalMoneyCountedAsRegionalIsFlaggedThenCorrectionPasses) {
    kempenDeal();
    auto fail = run("check", {"--deal", "RD-KEMPEN"});
    ASSERT_FALSE(fail.ok());
    EXPECT_EQ(fail.error().code, "regiodeal.cofinancing");
    EXPECT_EQ(fail.error().where, "deal RD-KEMPEN");
    // National 10 M + 3 M passed on; regional that counts 4 + 3 + 1 = 8 M; 8/21 = 38,09 %.
    EXPECT_NE(fail.error().what.find("regional co-financing € 8.000.000,00 is 38,09 % of "
                                     "€ 21.000.000,00; the rule asks at least 50,00 % (1/2): "
                                     "€ 5.000.000,00 short"),
              std::string::npos)
        << fail.error().what;
    EXPECT_NE(fail.error().what.find("counting the € 3.000.000,00 national money as regional it "
                                     "would be 52,38 %"),
              std::string::npos)
        << fail.error().what;
    const auto findings = m_plugins.validate(*ws);
    bool nationalWarning = false, shareError = false;
    for (const auto& f : findings) {
        nationalWarning =
            nationalWarning || (f.field == "national_money_in_regional" &&
                                f.message.find("€ 3.000.000,00 of Gemeente Olen (GEM) is national "
                                               "money") != std::string::npos);
        shareError =
            shareError || (f.severity == Severity::Error && f.field == "regional_share_below_rule");
    }
    EXPECT_TRUE(nationalWarning);
    EXPECT_TRUE(shareError);

    // Correction: the cooperative adds €1 M a year of private money.
    commit("COOP", "G1", "1000000", "private");
    auto pass = ok("check", {"--deal", "RD-KEMPEN"});
    EXPECT_EQ(pass.json["ok"], true);
    EXPECT_EQ(pass.json["regional_counted"], 1'300'000'000);
    EXPECT_EQ(pass.json["national"], 1'300'000'000);
    EXPECT_EQ(pass.json["shortfall"], 0);
    EXPECT_NE(pass.text.find("regional share 50,00 %: pass"), std::string::npos) << pass.text;
    // The national money passed on is still named, as a warning that does not fail the deal.
    EXPECT_NE(pass.text.find("warning: deal RD-KEMPEN: € 3.000.000,00 of Gemeente Olen"),
              std::string::npos)
        << pass.text;
}

TEST_F(Regiodeal, ShareBelowTheRuleAndTheDealsOwnRule) {
    ok("deal-create",
       {"--code", "RD-LOW", "--name", "Kleine deal", "--from-year", "2025", "--to-year", "2026"});
    ok("goal-add", {"--deal", "RD-LOW", "--code", "G", "--name", "Goal"});
    ok("partner-add", {"--deal", "RD-LOW", "--actor", "VO", "--name", "Vlaamse overheid", "--kind",
                       "government", "--level", "national"});
    ok("partner-add", {"--deal", "RD-LOW", "--actor", "P", "--name", "Provincie", "--kind",
                       "government", "--level", "regional_public"});
    ok("commit", {"--deal", "RD-LOW", "--partner", "VO", "--goal", "G", "--year", "2025",
                  "--amount", "6000000"});
    ok("commit", {"--deal", "RD-LOW", "--partner", "P", "--goal", "G", "--year", "2026", "--amount",
                  "4000000"});
    auto fail = run("check", {"--deal", "RD-LOW"});
    ASSERT_FALSE(fail.ok());
    EXPECT_NE(fail.error().what.find("€ 4.000.000,00 is 40,00 % of € 10.000.000,00; the rule "
                                     "asks at least 50,00 % (1/2): € 2.000.000,00 short"),
              std::string::npos)
        << fail.error().what;
    ok("rule", {"--deal", "RD-LOW", "--min-regional-share", "40%"});
    auto pass = ok("check", {"--deal", "RD-LOW"});
    EXPECT_EQ(pass.json["rule"]["min_share"], "2/5");
    EXPECT_EQ(pass.json["ok"], true);

    // Refusals name the option and what to do.
    auto r = run("commit", {"--deal", "RD-LOW", "--partner", "P", "--goal", "G", "--year", "2031",
                            "--amount", "1"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what.find("outside the deal (2025-2026)"), std::string::npos);
    r = run("commit", {"--deal", "RD-LOW", "--partner", "NOBODY", "--goal", "G", "--year", "2025",
                       "--amount", "1"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "regiodeal.unknown_partner");
    r = run("commit", {"--deal", "RD-LOW", "--partner", "P", "--goal", "G", "--year", "2025",
                       "--amount", "1,234.567"});
    ASSERT_FALSE(r.ok());
    r = run("rule", {"--deal", "RD-LOW", "--min-regional-share", "150%"});
    ASSERT_FALSE(r.ok());
    r = run("partner-add", {"--deal", "RD-LOW", "--actor", "X", "--name", "X", "--kind", "company",
                            "--level", "federal"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().hint.find("regional_private"), std::string::npos);
}

TEST_F(Regiodeal, MonitoringAndReportInXlsxAndCsv) {
    kempenDeal();
    commit("COOP", "G1", "1000000", "private");
    ok("pay", {"--deal", "RD-KEMPEN", "--partner", "VO", "--goal", "G1", "--year", "2025",
               "--amount", "1200000", "--date", "2025-03-01"});
    ok("pay", {"--deal", "RD-KEMPEN", "--partner", "VO", "--goal", "G2", "--year", "2025",
               "--amount", "400000"});
    ok("pay", {"--deal", "RD-KEMPEN", "--partner", "PROV", "--goal", "G1", "--year", "2025",
               "--amount", "800000"});
    ok("pay", {"--deal", "RD-KEMPEN", "--partner", "GEM", "--goal", "G2", "--year", "2025",
               "--amount", "1200000"});
    ok("pay", {"--deal", "RD-KEMPEN", "--partner", "COOP", "--goal", "G1", "--year", "2025",
               "--amount", "900000.50"});
    ok("pay", {"--deal", "RD-KEMPEN", "--partner", "VO", "--goal", "G1", "--year", "2026",
               "--amount", "1200000"});
    ok("spend", {"--deal", "RD-KEMPEN", "--goal", "G1", "--year", "2025", "--amount", "1500000"});
    ok("spend", {"--deal", "RD-KEMPEN", "--goal", "G2", "--year", "2025", "--amount", "1000000"});
    ok("spend", {"--deal", "RD-KEMPEN", "--goal", "G1", "--year", "2026", "--amount", "2000000"});
    ok("final", {"--deal", "RD-KEMPEN", "--year", "2029"});

    auto m = ok("monitor", {"--deal", "RD-KEMPEN", "--year", "2025"});
    const auto& rows = m.json["rows"];
    ASSERT_EQ(rows.size(), 5u);  // VO G1, VO G2, PROV G1, GEM G2, COOP G1
    EXPECT_EQ(rows[1]["partner"], "VO");
    EXPECT_EQ(rows[1]["goal"], "G2");
    EXPECT_EQ(rows[1]["committed_cents"], 80'000'000);
    EXPECT_EQ(rows[1]["paid_cents"], 40'000'000);
    EXPECT_EQ(rows[1]["outstanding_cents"], 40'000'000);
    EXPECT_EQ(rows[3]["committed_cents"], 120'000'000);  // GEM: own + national money
    EXPECT_EQ(rows[4]["committed_cents"], 120'000'000);  // COOP: in kind + private
    EXPECT_EQ(rows[4]["paid_cents"], 90'000'050);
    ASSERT_EQ(m.json["accounting"].size(), 1u);
    EXPECT_EQ(m.json["accounting"][0]["spending_cents"], 250'000'000);
    EXPECT_EQ(m.json["accounting"][0]["private_cents"], 120'000'000);

    auto all = ok("monitor", {"--deal", "RD-KEMPEN"});
    const auto& acc = all.json["accounting"];
    ASSERT_EQ(acc.size(), 5u);
    EXPECT_EQ(acc[1]["cumulative_cents"], 450'000'000);
    EXPECT_EQ(acc[4]["cumulative_cents"], 450'000'000);
    EXPECT_EQ(acc[4]["final"], true);
    EXPECT_EQ(acc[3]["final"], false);

    const std::string xlsx = m_dir + "/deal.xlsx";
    ok("report", {"--deal", "RD-KEMPEN", "--out", xlsx});
    ASSERT_TRUE(fs::exists(xlsx));
    std::string out;
    ASSERT_EQ(
        shell("xlsx2csv --ignore-formats float -n 'Accounting (SiSa layout)' '" + xlsx + "' 2>&1",
              out),
        0)
        << out;
    EXPECT_NE(out.find("Regeling,Jaar T,Besteding (jaar T),Cumulatieve bestedingen t/m jaar T,"
                       "Eindverantwoording (Ja/Nee),Regionale private bijdrage (jaar T)"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("RD-KEMPEN,2025,2500000,2500000,Nee,1200000"), std::string::npos) << out;
    EXPECT_NE(out.find("RD-KEMPEN,2026,2000000,4500000,Nee,1200000"), std::string::npos) << out;
    EXPECT_NE(out.find("RD-KEMPEN,2029,0,4500000,Ja,1200000"), std::string::npos) << out;
    ASSERT_EQ(shell("xlsx2csv --ignore-formats float -n 'Committed vs paid by partner' '" + xlsx +
                        "' 2>&1",
                    out),
              0)
        << out;
    EXPECT_NE(out.find("COOP,Agrocoöperatie Kempen,regional_private,G1,2025,1200000,900000.5,"
                       "299999.5"),
              std::string::npos)
        << out;

    const std::string csv = m_dir + "/deal.csv";
    ok("report", {"--deal", "RD-KEMPEN", "--out", csv});
    std::string accounting;
    for (const auto& e : fs::directory_iterator(m_dir))
        if (e.path().filename().string().find("accounting") != std::string::npos)
            accounting = readFile(e.path().string());
    EXPECT_NE(accounting.find("RD-KEMPEN,2026,2000000.00,4500000.00,Nee,1200000.00,1200000.00"),
              std::string::npos)
        << accounting;
    std::string cof;
    for (const auto& e : fs::directory_iterator(m_dir))
        if (e.path().filename().string().find("co-financing-rule") != std::string::npos)
            cof = readFile(e.path().string());
    EXPECT_NE(cof.find("Regional co-financing that counts,13000000.00"), std::string::npos) << cof;
}

TEST(RegiodealLua, RuleTestsPass) {
    rules::ScriptCommandContext ctx;
    ctx.bundledDir = KK_SOURCE_DIR "/scripts";
    ctx.packs = {{"regiodeal", KK_SOURCE_DIR "/plugins/regiodeal/scripts"}};
    ctx.trustFile = "/nonexistent/kk-trust.json";
    auto r = rules::runScriptCommand({"test", "plugin:regiodeal/regiodeal/cofinancing.lua"}, ctx);
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("5 passed, 0 failed, 0 skipped, 0 scripts did not load"),
              std::string::npos)
        << r.out;
}

}  // namespace
}  // namespace kk
