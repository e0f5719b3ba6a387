// Runs the Lua test cases of the Water+Land+Schap rule scripts (scripts/wls/*.lua) through
// `script test`, as a user would after editing a rule.
#include <gtest/gtest.h>

#include "core/rules/script_command.h"

namespace {

TEST(WlsLuaRules, EveryScriptTestPasses) {
    kk::rules::ScriptCommandContext ctx;
    ctx.bundledDir = KK_SOURCE_DIR "/scripts";
    ctx.packs = {{"water_land_schap", KK_SOURCE_DIR "/plugins/water_land_schap/scripts"}};
    ctx.trustFile = "/nonexistent/kk-trust.json";
    auto r = kk::rules::runScriptCommand(
        {"test", "plugin:water_land_schap/wls/composition.lua",
         "plugin:water_land_schap/wls/continuity.lua", "plugin:water_land_schap/wls/path.lua"},
        ctx);
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("11 passed, 0 failed, 0 skipped, 0 scripts did not load"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("PASS plugin:water_land_schap/wls/composition.lua :: "
                         "missing_partners_are_named"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("PASS plugin:water_land_schap/wls/continuity.lua :: "
                         "ends_within_a_year_without_successor_warns"),
              std::string::npos)
        << r.out;
}

}  // namespace
