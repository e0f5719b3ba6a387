// Lua vs C++ allocation and allocation straight from a workspace.
//   bench_allocate_lua lua-vs-cpp           waterfall.lua vs the C++ waterfall, end to end
//   (prepare,
//                                           strategy, trace, invariant check) on the same problems
//   bench_allocate_lua workspace FILE.gpkg  every project of a workspace read and allocated with
//                                           waterfall (the xl demo: 20,000 projects, 200,000 items)
// Each prints one line of "key=value" pairs that run.sh turns into the report lines.
#include <chrono>
#include <cstring>
#include <iostream>
#include <random>

#include "core/allocate/lua_strategy.h"
#include "core/allocate/workspace_problem.h"
#include "core/rules/script_library.h"
#include "core/store/workspace.h"
#include "tests/allocate/random_problem.h"

namespace kk::alloc {
namespace {

using Clock = std::chrono::steady_clock;

/// The problems both sides run: 1,000 random projects (every rule kind) and one project of
/// 20,000 cost items over 3 funds with caps and a cumulation ceiling.
std::vector<Problem> problems() {
    std::vector<Problem> out;
    testing::RandomProblems gen(4242);
    for (int k = 0; k < 1'000; ++k)
        out.push_back(gen.next());
    std::mt19937_64 rng(42);
    Problem big;
    big.projectId = "big";
    for (int k = 0; k < 20; ++k)
        big.partners.push_back({"p" + std::to_string(k), "Partner", {}, {}, {}, {}, {}});
    for (int i = 0; i < 20'000; ++i) {
        CostItem c;
        c.id = "c" + std::to_string(i);
        c.category = i % 3 ? "works" : "staff";
        c.year = 2025 + i % 3;
        c.partnerId = "p" + std::to_string(rng() % 20);
        c.amount = Money::fromCents(1'000 + static_cast<std::int64_t>(rng() % 5'000'000));
        big.costItems.push_back(std::move(c));
    }
    const int rates[] = {40, 30, 100};
    for (int k = 0; k < 3; ++k) {
        Fund f;
        f.id = "f" + std::to_string(k);
        f.maxRate = Rate::percent(rates[k]);
        f.priority = k;
        f.type = k == 2 ? FundType::OwnContribution : FundType::Subsidy;
        if (k < 2) {
            f.budget = Money::fromCents(10'000'000'000);
            f.capPerPartner = Money::fromCents(1'000'000'000);
            f.cumulationGroups = {"public"};
        }
        big.funds.push_back(std::move(f));
    }
    big.rules.ceilings = {{"public", Rate::percent(60)}};
    out.push_back(std::move(big));
    return out;
}

double secondsOf(const AllocationStrategy& s, const std::vector<Problem>& ps, int rounds,
                 std::int64_t& external) {
    double best = 1e30;
    for (int r = 0; r < rounds; ++r) {
        external = 0;
        const auto start = Clock::now();
        for (const Problem& p : ps) {
            auto a = s.allocate(p);
            if (a)
                external += a.value().externalTotal.cents();
        }
        best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
    }
    return best;
}

int luaVsCpp() {
    const auto ps = problems();
    rules::ScriptLibrary lib(rules::ScriptLibrary::defaultBundledDir(), nullptr, nullptr);
    auto lua = makeAnyStrategy("lua:waterfall", &lib);
    if (!lua) {
        std::cerr << lua.error().message() << "\n";
        return 1;
    }
    const auto cpp = makeWaterfallStrategy();
    std::int64_t extCpp = 0;
    std::int64_t extLua = 0;
    const double c = secondsOf(*cpp, ps, 3, extCpp);
    const double l = secondsOf(*lua.value(), ps, 3, extLua);
    std::cout << "cpp_s=" << c << " lua_s=" << l << " cpp_external=" << extCpp
              << " lua_external=" << extLua << " problems=" << ps.size() << "\n";
    return extCpp == extLua ? 0 : 1;
}

int workspace(const std::string& path) {
    auto ws = Workspace::open(path, true);
    if (!ws) {
        std::cerr << ws.error().message() << "\n";
        return 1;
    }
    const auto start = Clock::now();
    MappingOptions o;
    o.territory = false;  // the overlap benchmark is core/geo's; here: reading and allocating
    WorkspaceProblems builder(*ws.value(), o);
    auto all = builder.all();
    if (!all) {
        std::cerr << all.error().message() << "\n";
        return 1;
    }
    const auto mapped = Clock::now();
    const auto s = makeWaterfallStrategy();
    std::int64_t items = 0;
    std::int64_t external = 0;
    std::int64_t failed = 0;
    for (const auto& p : all.value()) {
        items += static_cast<std::int64_t>(p.problem.costItems.size());
        auto a = s->allocate(p.problem);
        if (a)
            external += a.value().externalTotal.cents();
        else
            ++failed;
    }
    const auto done = Clock::now();
    std::cout << "projects=" << all.value().size() << " items=" << items
              << " read_s=" << std::chrono::duration<double>(mapped - start).count()
              << " allocate_s=" << std::chrono::duration<double>(done - mapped).count()
              << " external=" << external << " failed=" << failed << "\n";
    return 0;
}

}  // namespace
}  // namespace kk::alloc

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "lua-vs-cpp") == 0)
        return kk::alloc::luaVsCpp();
    if (argc == 3 && std::strcmp(argv[1], "workspace") == 0)
        return kk::alloc::workspace(argv[2]);
    std::cerr << "usage: bench_allocate_lua lua-vs-cpp | workspace FILE.gpkg\n";
    return 2;
}
