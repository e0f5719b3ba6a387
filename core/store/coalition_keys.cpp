// Stored cost-sharing keys: load, whole-key validation and a row-by-row diff on save.
#include "core/store/coalition_keys.h"

#include <algorithm>
#include <set>
#include <string>

#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

template <class E>
std::vector<E> rowsOf(Workspace& ws, CoalitionId coalition) {
    return Repository<E>(ws).list(Query{}.where("coalition_id", coalition.value));
}

template <class E>
bool sameRow(const E& a, const E& b) {
    return Repository<E>::toRow(a).values == Repository<E>::toRow(b).values;
}

/// Writes `wanted` over `stored` (rows matched by `sameKey`): removals, updates, inserts.
template <class E, class SameKey>
void diffWrite(ChangeSet& cs, const std::vector<E>& stored, std::vector<E> wanted,
               SameKey sameKey) {
    Repository<E> repo(cs.workspace());
    for (const E& s : stored)
        if (std::none_of(wanted.begin(), wanted.end(), [&](const E& w) { return sameKey(s, w); }))
            repo.remove(cs, s.id.value);
    for (E& w : wanted) {
        auto it =
            std::find_if(stored.begin(), stored.end(), [&](const E& s) { return sameKey(s, w); });
        if (it == stored.end())
            continue;
        w.id = it->id;
        if (!sameRow(*it, w))
            repo.update(cs, w);
    }
    for (const E& w : wanted)
        if (!w.id.valid())
            repo.insert(cs, w);
}

std::string actorCode(Workspace& ws, ActorId id) {
    auto a = Repository<Actor>(ws).get(id.value);
    return a ? a->code : "actor " + std::to_string(id.value);
}

}  // namespace

CoalitionKey loadCoalitionKey(Workspace& ws, CoalitionId coalition) {
    CoalitionKey key;
    key.criteria = rowsOf<CoalitionKeyCriterion>(ws, coalition);
    key.inputs = rowsOf<CoalitionKeyInput>(ws, coalition);
    key.limits = rowsOf<CoalitionKeyLimit>(ws, coalition);
    return key;
}

std::map<std::int64_t, CoalitionKey> loadCoalitionKeys(Workspace& ws) {
    std::map<std::int64_t, CoalitionKey> out;
    for (auto& c : Repository<CoalitionKeyCriterion>(ws).list())
        out[c.coalitionId.value].criteria.push_back(std::move(c));
    for (auto& i : Repository<CoalitionKeyInput>(ws).list())
        out[i.coalitionId.value].inputs.push_back(std::move(i));
    for (auto& l : Repository<CoalitionKeyLimit>(ws).list())
        out[l.coalitionId.value].limits.push_back(std::move(l));
    return out;
}

void removeMemberKeyRows(ChangeSet& cs, CoalitionId coalition, ActorId actor) {
    Workspace& ws = cs.workspace();
    const Query q = Query{}.where("coalition_id", coalition.value).where("actor_id", actor.value);
    for (const auto& i : Repository<CoalitionKeyInput>(ws).list(q))
        Repository<CoalitionKeyInput>(ws).remove(cs, i.id.value);
    for (const auto& l : Repository<CoalitionKeyLimit>(ws).list(q))
        Repository<CoalitionKeyLimit>(ws).remove(cs, l.id.value);
}

void saveCoalitionKey(ChangeSet& cs, CoalitionId coalition, const CoalitionKey& key) {
    Workspace& ws = cs.workspace();
    const auto stored = Repository<Coalition>(ws).get(coalition.value);
    const std::string where =
        "coalition " + (stored ? stored->code : std::to_string(coalition.value)) + ", key";
    CoalitionKey wanted = key;
    for (auto& c : wanted.criteria)
        c.coalitionId = coalition;
    for (auto& i : wanted.inputs)
        i.coalitionId = coalition;
    for (auto& l : wanted.limits)
        l.coalitionId = coalition;
    std::erase_if(wanted.limits, [](const CoalitionKeyLimit& l) { return l.empty(); });

    std::vector<Finding> findings = validateKey(wanted);
    std::set<std::int64_t> members;
    for (const auto& m :
         Repository<CoalitionMember>(ws).list(Query{}.where("coalition_id", coalition.value)))
        members.insert(m.actorId.value);
    auto requireMember = [&](const char* entity, ActorId actor) {
        if (!members.count(actor.value))
            findings.push_back({Severity::Error, entity, 0, "actor_id",
                                actorCode(ws, actor) + " is not a member of the coalition",
                                "add the actor as a member first"});
    };
    for (const auto& i : wanted.inputs)
        requireMember("coalition_key_input", i.actorId);
    for (const auto& l : wanted.limits)
        requireMember("coalition_key_limit", l.actorId);
    if (auto s = firstError(findings, where); !s) {
        Error e = s.error();
        e.code = "coalition_key.invalid";
        throw KkError(e);
    }

    const CoalitionKey old = loadCoalitionKey(ws, coalition);
    diffWrite(cs, old.criteria, wanted.criteria,
              [](const auto& a, const auto& b) { return a.criterion == b.criterion; });
    diffWrite(cs, old.inputs, wanted.inputs, [](const auto& a, const auto& b) {
        return a.actorId == b.actorId && a.criterion == b.criterion;
    });
    diffWrite(cs, old.limits, wanted.limits,
              [](const auto& a, const auto& b) { return a.actorId == b.actorId; });
}

}  // namespace kk
