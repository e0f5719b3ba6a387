// Script packages against the fixture workspace: Lua indicators equal their C++ twins, checks,
// scores, allocation strategies, staged writes, trust and the script command.
#include <gtest/gtest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/rules/script_command.h"
#include "core/rules/script_library.h"
#include "core/rules/sha256.h"
#include "core/store/changeset.h"
#include "tests/rules/fixture.h"

namespace kk::rules {
namespace {

/// The leverage indicator written in C++: private / subsidy over granted awards.
std::optional<double> leverageCpp(Workspace& ws, std::int64_t projectId) {
    auto st = ws.db().prepare(
        "SELECT a.amount, f.type FROM kk_award a JOIN kk_fund f ON f.id = a.fund_id "
        "WHERE a.project_id = ? AND a.status = 'granted'");
    st.bind(1, projectId);
    std::int64_t priv = 0, sub = 0;
    while (st.step()) {
        const std::string type = st.getText(1);
        if (type == "private")
            priv += st.getInt(0);
        if (type == "subsidy")
            sub += st.getInt(0);
    }
    if (sub == 0)
        return std::nullopt;
    return static_cast<double>(priv) / static_cast<double>(sub);
}

class PackageTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = test::tempDir("package");
        ::setenv("KK_CONFIG_DIR", m_dir.c_str(), 1);
        m_ws = test::makeFixture(m_dir + "/ws.gpkg");
        m_trust = std::make_unique<TrustStore>(TrustStore::load(m_dir + "/trust.json").value());
        m_lib =
            std::make_unique<ScriptLibrary>(KK_SOURCE_DIR "/scripts", m_ws.get(), m_trust.get());
    }
    std::int64_t idOf(const char* table, const char* code) {
        auto st = m_ws->db().prepare(std::string("SELECT id FROM ") + table + " WHERE code = ?");
        st.bind(1, code);
        EXPECT_TRUE(st.step());
        return st.getInt(0);
    }
    std::int64_t count(const char* table) {
        return m_ws->db().scalarInt(std::string("SELECT count(*) FROM ") + table);
    }
    std::unique_ptr<ScriptPackage> inlinePkg(const std::string& text) {
        auto pkg = m_lib->load(ScriptSource{"inline.lua", "file", text});
        EXPECT_TRUE(pkg.ok()) << (pkg.ok() ? "" : pkg.error().message());
        return pkg.ok() ? std::move(pkg.value()) : nullptr;
    }

    std::string m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<TrustStore> m_trust;
    std::unique_ptr<ScriptLibrary> m_lib;
};

TEST_F(PackageTest, LuaLeverageEqualsCppLeverage) {
    auto pkg = m_lib->load("indicators/leverage.lua");
    ASSERT_TRUE(pkg.ok()) << pkg.error().message();
    const RuleInfo* rule = (*pkg)->findRule(RuleKind::Indicator, "leverage");
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->aggregation, "mean");
    EXPECT_EQ(rule->type, "result");
    int compared = 0;
    for (const char* code : {"FX-P1", "FX-P2", "FX-P3"}) {
        const auto id = idOf("kk_project", code);
        auto lua = (*pkg)->computeIndicator("leverage", "project", id);
        ASSERT_TRUE(lua.ok()) << lua.error().message();
        EXPECT_EQ(*lua, leverageCpp(*m_ws, id)) << code;
        ++compared;
    }
    EXPECT_EQ(compared, 3);
    EXPECT_EQ((*pkg)->computeIndicator("leverage", "project", idOf("kk_project", "FX-P1"))->value(),
              2.5);
}

TEST_F(PackageTest, IndicatorRejectsWrongSubjectAndMissingEntity) {
    auto pkg = m_lib->load("indicators/leverage.lua");
    ASSERT_TRUE(pkg.ok());
    auto wrong = (*pkg)->computeIndicator("leverage", "area", 1);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "rules.bad_subject");
    auto missing = (*pkg)->computeIndicator("leverage", "project", 999999);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().what.find("there is no project #999999"), std::string::npos);
}

