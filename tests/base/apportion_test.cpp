// Largest-remainder apportionment: parts always sum to the whole, ties break as documented.
#include "core/base/apportion.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

using kk::apportion;
using kk::Money;
using kk::Rate;

namespace {
std::int64_t sum(const std::vector<Money>& parts) {
    std::int64_t s = 0;
    for (const Money& m : parts)
        s += m.cents();
    return s;
}
}  // namespace

TEST(Apportion, ThreePartnersShareAnOddCent) {
    const std::vector<std::int64_t> w{1, 1, 1};
    const auto parts = apportion(Money::fromCents(100), w).value();
    ASSERT_EQ(parts.size(), 3u);
    // 33.33.. each; one cent left, tie on remainder and weight -> lowest index.
    EXPECT_EQ(parts[0].cents(), 34);
    EXPECT_EQ(parts[1].cents(), 33);
    EXPECT_EQ(parts[2].cents(), 33);
}

TEST(Apportion, LargestRemainderWins) {
    const std::vector<std::int64_t> w{1, 2};
    const auto parts = apportion(Money::fromCents(100), w).value();  // 33.33, 66.67
    EXPECT_EQ(parts[0].cents(), 33);
    EXPECT_EQ(parts[1].cents(), 67);
}

TEST(Apportion, TieOnRemainderGoesToLargerWeight) {
    // 5 cents over weights 1,3: quotas 1.25 and 3.75 -> remainders differ; use 2 cents, 1,1,2:
    // quotas 0.5,0.5,1.0 -> one cent left: remainders .5 (w1), .5 (w1), 0 -> lower index.
    const std::vector<std::int64_t> w{1, 1, 2};
    auto parts = apportion(Money::fromCents(2), w).value();
    EXPECT_EQ(parts[0].cents(), 1);
    EXPECT_EQ(parts[1].cents(), 0);
    EXPECT_EQ(parts[2].cents(), 1);
    // remainders equal (1/3 each of 10 over 3,3,3 -> 3.33) with weights equal: index order.
    const std::vector<std::int64_t> w2{2, 4};  // 1 cent: quotas 1/3, 2/3 -> larger remainder
    parts = apportion(Money::fromCents(1), w2).value();
    EXPECT_EQ(parts[1].cents(), 1);
}

TEST(Apportion, NegativeTotalsMirrorPositive) {
    const std::vector<std::int64_t> w{1, 1, 1};
    const auto parts = apportion(Money::fromCents(-100), w).value();
    EXPECT_EQ(parts[0].cents(), -34);
    EXPECT_EQ(sum(parts), -100);
}

TEST(Apportion, ZeroWeightGetsNothing) {
    const std::vector<std::int64_t> w{0, 1, 0};
    const auto parts = apportion(Money::fromCents(12345), w).value();
    EXPECT_EQ(parts[0].cents(), 0);
    EXPECT_EQ(parts[1].cents(), 12345);
    EXPECT_EQ(parts[2].cents(), 0);
}

TEST(Apportion, RefusesBadWeights) {
    EXPECT_FALSE(apportion(Money::fromCents(1), std::vector<std::int64_t>{}));
    EXPECT_FALSE(apportion(Money::fromCents(1), std::vector<std::int64_t>{0, 0}));
    const auto r = apportion(Money::fromCents(1), std::vector<std::int64_t>{1, -1});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "apportion.negative_weight");
    EXPECT_EQ(r.error().where, "part 2");
}

TEST(Apportion, RationalWeights) {
    const std::vector<Rate> w{Rate(1, 3), Rate(1, 6), Rate(1, 2)};
    const auto parts = apportion(Money::fromCents(1001), w).value();
    EXPECT_EQ(sum(parts), 1001);
    EXPECT_EQ(parts[0].cents(), 334);  // 333.67 -> 333 + remainder .67 (largest)
    EXPECT_EQ(parts[1].cents(), 167);  // 166.83 -> largest remainder actually .83
    EXPECT_EQ(parts[2].cents(), 500);  // 500.5 -> 500
}

// Property: for random amounts and weights, parts sum to the whole and each part is within one
// cent of its exact quota.
TEST(Apportion, RandomAmountsAlwaysSumToTheCent) {
    std::mt19937_64 rng(20261123);
    std::uniform_int_distribution<std::int64_t> amount(-1'000'000'000'00LL, 1'000'000'000'00LL);
    std::uniform_int_distribution<int> count(1, 12);
    std::uniform_int_distribution<std::int64_t> weight(0, 1'000'000);
    for (int iter = 0; iter < 20000; ++iter) {
        const Money total = Money::fromCents(amount(rng));
        std::vector<std::int64_t> w(static_cast<std::size_t>(count(rng)));
        for (auto& x : w)
            x = weight(rng);
        w[0] += 1;  // never all zero
        const auto parts = apportion(total, w).value();
        ASSERT_EQ(sum(parts), total.cents()) << "iteration " << iter;
        const long double wsum = std::accumulate(w.begin(), w.end(), 0.0L);
        for (std::size_t i = 0; i < w.size(); ++i) {
            const long double quota = static_cast<long double>(total.cents()) * w[i] / wsum;
            ASSERT_LE(std::abs(static_cast<long double>(parts[i].cents()) - quota), 1.0L + 1e-6L);
        }
    }
}

TEST(Apportion, RandomRationalWeightsSumToTheCent) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> amount(0, 50'000'000'00LL);
    std::uniform_int_distribution<std::int64_t> num(0, 1000);
    std::uniform_int_distribution<std::int64_t> den(1, 1000);
    for (int iter = 0; iter < 5000; ++iter) {
        std::vector<Rate> w;
        for (int i = 0; i < 4; ++i)
            w.emplace_back(num(rng), den(rng));
        w.emplace_back(1, den(rng));
        const Money total = Money::fromCents(amount(rng));
        const auto parts = apportion(total, w).value();
        ASSERT_EQ(sum(parts), total.cents());
    }
}
