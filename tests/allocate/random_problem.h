// Seeded random allocation problems for the property tests and the benchmarks.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>

#include "core/allocate/problem.h"

namespace kk::alloc::testing {

/// Shape of the generated problems.
struct RandomShape {
    int maxPartners = 4;
    int maxItems = 12;
    int maxFunds = 5;
    bool allRules = true;  ///< groups, min own, de minimis, flat rates, keys, caps
};

/// Deterministic for a given seed (std::mt19937_64 and our own range mapping, so the same
/// problems come out on every platform).
class RandomProblems {
  public:
    explicit RandomProblems(std::uint64_t seed) : m_rng(seed) {}

    Problem next(const RandomShape& shape = {}) {
        Problem p;
        p.projectId = "random-" + std::to_string(m_count++);
        const int partners = range(1, shape.maxPartners);
        for (int k = 0; k < partners; ++k) {
            Partner x;
            x.id = "p" + std::to_string(k);
            x.keyInputs["population"] = Rate(range(0, 90'000) + 1'000, 1);
            x.keyInputs["area"] = Rate(range(1, 5'000), 1);
            x.keyInputs["fiscal"] = Rate(range(800, 2'500), 1);
            x.keyInputs["fixed"] = Rate(range(1, 4), 1);
            if (shape.allRules && chance(10))
                x.floorShare = Rate::percent(range(0, 100 / (partners + 1)));
            if (shape.allRules && chance(10))
                x.capShare = Rate::percent(std::min(100, range(100 / partners + 1, 100)));
            if (shape.allRules && chance(25)) {
                x.priorAid.push_back({Date(2023, range(1, 12), range(1, 28)),
                                      Money::fromCents(range(0, 30'000'000)), "earlier call"});
                x.priorAid.push_back({Date(2020, 5, 1), Money::fromCents(range(0, 30'000'000)),
                                      "outside the window"});
            }
            p.partners.push_back(std::move(x));
        }
        static const char* const kCategories[] = {"staff", "works", "study", "equipment"};
        const int items = range(1, shape.maxItems);
        for (int k = 0; k < items; ++k) {
            CostItem c;
            c.id = "c" + std::to_string(k);
            c.category = kCategories[range(0, 3)];
            c.year = 2025 + range(0, 2);
            c.partnerId = "p" + std::to_string(range(0, partners - 1));
            c.amount = Money::fromCents(chance(5) ? 0 : range(1, 2'000'000'00) / range(1, 50));
            if (chance(30))
                c.tags.push_back(chance(50) ? "green" : "social");
            c.eligible = !chance(8);
            p.costItems.push_back(std::move(c));
        }
        if (shape.allRules && chance(30))
            p.flatRates.push_back({"office", "office", Rate::percent(15), {"staff"}});

        const int funds = range(1, shape.maxFunds);
        for (int k = 0; k < funds; ++k)
            p.funds.push_back(randomFund(k, p, shape));
        if (shape.allRules) {
            if (chance(50))
                p.rules.ceilings.push_back({"public", Rate::percent(range(40, 100))});
            if (chance(30))
                p.rules.ceilings.push_back({"national", Rate::percent(range(20, 60))});
            if (chance(15))
                p.rules.ceilings.push_back({"regional", Rate::percent(range(10, 60))});
            if (chance(35))
                p.rules.minOwnContribution.rate = Rate::percent(range(0, 40));
            if (chance(10))
                p.rules.minOwnContribution.amount = Money::fromCents(range(0, 500'000));
            if (chance(35))
                p.rules.deMinimis = DeMinimisRule{Money::fromCents(range(100'000, 30'000'000)), 3,
                                                  Date(2025, 6, 1)};
            if (chance(50)) {
                CostSharingKey key;
                const int a = range(0, 4), b = range(0, 4), c = range(0, 4), d = range(0, 4);
                const int total = a + b + c + d + 1;
                key.criteria.push_back({"population", CriterionKind::Population, Rate(a, total)});
                key.criteria.push_back({"area", CriterionKind::TerritoryShare, Rate(b, total)});
                key.criteria.push_back(
                    {"fiscal", CriterionKind::InverseFiscalCapacity, Rate(c, total)});
                key.criteria.push_back({"fixed", CriterionKind::FixedShare, Rate(d + 1, total)});
                p.costSharingKey = std::move(key);
            }
        }
        return p;
    }

    int range(int lo, int hi) {
        if (hi <= lo)
            return lo;
        return lo + static_cast<int>(m_rng() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(int percent) { return range(0, 99) < percent; }

  private:
    Fund randomFund(int k, const Problem& p, const RandomShape& shape) {
        Fund f;
        f.id = "f" + std::to_string(k);
        f.name = "Fund " + std::to_string(k);
        const int t = range(0, 99);
        f.type = t < 60   ? FundType::Subsidy
                 : t < 70 ? FundType::Private
                 : t < 75 ? FundType::InKind
                 : t < 88 ? FundType::OwnContribution
                          : FundType::PartnerContribution;
        f.maxRate = chance(10) ? Rate(1, range(2, 7)) : Rate::percent(range(0, 100));
        f.rateMode = chance(30) ? RateMode::Fixed : RateMode::UpTo;
        f.priority = range(1, 3);
        if (isExternal(f.type) || chance(30))
            f.budget = Money::fromCents(range(1, 60'000'000) / range(1, 10) + 1);
        if (f.type == FundType::PartnerContribution || f.type == FundType::OwnContribution)
            f.partnerId = p.partners[static_cast<std::size_t>(
                                         range(0, static_cast<int>(p.partners.size()) - 1))]
                              .id;
        if (!shape.allRules)
            return f;
        if (chance(25))
            f.capPerProject = Money::fromCents(range(1, 30'000'000));
        if (chance(25))
            f.capPerPartner = Money::fromCents(range(1, 10'000'000));
        if (chance(25))
            f.capPerYear = Money::fromCents(range(1, 10'000'000));
        if (chance(35)) {
            f.eligibleCategories.push_back(chance(50) ? "works" : "staff");
            if (chance(50))
                f.eligibleCategories.push_back("office");
        }
        if (chance(15))
            f.eligibleTags.push_back("green");
        if (f.type == FundType::Subsidy && chance(70))
            f.cumulationGroups.push_back("public");
        if (chance(35))
            f.cumulationGroups.push_back("national");
        if (chance(15))
            f.cumulationGroups.push_back("regional");
        f.stateAid = chance(35);
        f.mayNotFundFully = chance(8);
        return f;
    }

    std::mt19937_64 m_rng;
    int m_count = 0;
};

}  // namespace kk::alloc::testing