TEST_F(PackageTest, ComputeIndicatorAllEqualsOneCallPerSubject) {
    auto pkg = m_lib->load("indicators/leverage.lua");
    ASSERT_TRUE(pkg.ok()) << pkg.error().message();
    auto all = (*pkg)->computeIndicatorAll("leverage", "project");
    ASSERT_TRUE(all.ok()) << all.error().message();
    auto ids = m_ws->db().prepare("SELECT id FROM kk_project ORDER BY id");
    std::size_t i = 0;
    while (ids.step()) {
        ASSERT_LT(i, all->size());
        EXPECT_EQ((*all)[i].subjectId, ids.getInt(0));
        EXPECT_EQ((*all)[i].value, leverageCpp(*m_ws, ids.getInt(0)));
        ++i;
    }
    EXPECT_EQ(i, all->size());
    EXPECT_FALSE((*pkg)->computeIndicatorAll("leverage", "area").ok());
    EXPECT_EQ((*pkg)->computeIndicatorAll("nope", "project").error().code, "rules.unknown_rule");
}

TEST_F(PackageTest, ProxyFieldsDoNotDependOnWhichColumnsWereReadBefore) {
    // Queries fetch the columns this package has read so far; a proxy that lacks one reads its
    // row. Whatever the order, every read gives the stored value.
    const std::string text = R"(
local function describe(p)
    local out = {}
    for _, a in ipairs(p:awards()) do
        out[#out + 1] = a.fund_code .. ":" .. a.amount .. ":" .. a.status .. ":" .. a.fund_type
    end
    for _, c in ipairs(p:cost_items()) do
        out[#out + 1] = c.year .. ":" .. tostring(c.eligible) .. ":" .. #c.tags .. ":" ..
                        tostring(c:project() == p) .. ":" .. tostring(c.partner_id ~= nil)
    end
    local coalition = p:coalition()
    out[#out + 1] = coalition and coalition.code or "-"
    out[#out + 1] = p.entity .. ":" .. p.code
    return table.concat(out, "|")
end
kk.indicator{ code = "only_amounts", name = "a", compute = function(p)
    local s = 0
    for _, a in ipairs(p:awards()) do s = s + a.amount end
    return s
end }
kk.indicator{ code = "described", name = "d", compute = function(p)
    local now = describe(p)
    for _, part in ipairs({ "FX-SUB:10000000:granted:subsidy", "FX-PRIV:25000000:granted:private",
                            "|FX-C1|project:FX-P1" }) do
        if not now:find(part, 1, true) then error("missing " .. part .. " in " .. now) end
    end
    if first and first ~= now then error(first .. " ~= " .. now) end
    first = now
    return 1
end }
kk.test("describe twice", function(t)
    local p = kk.find("project", "FX-P1")
    local first = describe(p)
    t.eq(describe(p), first)
    t.eq(describe(kk.get("project", p.id)), first)
end)
)";
    auto pkg = m_lib->load(ScriptSource{"fields.lua", "file", text});
    ASSERT_TRUE(pkg.ok()) << pkg.error().message();
    const auto p1 = idOf("kk_project", "FX-P1");
    EXPECT_EQ((*pkg)->computeIndicator("only_amounts", "project", p1)->value(), 35'000'000.0);
    for (int i = 0; i < 2; ++i) {
        auto d = (*pkg)->computeIndicator("described", "project", p1);
        ASSERT_TRUE(d.ok()) << d.error().message();
    }
    for (const auto& t : (*pkg)->runTests())
        EXPECT_EQ(t.status, TestOutcome::Status::Pass) << t.name << ": " << t.message;
    // A fresh package reads the fields in the other order first.
    auto fresh = m_lib->load(ScriptSource{"fields.lua", "file", text});
    ASSERT_TRUE(fresh.ok());
    auto d = (*fresh)->computeIndicator("described", "project", p1);
    ASSERT_TRUE(d.ok()) << d.error().message();
    EXPECT_EQ((*fresh)->computeIndicator("only_amounts", "project", p1)->value(), 35'000'000.0);
}

TEST_F(PackageTest, ChecksReportFindings) {
    auto pkg = m_lib->load("checks/project_basics.lua");
    ASSERT_TRUE(pkg.ok()) << pkg.error().message();
    auto partner = (*pkg)->runCheckAll("cost_item_partner");
    ASSERT_TRUE(partner.ok()) << partner.error().message();
    ASSERT_EQ(partner->size(), 1u);
    EXPECT_EQ(partner->front().subjectId, idOf("kk_cost_item", "FX-P2-C2"));
    EXPECT_EQ(partner->front().severity, "warning");
    auto lead = (*pkg)->runCheckAll("coalition_has_lead");
    ASSERT_TRUE(lead.ok());
    ASSERT_EQ(lead->size(), 1u);
    EXPECT_EQ(lead->front().subjectId, idOf("kk_coalition", "FX-C2"));
    auto rate = (*pkg)->runCheckAll("award_within_max_rate");
    ASSERT_TRUE(rate.ok());
    EXPECT_TRUE(rate->empty());
}

TEST_F(PackageTest, ScoreUsesTheCallCriteria) {
    auto pkg = inlinePkg(
        "kk.score{ code = 'jury', call = 'FX-CALL', score = function(p, criteria)\n"
        "  return { impact = 8, partnership = p.coalition_id and 5 or 0 } end }\n"
        "kk.score{ code = 'bad', criteria = { { code = 'x', weight = 1, max = 5 } },\n"
        "  score = function(p) return { x = 6 } end }\n");
    auto s = pkg->score("jury", idOf("kk_project", "FX-P1"));
    ASSERT_TRUE(s.ok()) << s.error().message();
    ASSERT_EQ(s->criteria.size(), 2u);
    EXPECT_NEAR(s->total, 0.6 * 8 + 0.4 * 5, 1e-12);
    EXPECT_NEAR(s->maxTotal, 10.0, 1e-12);
    auto bad = pkg->score("bad", idOf("kk_project", "FX-P1"));
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().what.find("outside 0..5"), std::string::npos);
}

TEST_F(PackageTest, LuaAllocationStrategy) {
    auto pkg = m_lib->load("allocation/waterfall_simple.lua");
    ASSERT_TRUE(pkg.ok()) << pkg.error().message();
    const auto problem = nlohmann::json::parse(R"({
        "cost_items": [{"id": "c1", "amount": 10001, "category": "works", "year": 2025,
                        "eligible": true}],
        "funds": [{"id": "sub", "max_rate": "1/2", "priority": 1, "budget": 100000},
                  {"id": "own", "max_rate": "1/1", "priority": 9}]})");
    auto cells = (*pkg)->allocate("lua_waterfall", problem);
    ASSERT_TRUE(cells.ok()) << cells.error().message();
    ASSERT_EQ(cells->size(), 2u);
    EXPECT_EQ((*cells)[0].fundId, "sub");
    EXPECT_EQ((*cells)[0].amount.cents(), 5000);
    EXPECT_EQ((*cells)[1].amount.cents(), 5001);
}

TEST_F(PackageTest, AllocationCellsAreChecked) {
    auto pkg = inlinePkg(
        "kk.allocation_strategy{ name = 'floaty', allocate = function(p)\n"
        "  return { { cost_item = 'c1', fund = 'f', amount = 12.5 } } end }\n"
        "kk.allocation_strategy{ name = 'ghost', allocate = function(p)\n"
        "  return { cells = { { cost_item = 'c1', fund = 'nope', amount = 1 } } } end }\n");
    const auto problem = nlohmann::json::parse(
        R"({"cost_items": [{"id": "c1", "amount": 100}], "funds": [{"id": "f", "max_rate": "1/1"}]})");
    auto floaty = pkg->allocate("floaty", problem);
    ASSERT_FALSE(floaty.ok());
    EXPECT_NE(floaty.error().what.find("integer cents"), std::string::npos);
    auto ghost = pkg->allocate("ghost", problem);
    ASSERT_FALSE(ghost.ok());
    EXPECT_NE(ghost.error().what.find("unknown fund 'nope'"), std::string::npos);
}

TEST_F(PackageTest, StagedMeasurementsCommitAsOneChangeSet) {
    auto pkg = inlinePkg(
        "kk.indicator{ code = 'stager', name = 's', compute = function(p)\n"
        "  kk.stage.measurement{ indicator = 'leverage', subject = p, year = 2025, value = 2.5 }\n"
        "  return 1 end }\n");
    const auto audits = count("kk_audit");
    const auto before = count("kk_measurement");
    ASSERT_TRUE(pkg->computeIndicator("stager", "project", idOf("kk_project", "FX-P1")).ok());
    ASSERT_TRUE(pkg->computeIndicator("stager", "project", idOf("kk_project", "FX-P2")).ok());
    EXPECT_EQ(pkg->stagedCount(), 2u);
    EXPECT_EQ(count("kk_measurement"), before);  // nothing written before commit
    ASSERT_TRUE(pkg->commitStaged("Lua test").ok());
    EXPECT_EQ(count("kk_measurement"), before + 2);
    EXPECT_EQ(count("kk_audit"), audits + 1);
    auto st = m_ws->db().prepare("SELECT value, source FROM kk_measurement ORDER BY id LIMIT 1");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.getText(0), "2.5");
    EXPECT_EQ(st.getText(1), "script:inline.lua");
}

