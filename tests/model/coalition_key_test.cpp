// The rules of a stored cost-sharing key: field checks per row and whole-key checks.
#include <gtest/gtest.h>

#include "core/model/coalition_key.h"

namespace kk {
namespace {

using C = CostSharingCriterion;

CoalitionKey twoCriteria(Rate a, Rate b) {
    CoalitionKey key;
    key.criteria.push_back({{}, CoalitionId(1), C::FixedShare, a});
    key.criteria.push_back({{}, CoalitionId(1), C::Population, b});
    return key;
}

bool hasError(const std::vector<Finding>& f, const std::string& field, const std::string& text) {
    for (const Finding& x : f)
        if (x.severity == Severity::Error && x.field == field &&
            x.message.find(text) != std::string::npos)
            return true;
    return false;
}

TEST(CoalitionKey, WeightsMustAddUpToExactlyOneHundredPercent) {
    EXPECT_TRUE(firstError(validateKey(twoCriteria(Rate(1, 3), Rate(2, 3))), "").ok());
    const auto over = validateKey(twoCriteria(Rate::percent(60), Rate::percent(50)));
    EXPECT_TRUE(hasError(over, "weight", "add up to 110 % instead of 100 %"));
    // One third written as 33,33 % is not exact: the sum is short and the key is refused.
    const auto shortBy = validateKey(twoCriteria(Rate(3333, 10000), Rate(6666, 10000)));
    EXPECT_TRUE(hasError(shortBy, "weight", "99,99 %"));
    EXPECT_TRUE(validateKey(CoalitionKey{}).empty()) << "no criteria: no stored key";
}

TEST(CoalitionKey, NegativeOrTooLargeWeightsAndDuplicateCriteria) {
    const auto negative = validateKey(twoCriteria(Rate::percent(-10), Rate::percent(110)));
    EXPECT_TRUE(hasError(negative, "weight", "-10 % of criterion fixed_share is outside"));
    EXPECT_TRUE(hasError(negative, "weight", "110 % of criterion population is outside"));
    CoalitionKey twice = twoCriteria(Rate(1, 2), Rate(1, 2));
    twice.criteria[1].criterion = C::FixedShare;
    EXPECT_TRUE(hasError(validateKey(twice), "criterion", "fixed_share is in the key twice"));
}

TEST(CoalitionKey, InputsAreZeroOrMoreAndNotFixedShares) {
    CoalitionKey key = twoCriteria(Rate(1, 2), Rate(1, 2));
    key.inputs.push_back({{}, CoalitionId(1), ActorId(7), C::Population, Rate(12'000, 1)});
    EXPECT_TRUE(firstError(validateKey(key), "").ok());
    key.inputs.push_back({{}, CoalitionId(1), ActorId(8), C::Population, Rate(-1, 1)});
    EXPECT_TRUE(hasError(validateKey(key), "value", "population value -1 is negative"));
    key.inputs.back().value = Rate(5, 1);
    key.inputs.push_back({{}, CoalitionId(1), ActorId(8), C::Population, Rate(6, 1)});
    EXPECT_TRUE(hasError(validateKey(key), "criterion", "two values for population"));
    key.inputs.pop_back();

    const CoalitionKeyInput fixed{{}, CoalitionId(1), ActorId(7), C::FixedShare, Rate(1, 2)};
    EXPECT_TRUE(hasError(validate(fixed), "criterion", "not a key input"));
    const CoalitionKeyInput poor{{}, CoalitionId(1), ActorId(7), C::FiscalCapacity, Rate()};
    EXPECT_TRUE(hasError(validate(poor), "value", "inverse is undefined"));

    // A value for a criterion outside the key is kept, with a warning only.
    key.inputs.push_back({{}, CoalitionId(1), ActorId(7), C::ExpectedBenefit, Rate(3, 1)});
    const auto unused = validateKey(key);
    EXPECT_TRUE(firstError(unused, "").ok());
    ASSERT_EQ(unused.size(), 1u);
    EXPECT_EQ(unused[0].severity, Severity::Warning);
}

TEST(CoalitionKey, FloorsCapsAndMaximumContributions) {
    CoalitionKeyLimit l;
    l.actorId = ActorId(7);
    l.floorShare = Rate::percent(30);
    l.capShare = Rate::percent(20);
    EXPECT_TRUE(hasError(validate(l), "cap_share", "floor share 30 % is above cap share 20 %"));
    l.capShare = Rate::percent(120);
    EXPECT_TRUE(hasError(validate(l), "cap_share", "cap share 120 % is outside 0–100 %"));
    l.capShare = Rate::percent(40);
    l.maxContribution = Money::fromCents(-1);
    EXPECT_TRUE(hasError(validate(l), "max_contribution", "is negative"));
    l.maxContribution = Money::fromEuros(25'000);
    EXPECT_TRUE(validate(l).empty());

    CoalitionKey key = twoCriteria(Rate(1, 2), Rate(1, 2));
    key.limits.push_back(l);
    CoalitionKeyLimit other;
    other.actorId = ActorId(8);
    other.floorShare = Rate::percent(80);
    key.limits.push_back(other);
    EXPECT_TRUE(hasError(validateKey(key), "floor_share", "add up to 110 %"));
    key.limits[1].actorId = ActorId(7);
    key.limits[1].floorShare = Rate::percent(10);
    EXPECT_TRUE(hasError(validateKey(key), "actor_id", "two rows"));
    EXPECT_TRUE(CoalitionKeyLimit{}.empty());
}

TEST(CoalitionKey, CriterionCodesAreStable) {
    EXPECT_EQ(toCode(C::FiscalCapacity), "fiscal_capacity");
    EXPECT_EQ(fromCode<C>("territory_share"), C::TerritoryShare);
    EXPECT_FALSE(fromCode<C>("inhabitants").has_value());
}

}  // namespace
}  // namespace kk
