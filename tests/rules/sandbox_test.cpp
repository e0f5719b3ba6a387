// Hostile scripts: each is stopped with an error naming script, line and rule; the host stays
// usable and the workspace stays unchanged.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/rules/script_library.h"
#include "tests/rules/fixture.h"

namespace kk::rules {
namespace {

using test::makeFixture;
using test::tempDir;
using test::workspaceChecksum;

class SandboxTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = tempDir("sandbox");
        ::setenv("KK_CONFIG_DIR", m_dir.c_str(), 1);
        m_ws = makeFixture(m_dir + "/ws.gpkg");
        m_before = workspaceChecksum(*m_ws);
        m_lib = std::make_unique<ScriptLibrary>(KK_SOURCE_DIR "/scripts", m_ws.get(), nullptr);
        auto st = m_ws->db().prepare("SELECT id FROM kk_project WHERE code = 'FX-P1'");
        st.step();
        m_p1 = st.getInt(0);
    }

    /// A package with a benign indicator "ok" (line 1) and the hostile body of "bad" starting
    /// on line 3.
    std::unique_ptr<ScriptPackage> hostile(const std::string& body, HostLimits limits = {}) {
        const std::string text =
            "kk.indicator{ code = 'ok', name = 'ok', compute = function(p) return 42 end }\n"
            "kk.indicator{ code = 'bad', name = 'bad', compute = function(p)\n" +
            body + "\nend }\n";
        auto pkg = m_lib->load(ScriptSource{"hostile.lua", "file", text}, limits);
        EXPECT_TRUE(pkg.ok()) << (pkg.ok() ? "" : pkg.error().message());
        return pkg.ok() ? std::move(pkg.value()) : nullptr;
    }

    /// Runs "bad", expects an error of `kind` at `line` mentioning `text`, then checks that the
    /// same package still computes "ok" and that the workspace did not change.
    void expectStopped(ScriptPackage& pkg, const std::string& kind, int line,
                       const std::string& text) {
        auto r = pkg.computeIndicator("bad", "project", m_p1);
        ASSERT_FALSE(r.ok());
        const Error& e = r.error();
        EXPECT_EQ(e.code, "rules." + kind) << e.message();
        EXPECT_NE(e.where.find("script 'hostile.lua'"), std::string::npos) << e.message();
        if (line > 0)
            EXPECT_NE(e.where.find("line " + std::to_string(line)), std::string::npos)
                << e.message();
        EXPECT_NE(e.where.find("rule 'indicator bad'"), std::string::npos) << e.message();
        EXPECT_NE(e.what.find(text), std::string::npos) << e.message();
        EXPECT_FALSE(e.hint.empty());
        auto ok = pkg.computeIndicator("ok", "project", m_p1);
        ASSERT_TRUE(ok.ok()) << ok.error().message();
        EXPECT_EQ(ok->value(), 42.0);
        EXPECT_EQ(pkg.stagedCount(), 0u);
        EXPECT_EQ(workspaceChecksum(*m_ws), m_before);
    }

    std::string m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<ScriptLibrary> m_lib;
    std::string m_before;
    std::int64_t m_p1 = 0;
};

TEST_F(SandboxTest, OsExecuteIsNotThere) {
    auto pkg = hostile("return os.execute('touch /tmp/kk-pwned')");
    expectStopped(*pkg, "runtime", 3, "execute");
}

TEST_F(SandboxTest, IoIsNotThere) {
    auto pkg = hostile("local f = io.open('/etc/passwd')\nreturn 1");
    expectStopped(*pkg, "runtime", 3, "io");
}

TEST_F(SandboxTest, PackageLoadlibIsNotThere) {
    auto pkg = hostile("return package.loadlib('libc.so.6', 'system')");
    expectStopped(*pkg, "runtime", 3, "package");
}