TEST_F(PackageTest, StagingValidatesInput) {
    auto pkg = inlinePkg(
        "kk.indicator{ code = 'a', name = 'a', compute = function(p)\n"
        "  kk.stage.measurement{ indicator = 'no_such', subject = p, year = 2025, value = 1 } end "
        "}\n"
        "kk.indicator{ code = 'b', name = 'b', compute = function(p)\n"
        "  kk.stage.measurement{ indicator = 'leverage', subject = p, year = 3000, value = 1 } end "
        "}\n"
        "kk.indicator{ code = 'c', name = 'c', compute = function(p)\n"
        "  kk.stage.measurement{ indicator = 'leverage', subject = p, year = 2025, value = 0/0 } "
        "end }\n");
    const auto p1 = idOf("kk_project", "FX-P1");
    auto a = pkg->computeIndicator("a", "project", p1);
    ASSERT_FALSE(a.ok());
    EXPECT_NE(a.error().what.find("unknown indicator 'no_such'"), std::string::npos);
    EXPECT_NE(a.error().where.find("line 2"), std::string::npos) << a.error().message();
    EXPECT_FALSE(pkg->computeIndicator("b", "project", p1).ok());
    EXPECT_FALSE(pkg->computeIndicator("c", "project", p1).ok());
    EXPECT_EQ(pkg->stagedCount(), 0u);
}

