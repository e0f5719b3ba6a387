// A coalition's stored cost-sharing key: written through one ChangeSet (one undo step),
// validated as a whole, only changed rows touched, member rows removed inside the undo.
#include <gtest/gtest.h>

#include "core/store/coalition_keys.h"
#include "core/store/repositories.h"
#include "store_fixture.h"

namespace kk {
namespace {

using C = CostSharingCriterion;

class StoredKey : public ::testing::Test {
  protected:
    void SetUp() override {
        ws = test::newWorkspace(dir);
        ChangeSet cs(*ws, "coalition");
        Coalition c;
        c.code = "COAL";
        c.name = "Coalitie";
        coalition = CoalitionId(Repository<Coalition>(*ws).insert(cs, c));
        for (const char* code : {"GEM-A", "GEM-B"}) {
            Actor a;
            a.code = code;
            a.name = code;
            a.kind = ActorKind::Government;
            const ActorId id(Repository<Actor>(*ws).insert(cs, a));
            actors.push_back(id);
            CoalitionMember m;
            m.coalitionId = coalition;
            m.actorId = id;
            m.share = Rate(1, 2);
            Repository<CoalitionMember>(*ws).insert(cs, m);
        }
        ASSERT_TRUE(cs.commit().ok());
    }

    CoalitionKey sampleKey() const {
        CoalitionKey key;
        key.criteria.push_back({{}, coalition, C::FixedShare, Rate::percent(40)});
        key.criteria.push_back({{}, coalition, C::Population, Rate::percent(60)});
        key.inputs.push_back({{}, coalition, actors[0], C::Population, Rate(30'000, 1)});
        key.inputs.push_back({{}, coalition, actors[1], C::Population, Rate(10'000, 1)});
        CoalitionKeyLimit cap;
        cap.actorId = actors[0];
        cap.capShare = Rate::percent(55);
        cap.maxContribution = Money::fromEuros(40'000);
        key.limits.push_back(cap);
        return key;
    }

    Status save(const CoalitionKey& key, const std::string& label = "key") {
        try {
            ChangeSet cs(*ws, label);
            saveCoalitionKey(cs, coalition, key);
            return cs.commit();
        } catch (const KkError& e) {
            return e.error();
        }
    }

    test::TempDir dir;
    std::unique_ptr<Workspace> ws;
    CoalitionId coalition;
    std::vector<ActorId> actors;
};

TEST_F(StoredKey, SavedAsOneUndoStepAndReadBack) {
    ASSERT_TRUE(save(sampleKey()).ok());
    CoalitionKey key = loadCoalitionKey(*ws, coalition);
    ASSERT_EQ(key.criteria.size(), 2u);
    EXPECT_EQ(key.criterion(C::Population)->weight, Rate(3, 5));
    EXPECT_EQ(key.input(actors[0], C::Population)->value, Rate(30'000, 1));
    ASSERT_NE(key.limit(actors[0]), nullptr);
    EXPECT_EQ(key.limit(actors[0])->capShare, Rate(11, 20));
    EXPECT_EQ(key.limit(actors[0])->maxContribution, Money::fromCents(4'000'000));
    EXPECT_FALSE(key.limit(actors[0])->floorShare.has_value());
    // Rates are stored as exact text, money as cents.
    EXPECT_EQ(ws->db().scalarInt("SELECT max_contribution FROM kk_coalition_key_limit"), 4'000'000);
    EXPECT_EQ(loadCoalitionKeys(*ws).at(coalition.value).inputs.size(), 2u);

    ASSERT_TRUE(ws->undo().ok());
    EXPECT_TRUE(loadCoalitionKey(*ws, coalition).criteria.empty());
    EXPECT_TRUE(loadCoalitionKey(*ws, coalition).limits.empty());
    ASSERT_TRUE(ws->redo().ok());
    EXPECT_EQ(loadCoalitionKey(*ws, coalition).inputs.size(), 2u);
}

TEST_F(StoredKey, OnlyChangedRowsAreWrittenAndUndone) {
    ASSERT_TRUE(save(sampleKey()).ok());
    const auto before = loadCoalitionKey(*ws, coalition);
    CoalitionKey changed = before;
    changed.criteria[0].weight = Rate::percent(50);
    changed.criteria[1].weight = Rate::percent(50);
    changed.inputs.pop_back();  // GEM-B's population goes
    changed.limits.clear();     // and the cap
    ASSERT_TRUE(save(changed, "weights").ok());
    const auto after = loadCoalitionKey(*ws, coalition);
    EXPECT_EQ(after.criteria[0].id, before.criteria[0].id) << "updated in place";
    EXPECT_EQ(after.criteria[0].weight, Rate(1, 2));
    EXPECT_EQ(after.inputs.size(), 1u);
    EXPECT_TRUE(after.limits.empty());
    EXPECT_EQ(ws->undoLabel(), "weights");
    ASSERT_TRUE(ws->undo().ok());
    const auto undone = loadCoalitionKey(*ws, coalition);
    EXPECT_EQ(undone.criteria[0].weight, Rate::percent(40));
    EXPECT_EQ(undone.inputs.size(), 2u);
    EXPECT_EQ(undone.limit(actors[0])->capShare, Rate::percent(55));
    // Saving the same key again changes nothing and records nothing.
    const auto entries = ws->log(100).size();
    ASSERT_TRUE(save(undone, "same").ok());
    EXPECT_EQ(ws->log(100).size(), entries);
}

TEST_F(StoredKey, InvalidKeysAreRefusedAndNothingIsWritten) {
    CoalitionKey key = sampleKey();
    key.criteria[1].weight = Rate::percent(70);
    auto s = save(key);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "coalition_key.invalid");
    EXPECT_NE(s.error().what.find("110 %"), std::string::npos) << s.error().what;
    EXPECT_NE(s.error().where.find("coalition COAL"), std::string::npos) << s.error().where;

    key = sampleKey();
    key.limits[0].floorShare = Rate::percent(60);  // above its cap of 55 %
    s = save(key);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().what.find("above cap share"), std::string::npos) << s.error().what;

    key = sampleKey();
    Actor outsider;
    outsider.code = "VZW";
    outsider.name = "vzw";
    {
        ChangeSet cs(*ws, "actor");
        outsider.id = ActorId(Repository<Actor>(*ws).insert(cs, outsider));
        ASSERT_TRUE(cs.commit().ok());
    }
    key.inputs.push_back({{}, coalition, outsider.id, C::Population, Rate(5, 1)});
    s = save(key);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().what.find("VZW is not a member"), std::string::npos) << s.error().what;
    EXPECT_TRUE(loadCoalitionKey(*ws, coalition).criteria.empty());
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM kk_coalition_key_input"), 0);
}

TEST_F(StoredKey, RemovingAMemberRemovesItsRowsInsideTheUndo) {
    ASSERT_TRUE(save(sampleKey()).ok());
    const auto member =
        Repository<CoalitionMember>(*ws).list(Query{}.where("actor_id", actors[0].value)).at(0);
    {
        ChangeSet cs(*ws, "remove member");
        removeMemberKeyRows(cs, coalition, actors[0]);
        Repository<CoalitionMember>(*ws).remove(cs, member.id.value);
        ASSERT_TRUE(cs.commit().ok());
    }
    EXPECT_EQ(loadCoalitionKey(*ws, coalition).inputs.size(), 1u);
    EXPECT_TRUE(loadCoalitionKey(*ws, coalition).limits.empty());
    ASSERT_TRUE(ws->undo().ok());
    const auto key = loadCoalitionKey(*ws, coalition);
    EXPECT_EQ(key.inputs.size(), 2u);
    ASSERT_NE(key.limit(actors[0]), nullptr);
    EXPECT_EQ(key.limit(actors[0])->maxContribution, Money::fromEuros(40'000));
}

}  // namespace
}  // namespace kk
