// Runs `script test` over every bundled script against the fixture workspace: every Lua test
// case must pass (none may be skipped: the fixture provides what they look up).
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/rules/script_command.h"
#include "tests/rules/fixture.h"

namespace kk::rules {
namespace {

TEST(BundledScripts, AllLuaTestCasesPass) {
    const std::string dir = test::tempDir("bundled");
    ::setenv("KK_CONFIG_DIR", dir.c_str(), 1);
    auto ws = test::makeFixture(dir + "/ws.gpkg");
    const std::string before = test::workspaceChecksum(*ws);
    ScriptCommandContext ctx;
    ctx.workspace = ws.get();
    ctx.bundledDir = KK_SOURCE_DIR "/scripts";
    ctx.trustFile = dir + "/trust.json";
    auto r = runScriptCommand({"test"}, ctx);
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(r.out.find("FAIL"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("SKIP"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("PASS indicators/leverage.lua :: fixture values"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("PASS kk/money.lua :: sum_of_amounts"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" 0 failed, 0 skipped, 0 scripts did not load"), std::string::npos)
        << r.out;
    // Tests never write.
    EXPECT_EQ(test::workspaceChecksum(*ws), before);
}

TEST(BundledScripts, TestsSkipWithoutTheFixture) {
    const std::string dir = test::tempDir("bundled-empty");
    auto ws = Workspace::create(dir + "/empty.gpkg").value();
    ScriptCommandContext ctx;
    ctx.workspace = ws.get();
    ctx.bundledDir = KK_SOURCE_DIR "/scripts";
    ctx.trustFile = dir + "/trust.json";
    auto r = runScriptCommand({"test", "indicators/leverage.lua"}, ctx);
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("SKIP indicators/leverage.lua :: fixture values"), std::string::npos)
        << r.out;
}

TEST(BundledScripts, FailingTestCaseIsReportedWithLine) {
    const std::string dir = test::tempDir("bundled-fail");
    auto ws = Workspace::create(dir + "/empty.gpkg").value();
    std::FILE* f = std::fopen((dir + "/failing.lua").c_str(), "w");
    std::fputs("kk.test('arith', function(t)\n  t.eq(1 + 1, 3)\nend)\n", f);
    std::fclose(f);
    ScriptCommandContext ctx;
    ctx.workspace = ws.get();
    ctx.bundledDir = KK_SOURCE_DIR "/scripts";
    ctx.trustFile = dir + "/trust.json";
    auto r = runScriptCommand({"test", dir + "/failing.lua"}, ctx);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.out.find("FAIL"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line 2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("expected 3, got 2"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace kk::rules
