// The Lua strategies of scripts/allocation/ against the C++ ones: on seeded random problems the
// Lua waterfall and pro_rata give the same matrix as the C++ waterfall and pro_rata, cell for
// cell, and the same errors on infeasible problems.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "core/allocate/json.h"
#include "core/allocate/lua_strategy.h"
#include "core/rules/script_library.h"
#include "tests/allocate/random_problem.h"

namespace kk::alloc {
namespace {

rules::ScriptLibrary library() {
    return rules::ScriptLibrary(std::string(KK_SOURCE_DIR) + "/scripts", nullptr, nullptr);
}

int problemCount() {
    if (const char* n = std::getenv("KK_LUA_IDENTITY_PROBLEMS"); n && *n)
        return std::atoi(n);
    return 10'000;
}

void expectIdentical(const Allocation& cpp, const Allocation& lua) {
    ASSERT_EQ(cpp.cells.size(), lua.cells.size());
    for (std::size_t c = 0; c < cpp.cells.size(); ++c)
        ASSERT_EQ(cpp.cells[c], lua.cells[c])
            << "cell " << c << ": item " << cpp.items[c / cpp.fundCount()].id << " × fund "
            << cpp.fundIds[c % cpp.fundCount()];
    auto a = toJson(cpp);
    auto b = toJson(lua);
    a.erase("strategy");
    b.erase("strategy");
    ASSERT_EQ(a.dump(), b.dump());  // trace, residuals and partner parts follow from the cells
}

void runIdentity(const std::string& cppName, const std::string& luaName, std::uint64_t seed,
                 const testing::RandomShape& shape, int count) {
    const auto lib = library();
    auto cpp = makeStrategy(cppName);
    ASSERT_TRUE(cpp.ok());
    auto lua = makeAnyStrategy(luaName, &lib);
    ASSERT_TRUE(lua.ok()) << lua.error().message();
    EXPECT_EQ(lua.value()->name(), luaName);
    testing::RandomProblems gen(seed);
    int valid = 0;
    int rejected = 0;
    for (int k = 0; k < count; ++k) {
        const Problem problem = gen.next(shape);
        SCOPED_TRACE("problem " + std::to_string(k) + ": " + toJson(problem).dump());
        auto a = cpp.value()->allocate(problem);
        auto b = lua.value()->allocate(problem);
        ASSERT_EQ(a.ok(), b.ok()) << (a.ok() ? b.error().message() : a.error().message());
        if (!a.ok()) {
            EXPECT_EQ(a.error().code, b.error().code);
            ++rejected;
            continue;
        }
        ++valid;
        expectIdentical(a.value(), b.value());
    }
    std::cout << "[ identity ] " << luaName << " = " << cppName << " on " << valid
              << " valid problems (" << rejected << " rejected by both)\n";
    EXPECT_GE(valid, count * 7 / 10);
}

TEST(LuaIdentity, WaterfallMatchesCppOnRandomProblems) {
    runIdentity("waterfall", "lua:waterfall", 20250601, {}, problemCount());
}

TEST(LuaIdentity, ProRataMatchesCppOnRandomProblems) {
    runIdentity("pro_rata", "lua:pro_rata", 20250601, {}, problemCount());
}

TEST(LuaIdentity, LargerProblemsWithoutCrossingRules) {
    testing::RandomShape shape;
    shape.maxItems = 60;
    shape.maxFunds = 8;
    shape.maxPartners = 6;
    runIdentity("waterfall", "lua:waterfall", 99, shape, problemCount() / 10);
    runIdentity("pro_rata", "lua:pro_rata", 99, shape, problemCount() / 10);
}

TEST(LuaIdentity, BundledScriptTestsPass) {
    const auto lib = library();
    for (const char* name :
         {"allocation/ledger.lua", "allocation/waterfall.lua", "allocation/pro_rata.lua"}) {
        auto pkg = lib.load(name);
        ASSERT_TRUE(pkg.ok()) << pkg.error().message();
        const auto outcomes = pkg.value()->runTests();
        EXPECT_FALSE(outcomes.empty()) << name;
        for (const auto& o : outcomes)
            EXPECT_EQ(o.status, rules::TestOutcome::Status::Pass)
                << name << " " << o.name << ": " << o.message;
    }
}

TEST(LuaIdentity, UnknownStrategyIsExplained) {
    const auto lib = library();
    auto s = makeAnyStrategy("lua:no_such_rule", &lib);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "allocate.no_lua_strategy");
    EXPECT_NE(s.error().hint.find("kk.allocation_strategy"), std::string::npos);
    auto none = makeAnyStrategy("lua:waterfall", nullptr);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, "allocate.no_lua");
}

}  // namespace
}  // namespace kk::alloc