TEST_F(SandboxTest, DofileLoadfileDebugAreNotThere) {
    auto pkg = hostile(
        "assert(dofile == nil and loadfile == nil and debug == nil and "
        "coroutine == nil)\nreturn dofile('/etc/passwd')");
    expectStopped(*pkg, "runtime", 4, "dofile");
}

TEST_F(SandboxTest, BytecodeFromStringDumpIsRefused) {
    auto pkg = hostile("local f, err = load(string.dump(function() return 1 end))\nerror(err)");
    expectStopped(*pkg, "runtime", 4, "bytecode is refused");
}

TEST_F(SandboxTest, BytecodeAsMainScriptIsRefused) {
    auto pkg = m_lib->load(ScriptSource{"dumped.lua", "file", std::string("\x1bLua\x54\x00", 6)});
    ASSERT_FALSE(pkg.ok());
    EXPECT_EQ(pkg.error().code, "rules.syntax");
    EXPECT_NE(pkg.error().what.find("bytecode"), std::string::npos);
}

TEST_F(SandboxTest, StringRepMemoryBombHitsTheCap) {
    HostLimits limits;
    limits.memoryBytes = 16u << 20;
    auto pkg = hostile("local s = string.rep('x', 1 << 30)\nreturn #s", limits);
    expectStopped(*pkg, "memory", 3, "memory limit of 16 MiB exceeded");
}

TEST_F(SandboxTest, TableGrownWithoutEndHitsTheCap) {
    HostLimits limits;
    limits.memoryBytes = 16u << 20;
    auto pkg = hostile("local t = {}\nfor i = 1, math.huge do t[i] = i end", limits);
    expectStopped(*pkg, "memory", 0, "memory limit of 16 MiB exceeded");
}

TEST_F(SandboxTest, InfiniteLoopHitsTheTimeBudget) {
    HostLimits limits;
    limits.timeBudget = std::chrono::milliseconds(200);
    auto pkg = hostile("while true do end", limits);
    expectStopped(*pkg, "time", 3, "time budget of 200 ms exceeded");
}

TEST_F(SandboxTest, PcallCannotSwallowTheTimeBudget) {
    HostLimits limits;
    limits.timeBudget = std::chrono::milliseconds(200);
    auto pkg = hostile("while true do pcall(function() while true do end end) end", limits);
    expectStopped(*pkg, "time", 3, "time budget");
}

TEST_F(SandboxTest, UnboundedRecursionIsStopped) {
    auto pkg = hostile("local function f(n) return 1 + f(n + 1) end\nreturn f(1)");
    auto r = pkg->computeIndicator("bad", "project", m_p1);
    ASSERT_FALSE(r.ok());
    // Lua's stack limit or the memory cap, whichever comes first: both name the line.
    EXPECT_TRUE(r.error().code == "rules.runtime" || r.error().code == "rules.memory")
        << r.error().message();
    EXPECT_NE(r.error().where.find("line 3"), std::string::npos) << r.error().message();
    auto ok = pkg->computeIndicator("ok", "project", m_p1);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(workspaceChecksum(*m_ws), m_before);
}

TEST_F(SandboxTest, CppExceptionInsideCallbackBecomesLuaError) {
    // Lua calls C++ (kk.get), C++ throws; the error names the script line, not a crash.
    auto pkg = hostile("return kk.get('spaceship', 1)");
    expectStopped(*pkg, "runtime", 3, "unknown entity kind 'spaceship'");
    auto pkg2 = hostile("local x = kk.rate('not a rate')\nreturn x");
    expectStopped(*pkg2, "runtime", 3, "is not a rate");
}

TEST_F(SandboxTest, CppErrorCaughtByScriptPcallLeavesHostUsable) {
    auto pkg = hostile(
        "for i = 1, 1000 do local ok, e = pcall(kk.get, 'nope', i); assert(not ok) end\n"
        "error('done looping')");
    expectStopped(*pkg, "runtime", 4, "done looping");
}

