// Unit tests of the partner cost-sharing key: criteria, floors and caps, exact cents.
#include <gtest/gtest.h>

#include "core/allocate/cost_sharing.h"

namespace kk::alloc {
namespace {

Partner partner(std::string id, std::map<std::string, Rate> inputs) {
    Partner p;
    p.id = std::move(id);
    p.keyInputs = std::move(inputs);
    return p;
}

TEST(CostSharingKey, EqualSharesSplitAnOddCentByTheDocumentedTieBreak) {
    const std::vector<Partner> partners = {partner("a", {{"fixed", Rate(1, 1)}}),
                                           partner("b", {{"fixed", Rate(1, 1)}}),
                                           partner("c", {{"fixed", Rate(1, 1)}})};
    const CostSharingKey key{{{"fixed", CriterionKind::FixedShare, Rate::one()}}};
    auto r = applyCostSharingKey(partners, key, Money::fromCents(100));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.value().partners[0].residualPart, Money::fromCents(34));
    EXPECT_EQ(r.value().partners[1].residualPart, Money::fromCents(33));
    EXPECT_EQ(r.value().partners[2].residualPart, Money::fromCents(33));
    EXPECT_EQ(r.value().partners[0].share, Rate(1, 3));
    EXPECT_TRUE(r.value().partners[0].shareExact);
}

TEST(CostSharingKey, WeightedCriteriaWithInverseFiscalCapacity) {
    // population 30k/10k, fiscal capacity 1000/3000 (inverses 3/4 and 1/4), weights 1/2 each:
    // a = 1/2·3/4 + 1/2·3/4 = 3/4; b = 1/4.
    const std::vector<Partner> partners = {
        partner("a", {{"pop", Rate(30'000, 1)}, {"fiscal", Rate(1'000, 1)}}),
        partner("b", {{"pop", Rate(10'000, 1)}, {"fiscal", Rate(3'000, 1)}})};
    const CostSharingKey key{{{"pop", CriterionKind::Population, Rate(1, 2)},
                              {"fiscal", CriterionKind::InverseFiscalCapacity, Rate(1, 2)}}};
    auto r = applyCostSharingKey(partners, key, Money::fromCents(1'000'00));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.value().partners[0].share, Rate(3, 4));
    EXPECT_EQ(r.value().partners[0].residualPart, Money::fromCents(750'00));
    ASSERT_EQ(r.value().partners[0].criteria.size(), 2u);
    EXPECT_EQ(r.value().partners[0].criteria[1].share, "75 %");
    EXPECT_EQ(r.value().partners[0].criteria[1].contribution, "37,5 %");
    EXPECT_EQ(r.value().partners[1].criteria[0].total, "40000");
}

TEST(CostSharingKey, CapsAndFloorsKeepTheOthersProportional) {
    // raw 70/20/10; a capped at 50 %, c floored at 20 %: b takes the rest, 30 %.
    std::vector<Partner> partners = {partner("a", {{"k", Rate(70, 1)}}),
                                     partner("b", {{"k", Rate(20, 1)}}),
                                     partner("c", {{"k", Rate(10, 1)}})};
    partners[0].capShare = Rate::percent(50);
    partners[2].floorShare = Rate::percent(20);
    const CostSharingKey key{{{"k", CriterionKind::ExpectedBenefit, Rate::one()}}};
    auto r = applyCostSharingKey(partners, key, Money::fromCents(1'000'00));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.value().partners[0].share, Rate(1, 2));
    EXPECT_EQ(r.value().partners[1].share, Rate(3, 10));
    EXPECT_EQ(r.value().partners[2].share, Rate(1, 5));
    EXPECT_NE(r.value().partners[0].adjustment.find("cap"), std::string::npos);
    EXPECT_NE(r.value().partners[2].adjustment.find("floor"), std::string::npos);
}

TEST(CostSharingKey, ManyFineGrainedInversesStillAddUpToTheCent) {
    std::vector<Partner> partners;
    for (int k = 0; k < 12; ++k)
        partners.push_back(partner("p" + std::to_string(k), {{"fiscal", Rate(1'009 + 97 * k, 1)}}));
    const CostSharingKey key{{{"fiscal", CriterionKind::InverseFiscalCapacity, Rate::one()}}};
    auto r = applyCostSharingKey(partners, key, Money::fromCents(123'456'789));
    ASSERT_TRUE(r.ok()) << r.error().message();
    std::int64_t sum = 0;
    for (const PartnerResult& p : r.value().partners)
        sum += p.residualPart.cents();
    EXPECT_EQ(sum, 123'456'789);
    EXPECT_FALSE(r.value().partners[0].shareExact);  // 12 coprime-ish inverses need > 64 bits
    EXPECT_GT(r.value().partners[0].residualPart, r.value().partners[11].residualPart);
}

TEST(CostSharingKey, BadKeysAreRejectedWithTheirPlace) {
    std::vector<Partner> partners = {partner("a", {{"k", Rate(1, 1)}}), partner("b", {})};
    CostSharingKey key{{{"k", CriterionKind::Population, Rate::one()}}};
    auto missing = applyCostSharingKey(partners, key, Money::fromCents(100));
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().where.find("partners[1] 'b'.key_inputs.k"), std::string::npos);

    partners[1].keyInputs["k"] = Rate(1, 1);
    key.criteria[0].weight = Rate(1, 2);
    auto weights = applyCostSharingKey(partners, key, Money::fromCents(100));
    ASSERT_FALSE(weights.ok());
    EXPECT_NE(weights.error().what.find("50 %"), std::string::npos);

    key.criteria[0].weight = Rate::one();
    partners[0].floorShare = Rate::percent(60);
    partners[1].floorShare = Rate::percent(60);
    EXPECT_FALSE(applyCostSharingKey(partners, key, Money::fromCents(100)).ok());

    partners[0].floorShare.reset();
    partners[1].floorShare.reset();
    partners[0].maxContribution = Money::fromCents(10);
    partners[1].maxContribution = Money::fromCents(10);
    auto cannotPay = applyCostSharingKey(partners, key, Money::fromCents(100));
    ASSERT_FALSE(cannotPay.ok());
    EXPECT_NE(cannotPay.error().what.find("cannot reach 100 %"), std::string::npos);
}

}  // namespace
}  // namespace kk::alloc