TEST_F(PackageTest, WorkspaceScriptsNeedTrustOfTheirExactHash) {
    const std::string v1 =
        "kk.indicator{ code = 'w', name = 'w', compute = function(p) return 7 end }";
    {
        ChangeSet cs(*m_ws, "Add script");
        cs.insert("kk_script", Row()
                                   .set("name", "my_rules")
                                   .set("kind", "indicator")
                                   .set("source", v1)
                                   .set("hash", sha256Hex(v1)));
        ASSERT_TRUE(cs.commit().ok());
    }
    auto refused = m_lib->load("workspace:my_rules");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "rules.untrusted");
    EXPECT_NE(refused.error().hint.find("script trust"), std::string::npos);

    ScriptCommandContext ctx;
    ctx.workspace = m_ws.get();
    ctx.bundledDir = KK_SOURCE_DIR "/scripts";
    ctx.trustFile = m_dir + "/trust.json";
    auto notTrusted = runScriptCommand({"run", "workspace:my_rules"}, ctx);
    EXPECT_EQ(notTrusted.exitCode, 4) << notTrusted.err;
    auto trusted = runScriptCommand({"trust", "workspace:my_rules"}, ctx);
    ASSERT_EQ(trusted.exitCode, 0) << trusted.err;
    auto run = runScriptCommand({"run", "workspace:my_rules"}, ctx);
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_NE(run.out.find("indicator w project#"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find(" = 7\n"), std::string::npos) << run.out;

    // A changed script is a new hash: trust again.
    {
        ChangeSet cs(*m_ws, "Edit script");
        cs.update("kk_script", 1, Row().set("source", v1 + " -- edited"));
        ASSERT_TRUE(cs.commit().ok());
    }
    EXPECT_EQ(runScriptCommand({"run", "workspace:my_rules"}, ctx).exitCode, 4);
    auto automated = runScriptCommand({"run", "workspace:my_rules", "--trust"}, ctx);
    EXPECT_EQ(automated.exitCode, 0) << automated.err;
}