TEST_F(SandboxTest, ProxyUsedAfterItsCallbackReturned) {
    auto pkg = hostile("if saved then return #saved.code end\nsaved = p\nreturn 1");
    auto first = pkg->computeIndicator("bad", "project", m_p1);
    ASSERT_TRUE(first.ok()) << first.error().message();
    expectStopped(*pkg, "runtime", 3, "proxy used after its callback returned");
}

TEST_F(SandboxTest, FinalizerCallingBackIntoTheApiMidQueryIsHarmless) {
    // Finalizers run at allocations, also inside a host call that is stepping a query; one
    // that runs the same query again gets its own statement, and the outer list stays whole.
    auto pkg = hostile(
        "local n = 0\n"
        "for i = 1, 200 do\n"
        "  setmetatable({}, { __gc = function() local ok = pcall(function() n = n + #p:awards() "
        "end) end })\n"
        "  local awards = p:awards()\n"
        "  if #awards ~= 2 or awards[1].amount + awards[2].amount ~= 35000000 then error('list "
        "broken') end\n"
        "end\n"
        "error('done')");
    expectStopped(*pkg, "runtime", 9, "done");
}

TEST_F(SandboxTest, ProxiesAreReadOnly) {
    auto pkg = hostile("p.name = 'hacked'");
    expectStopped(*pkg, "runtime", 3, "read-only");
}

TEST_F(SandboxTest, StagedWritesAreDroppedOnError) {
    auto pkg = hostile(
        "kk.stage.measurement{ indicator = 'leverage', subject = p, year = 2025, value = 1 }\n"
        "error('after staging')");
    expectStopped(*pkg, "runtime", 4, "after staging");
    EXPECT_TRUE(pkg->commitStaged("nothing").ok());
    EXPECT_EQ(workspaceChecksum(*m_ws), m_before);
}

TEST_F(SandboxTest, CollectGarbageOnlyCounts) {
    auto pkg = hostile("assert(collectgarbage('count') > 0)\ncollectgarbage('collect')");
    expectStopped(*pkg, "runtime", 4, "only collectgarbage('count')");
}

TEST_F(SandboxTest, RequireStaysInsideTheLibrary) {
    // Not a tail call: a tail call leaves no frame of the caller to name the line of.
    auto pkg = hostile("local m = require('../../etc/passwd')\nreturn m");
    expectStopped(*pkg, "runtime", 3, "is not a module name");
    auto pkg2 = hostile("local m = require('os')\nreturn m");
    expectStopped(*pkg2, "runtime", 3, "module 'os' not found");
}

TEST_F(SandboxTest, SyntaxErrorNamesLine) {
    auto pkg = m_lib->load(ScriptSource{"broken.lua", "file", "local x = 1\nlocal y = = 2\n"});
    ASSERT_FALSE(pkg.ok());
    EXPECT_EQ(pkg.error().code, "rules.syntax");
    EXPECT_NE(pkg.error().where.find("script 'broken.lua', line 2"), std::string::npos)
        << pkg.error().message();
}

TEST_F(SandboxTest, BadDefinitionNamesTheCallingLine) {
    auto pkg = m_lib->load(
        ScriptSource{"def.lua", "file", "\n\nkk.indicator{ code = 'x', name = 'x' }\n"});
    ASSERT_FALSE(pkg.ok());
    EXPECT_NE(pkg.error().where.find("line 3"), std::string::npos) << pkg.error().message();
    EXPECT_NE(pkg.error().what.find("field 'compute' must be a function"), std::string::npos);
}

TEST_F(SandboxTest, ErrorsWithTablesAndNoPositionStillReport) {
    auto pkg = hostile("error({ reason = 'table' })");
    auto r = pkg->computeIndicator("bad", "project", m_p1);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what.find("error object is a table"), std::string::npos);
    EXPECT_NE(r.error().where.find("rule 'indicator bad'"), std::string::npos);
}

}  // namespace
}  // namespace kk::rules
