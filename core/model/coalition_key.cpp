// Rules of a stored cost-sharing key: field checks per row and the whole-key checks.
#include "core/model/coalition_key.h"

#include <set>
#include <string>
#include <utility>

namespace kk {
namespace {

Finding keyError(const char* entity, std::int64_t id, std::string field, std::string message,
                 std::string hint) {
    return Finding{Severity::Error,    entity,         id, std::move(field),
                   std::move(message), std::move(hint)};
}

bool isShare(const Rate& r) {
    return !r.isNegative() && r <= Rate::one();
}

std::string criterionName(CostSharingCriterion c) {
    return std::string(toCode(c));
}

}  // namespace

const CoalitionKeyCriterion* CoalitionKey::criterion(CostSharingCriterion c) const {
    for (const auto& k : criteria)
        if (k.criterion == c)
            return &k;
    return nullptr;
}

const CoalitionKeyInput* CoalitionKey::input(ActorId actor, CostSharingCriterion c) const {
    for (const auto& i : inputs)
        if (i.actorId == actor && i.criterion == c)
            return &i;
    return nullptr;
}

const CoalitionKeyLimit* CoalitionKey::limit(ActorId actor) const {
    for (const auto& l : limits)
        if (l.actorId == actor)
            return &l;
    return nullptr;
}

std::vector<Finding> validate(const CoalitionKeyCriterion& c) {
    std::vector<Finding> out;
    if (!isShare(c.weight))
        out.push_back(keyError("coalition_key_criterion", c.id.value, "weight",
                               "weight " + c.weight.formatPercent() + " of criterion " +
                                   criterionName(c.criterion) + " is outside 0–100 %",
                               "give a weight from 0 % to 100 %"));
    return out;
}

std::vector<Finding> validate(const CoalitionKeyInput& i) {
    std::vector<Finding> out;
    const char* entity = "coalition_key_input";
    const std::string name = criterionName(i.criterion);
    if (i.criterion == CostSharingCriterion::FixedShare)
        out.push_back(keyError(entity, i.id.value, "criterion",
                               "a fixed share is not a key input: it is the member's share",
                               "enter the fixed share in the member's share column"));
    if (i.value.isNegative())
        out.push_back(keyError(entity, i.id.value, "value",
                               name + " value " + i.value.toString() + " is negative",
                               "give zero or more"));
    else if (i.criterion == CostSharingCriterion::FiscalCapacity && i.value == Rate())
        out.push_back(keyError(entity, i.id.value, "value",
                               "fiscal capacity is zero, so its inverse is undefined",
                               "give the fiscal capacity per inhabitant (more than zero)"));
    return out;
}

std::vector<Finding> validate(const CoalitionKeyLimit& l) {
    std::vector<Finding> out;
    const char* entity = "coalition_key_limit";
    if (l.floorShare && !isShare(*l.floorShare))
        out.push_back(
            keyError(entity, l.id.value, "floor_share",
                     "floor share " + l.floorShare->formatPercent() + " is outside 0–100 %",
                     "give a floor from 0 % to 100 %"));
    if (l.capShare && !isShare(*l.capShare))
        out.push_back(keyError(entity, l.id.value, "cap_share",
                               "cap share " + l.capShare->formatPercent() + " is outside 0–100 %",
                               "give a cap from 0 % to 100 %"));
    if (out.empty() && l.floorShare && l.capShare && *l.floorShare > *l.capShare)
        out.push_back(keyError(entity, l.id.value, "cap_share",
                               "floor share " + l.floorShare->formatPercent() +
                                   " is above cap share " + l.capShare->formatPercent(),
                               "lower the floor or raise the cap"));
    if (l.maxContribution && l.maxContribution->cents() < 0)
        out.push_back(
            keyError(entity, l.id.value, "max_contribution",
                     "maximum contribution " + l.maxContribution->format() + " is negative",
                     "give zero or more, or leave it empty for no maximum"));
    return out;
}

std::vector<Finding> validateKey(const CoalitionKey& key) {
    std::vector<Finding> out;
    auto append = [&](std::vector<Finding> more) {
        out.insert(out.end(), more.begin(), more.end());
    };
    std::set<CostSharingCriterion> seen;
    Rate sum;
    for (const auto& c : key.criteria) {
        append(validate(c));
        if (!seen.insert(c.criterion).second)
            out.push_back(
                keyError("coalition_key_criterion", c.id.value, "criterion",
                         "criterion " + criterionName(c.criterion) + " is in the key twice",
                         "keep one row per criterion"));
        sum = sum + c.weight;
    }
    if (!key.criteria.empty() && sum != Rate::one())
        out.push_back(
            keyError("coalition_key_criterion", 0, "weight",
                     "the criterion weights add up to " + sum.formatPercent() + " instead of 100 %",
                     "make the weights add up to exactly 100 %"));
    std::set<std::pair<std::int64_t, CostSharingCriterion>> inputs;
    for (const auto& i : key.inputs) {
        append(validate(i));
        if (!inputs.insert({i.actorId.value, i.criterion}).second)
            out.push_back(keyError("coalition_key_input", i.id.value, "criterion",
                                   "a member has two values for " + criterionName(i.criterion),
                                   "keep one value per member and criterion"));
        if (!key.criteria.empty() && !seen.count(i.criterion) &&
            i.criterion != CostSharingCriterion::FixedShare)
            out.push_back(Finding{Severity::Warning, "coalition_key_input", i.id.value, "criterion",
                                  "the key has no criterion " + criterionName(i.criterion) +
                                      ": this value is not used",
                                  "add the criterion with a weight, or clear the value"});
    }
    std::set<std::int64_t> limited;
    Rate floors;
    for (const auto& l : key.limits) {
        append(validate(l));
        if (!limited.insert(l.actorId.value).second)
            out.push_back(keyError("coalition_key_limit", l.id.value, "actor_id",
                                   "a member has two rows of floor, cap and maximum",
                                   "keep one row per member"));
        if (l.floorShare && isShare(*l.floorShare))
            floors = floors + *l.floorShare;
    }
    if (floors > Rate::one())
        out.push_back(keyError(
            "coalition_key_limit", 0, "floor_share",
            "the members' floor shares add up to " + floors.formatPercent() + ", more than 100 %",
            "lower the floors so that they add up to 100 % or less"));
    return out;
}

}  // namespace kk