TEST_F(PackageTest, RequireReachesTrustedWorkspaceModulesOnly) {
    {
        ChangeSet cs(*m_ws, "Add module");
        cs.insert("kk_script", Row()
                                   .set("name", "util.extra")
                                   .set("kind", "library")
                                   .set("source", "return { seven = 7 }")
                                   .set("hash", sha256Hex("return { seven = 7 }")));
        ASSERT_TRUE(cs.commit().ok());
    }
    const std::string text =
        "kk.indicator{ code = 'r', name = 'r', compute = function(p)\n"
        "  return require('util.extra').seven end }\n";
    auto pkg = inlinePkg(text);
    auto refused = pkg->computeIndicator("r", "project", idOf("kk_project", "FX-P1"));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().what.find("not trusted"), std::string::npos);
    ASSERT_TRUE(m_trust->trust(sha256Hex("return { seven = 7 }"), "util.extra").ok());
    auto ok = pkg->computeIndicator("r", "project", idOf("kk_project", "FX-P1"));
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_EQ(ok->value(), 7.0);
}

TEST_F(PackageTest, RunCommandStoresMeasurements) {
    ScriptCommandContext ctx;
    ctx.workspace = m_ws.get();
    ctx.bundledDir = KK_SOURCE_DIR "/scripts";
    ctx.trustFile = m_dir + "/trust.json";
    const auto before = count("kk_measurement");
    auto r = runScriptCommand({"run", "indicators/leverage.lua", "--store", "--year", "2025"}, ctx);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("= 2.5\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("= n/a\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("stored 2 measurements"), std::string::npos) << r.out;
    EXPECT_EQ(count("kk_measurement"), before + 2);
    // Storing again replaces the values instead of adding rows.
    ASSERT_EQ(runScriptCommand({"run", "indicators/leverage.lua", "--store", "--year", "2025"}, ctx)
                  .exitCode,
              0);
    EXPECT_EQ(count("kk_measurement"), before + 2);

    auto usage = runScriptCommand({"run", "indicators/leverage.lua", "--store"}, ctx);
    EXPECT_EQ(usage.exitCode, 2);
    auto list = runScriptCommand({"list"}, ctx);
    EXPECT_NE(list.out.find("indicators/leverage.lua\tindicator\tbundled"), std::string::npos);
    auto unknown = runScriptCommand({"frobnicate"}, ctx);
    EXPECT_EQ(unknown.exitCode, 2);
}

TEST_F(PackageTest, PrintIsCapturedNotWrittenToStdout) {
    auto pkg = inlinePkg("print('hello', 1, nil, true)\n");
    EXPECT_EQ(pkg->takeOutput(), "hello\t1\tnil\ttrue\n");
}

}  // namespace
}  // namespace kk::rules
