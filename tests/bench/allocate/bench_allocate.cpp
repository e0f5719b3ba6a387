// Benchmarks of the allocation engine. `bench_allocate write-csv <dir>` writes the 200,000-item
// problem as CSV for the SQL peer in run.sh; otherwise it runs the Google Benchmark suite.
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <random>

#include "core/allocate/strategy.h"

namespace kk::alloc {
namespace {

/// A generated project: `items` cost items over 50 partners, 3 years and 4 categories.
Problem generated(int items, int funds, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto range = [&](std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    static const char* const kCategories[] = {"staff", "works", "study", "equipment"};
    Problem p;
    p.projectId = "bench";
    for (int k = 0; k < 50; ++k) {
        Partner x;
        x.id = "p" + std::to_string(k);
        p.partners.push_back(x);
    }
    for (int i = 0; i < items; ++i) {
        CostItem c;
        c.id = "c" + std::to_string(i);
        c.category = kCategories[range(0, 3)];
        c.year = 2025 + static_cast<int>(range(0, 2));
        c.partnerId = "p" + std::to_string(range(0, 49));
        c.amount = Money::fromCents(range(1'000, 5'000'000));
        p.costItems.push_back(std::move(c));
    }
    const std::int64_t total = static_cast<std::int64_t>(items) * 2'500'000;
    for (int k = 0; k < funds; ++k) {
        Fund f;
        f.id = "f" + std::to_string(k);
        f.maxRate = Rate::percent(range(10, 90));
        f.priority = k;
        f.budget = Money::fromCents(total / range(2, 3 * funds));
        f.capPerProject = Money::fromCents(total / range(2, 2 * funds));
        if (k % 3 == 1)
            f.capPerPartner = Money::fromCents(total / range(60, 200));
        if (k % 3 == 2)
            f.capPerYear = Money::fromCents(total / range(4, 10));
        if (k % 4 == 3)
            f.eligibleCategories = {kCategories[k % 4], kCategories[(k + 1) % 4]};
        f.cumulationGroups = {"public"};
        if (k % 5 == 0)
            f.cumulationGroups.push_back("national");
        p.funds.push_back(std::move(f));
    }
    p.rules.ceilings = {{"public", Rate::percent(85)}, {"national", Rate::percent(40)}};
    p.rules.minOwnContribution.rate = Rate::percent(10);
    return p;
}

/// The 200,000-item problem: three funds with rate and cap per project (what the SQL peer
/// can express), so both sides compute the same waterfall.
Problem large() {
    Problem p = generated(200'000, 0, 42);
    const std::int64_t caps[] = {100'000'000'00, 80'000'000'00, 500'000'000'00};
    const int rates[] = {40, 30, 100};
    for (int k = 0; k < 3; ++k) {
        Fund f;
        f.id = "f" + std::to_string(k);
        f.maxRate = Rate::percent(rates[k]);
        f.priority = k;
        f.budget = Money::fromCents(caps[k]);
        p.funds.push_back(std::move(f));
    }
    return p;
}

void BM_Waterfall200k(benchmark::State& state) {
    const Problem p = large();
    const auto s = makeWaterfallStrategy();
    Money external;
    for (auto _ : state) {
        auto a = s->allocate(p);
        if (!a)
            state.SkipWithError(a.error().message().c_str());
        external = a.value().externalTotal;
        std::int64_t cents = external.cents();
        benchmark::DoNotOptimize(cents);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(p.costItems.size()));
    state.SetLabel("external=" + external.toString());
}
BENCHMARK(BM_Waterfall200k)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Project1000x20(benchmark::State& state, const char* strategy) {
    const Problem p = generated(1'000, 20, 7);
    const auto s = makeStrategy(strategy).value();
    Money external;
    for (auto _ : state) {
        auto a = s->allocate(p);
        if (!a)
            state.SkipWithError(a.error().message().c_str());
        external = a.value().externalTotal;
        std::int64_t cents = external.cents();
        benchmark::DoNotOptimize(cents);
    }
    state.SetLabel("external=" + external.toString());
}
BENCHMARK_CAPTURE(BM_Project1000x20, waterfall, "waterfall")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Project1000x20, maximise_external, "maximise_external")
    ->Unit(benchmark::kMillisecond);

int writeCsv(const std::string& dir) {
    const Problem p = large();
    std::ofstream items(dir + "/items.csv");
    items << "seq,id,amount\n";
    for (std::size_t i = 0; i < p.costItems.size(); ++i)
        items << i << ',' << p.costItems[i].id << ',' << p.costItems[i].amount.cents() << '\n';
    std::ofstream funds(dir + "/funds.csv");
    funds << "priority,id,rate_pct,cap\n";
    for (const Fund& f : p.funds)
        funds << f.priority << ',' << f.id << ',' << f.maxRate.num() * 100 / f.maxRate.den() << ','
              << f.budget->cents() << '\n';
    return items && funds ? 0 : 1;
}

}  // namespace
}  // namespace kk::alloc

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "write-csv") == 0)
        return kk::alloc::writeCsv(argv[2]);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
