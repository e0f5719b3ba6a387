// A coalition's partner cost-sharing key as stored in the workspace (DOMAIN.md "Partner
// cost-sharing key"): criteria with weights, the members' criterion inputs and their floor,
// cap and maximum contribution, with the rules a stored key must meet. No I/O.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/model/entities.h"
#include "core/model/validation.h"

namespace kk {

struct CoalitionKeyCriterion;
struct CoalitionKeyInput;
struct CoalitionKeyLimit;
using CoalitionKeyCriterionId = Id<CoalitionKeyCriterion>;
using CoalitionKeyInputId = Id<CoalitionKeyInput>;
using CoalitionKeyLimitId = Id<CoalitionKeyLimit>;

/// One criterion of a coalition's key and its weight (the weights add up to exactly 100 %).
struct CoalitionKeyCriterion {
    CoalitionKeyCriterionId id;
    CoalitionId coalitionId;
    CostSharingCriterion criterion = CostSharingCriterion::FixedShare;
    Rate weight;
};

/// A member's value for one criterion: inhabitants, points or euros of expected benefit,
/// fiscal capacity per inhabitant (counted inversely), or m² of territory where the project
/// perimeter gives none. The fixed share is not an input: it is kk_coalition_member.share.
struct CoalitionKeyInput {
    CoalitionKeyInputId id;
    CoalitionId coalitionId;
    ActorId actorId;  ///< a member of the coalition
    CostSharingCriterion criterion = CostSharingCriterion::Population;
    Rate value;
};

/// A member's bounds: its share is at least `floorShare` and at most `capShare`, and it pays at
/// most `maxContribution` of a project's own contribution.
struct CoalitionKeyLimit {
    CoalitionKeyLimitId id;
    CoalitionId coalitionId;
    ActorId actorId;
    std::optional<Rate> floorShare;
    std::optional<Rate> capShare;
    std::optional<Money> maxContribution;

    bool empty() const { return !floorShare && !capShare && !maxContribution; }
};

/// The whole stored key of one coalition. No criteria means "no stored key": the allocation
/// then weighs every criterion with data equally, as before.
struct CoalitionKey {
    std::vector<CoalitionKeyCriterion> criteria;
    std::vector<CoalitionKeyInput> inputs;
    std::vector<CoalitionKeyLimit> limits;

    const CoalitionKeyCriterion* criterion(CostSharingCriterion c) const;
    const CoalitionKeyInput* input(ActorId actor, CostSharingCriterion c) const;
    const CoalitionKeyLimit* limit(ActorId actor) const;
};

/// Field-level rules: weight 0–100 %; input zero or more (fiscal capacity more than zero), not
/// for fixed_share; floor and cap 0–100 %, floor ≤ cap; maximum contribution zero or more.
std::vector<Finding> validate(const CoalitionKeyCriterion& c);
std::vector<Finding> validate(const CoalitionKeyInput& i);
std::vector<Finding> validate(const CoalitionKeyLimit& l);

/// Whole-key rules on top of the field rules: each criterion once; weights adding up to exactly
/// 100 % (when there are criteria); one input per member and criterion and one limit per
/// member; floors adding up to 100 % or less. An input for a criterion that is not in the key
/// is a warning (it is kept, and used once the criterion is added).
std::vector<Finding> validateKey(const CoalitionKey& key);

}  // namespace kk
