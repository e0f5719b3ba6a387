// koppelkans-cli allocate / allocate-runs as a user runs them on the demo workspace: table,
// JSON and XLSX output, Lua strategies, what-if comparison, saved runs, --diff, and infeasible
// input reported with its reason and exit code 1.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "tests/allocate/demo_fixture.h"

namespace {

using kk::test::cli;

class AllocateCli : public kk::test::DemoWorkspace {
  protected:
    /// The first project with a granted award.
    static std::string project() {
        auto ws = kk::Workspace::open(demoPath(), true).value();
        auto st = ws->db().prepare(
            "SELECT p.code FROM kk_project p JOIN kk_award a ON a.project_id = p.id "
            "WHERE a.status = 'granted' ORDER BY p.code LIMIT 1");
        EXPECT_TRUE(st.step());
        return st.getText(0);
    }
};

TEST_F(AllocateCli, TableWithExplanation) {
    const auto r = cli("allocate " + demoPath() + " --project " + project() + " --explain");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("strategy waterfall"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("input: criterion territory_share"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("explanation:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("total"), std::string::npos) << r.out;
}

TEST_F(AllocateCli, JsonOfLuaAndCppWaterfallAgree) {
    const std::string base = "--json allocate " + demoPath() + " --project " + project();
    const auto cpp = cli(base);
    const auto lua = cli(base + " --strategy lua:waterfall");
    ASSERT_EQ(cpp.exit, 0) << cpp.out;
    ASSERT_EQ(lua.exit, 0) << lua.out;
    auto a = nlohmann::json::parse(cpp.out);
    auto b = nlohmann::json::parse(lua.out);
    EXPECT_EQ(a["strategy"], "waterfall");
    EXPECT_EQ(b["strategy"], "lua:waterfall");
    auto& x = a["projects"][0]["allocation"];
    auto& y = b["projects"][0]["allocation"];
    x.erase("strategy");
    y.erase("strategy");
    EXPECT_EQ(x, y);
    EXPECT_GT(x["cells"].size(), 0u);
}

TEST_F(AllocateCli, WhatIfComparisonSavesNothing) {
    const auto r = cli("allocate " + demoPath() + " --project " + project() +
                       " --compare waterfall,maximise_external,pro_rata --funds WLS,VRF,SV-PROJ");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("what-if for project"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("maximise_external"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("WLS"), std::string::npos) << r.out;
    const auto runs = cli("allocate-runs " + demoPath());
    EXPECT_NE(runs.out.find("no stored allocation runs"), std::string::npos) << runs.out;
}

TEST_F(AllocateCli, SaveListDiffAndXlsx) {
    const std::string w = copy("cli-runs.gpkg");
    const auto saved = cli("--user planner allocate " + w +
                           " --programme SV-2026 --save --note "
                           "'first draft' --min-own 5%");
    ASSERT_EQ(saved.exit, 0) << saved.out;
    EXPECT_NE(saved.out.find("saved as allocation run 1"), std::string::npos) << saved.out;
    const auto list = cli("allocate-runs " + w);
    ASSERT_EQ(list.exit, 0) << list.out;
    EXPECT_NE(list.out.find("planner  waterfall  programme:SV-2026"), std::string::npos)
        << list.out;
    EXPECT_NE(list.out.find("first draft"), std::string::npos) << list.out;
    const auto same = cli("allocate-runs " + w + " --diff 1");
    ASSERT_EQ(same.exit, 0) << same.out;
    EXPECT_NE(same.out.find("reproduced: the stored input gives the stored result again"),
              std::string::npos)
        << same.out;
    EXPECT_NE(same.out.find("0 of "), std::string::npos) << same.out;
    // Change the workspace: every SV-2026 cost item grows; --diff shows what changed.
    {
        auto ws = kk::Workspace::open(w).value();
        ws->db().exec("UPDATE kk_cost_item SET amount = amount + 100000");
    }
    const auto diff = cli("--json allocate-runs " + w + " --diff 1");
    ASSERT_EQ(diff.exit, 0) << diff.out;
    const auto j = nlohmann::json::parse(diff.out);
    EXPECT_TRUE(j["reproduced"].get<bool>());
    EXPECT_GT(j["projects_changed"].get<int>(), 0);

    const std::string xlsx = s_dir->file("alloc.xlsx");
    const auto x =
        cli("allocate " + w + " --project " + project() + " --format xlsx --out " + xlsx);
    ASSERT_EQ(x.exit, 0) << x.out;
    EXPECT_GT(std::filesystem::file_size(xlsx), 4000u);
}

TEST_F(AllocateCli, InfeasibleInputIsExplainedWithExitOne) {
    const std::string p = project();
    const auto above = cli("allocate " + demoPath() + " --project " + p + " --ceiling public=120%");
    EXPECT_EQ(above.exit, 1) << above.out;
    EXPECT_NE(above.out.find("100 %"), std::string::npos) << above.out;
    const auto noFund = cli("allocate " + demoPath() + " --project " + p + " --funds NO-SUCH");
    EXPECT_EQ(noFund.exit, 1) << noFund.out;
    EXPECT_NE(noFund.out.find("no fund with code 'NO-SUCH'"), std::string::npos) << noFund.out;
    // A fund whose budget is used up by other projects' awards.
    const std::string w = copy("spent.gpkg");
    kk::Workspace::open(w).value()->db().exec("UPDATE kk_fund SET budget = 0 WHERE code = 'WLS'");
    const auto spent = cli("allocate " + w + " --project " + p + " --funds WLS");
    EXPECT_EQ(spent.exit, 1) << spent.out;
    EXPECT_NE(spent.out.find("has no budget left"), std::string::npos) << spent.out;
    const auto usage = cli("allocate " + demoPath());
    EXPECT_EQ(usage.exit, 2) << usage.out;
    const auto lua = cli("allocate " + demoPath() + " --project " + p + " --strategy lua:nope");
    EXPECT_EQ(lua.exit, 1) << lua.out;
    EXPECT_NE(lua.out.find("kk.allocation_strategy"), std::string::npos) << lua.out;
}

}  // namespace
