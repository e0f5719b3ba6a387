// A coalition's stored cost-sharing key: written through one ChangeSet (one undo step),
// validated as a whole, only changed rows touched, member rows removed inside the undo.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/base/progress.h"
#include "core/store/coalition_keys.h"
#include "core/store/exchange.h"
#include "core/store/repositories.h"
#include "core/store/workspace_checks.h"
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

class ExchangedKey : public StoredKey {
  protected:
    Result<ImportReport> import(const std::string& entity, const std::string& csv,
                                bool dryRun = false) {
        const std::string path = dir.file(entity + ".csv");
        std::ofstream(path) << csv;
        auto source = openCsvSource(path);
        NoProgress progress;
        return importTable(*ws, entity, *source, dryRun, progress);
    }
    std::string exported(const std::string& entity) {
        const std::string path = dir.file(entity + "-out.csv");
        auto sink = openCsvSink(path);
        EXPECT_TRUE(exportTable(*ws, entity, *sink).ok());
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }
    static std::string firstError(const Result<ImportReport>& r) {
        if (!r.ok())
            return r.error().message();
        return r.value().errors.empty() ? "" : r.value().errors[0].message();
    }
};

TEST_F(ExchangedKey, ImportedRowByRowExportedAsStored) {
    auto r = import("coalition_key_criteria",
                    "coalition_code,criterion,weight\nCOAL,fixed_share,40%\nCOAL,population,60%\n");
    ASSERT_EQ(firstError(r), "");
    r = import("coalition_key_inputs",
               "coalition_code,actor_code,criterion,value\nCOAL,GEM-A,population,30000\n"
               "COAL,GEM-B,population,10000\nCOAL,GEM-A,expected_benefit,12.5\n");
    ASSERT_EQ(firstError(r), "");
    r = import("coalition_key_limits",
               "coalition_code,actor_code,floor_share,cap_share,max_contribution\n"
               "COAL,GEM-A,,55%,\"40.000,00\"\n");
    ASSERT_EQ(firstError(r), "");
    const CoalitionKey key = loadCoalitionKey(*ws, coalition);
    EXPECT_EQ(key.criterion(C::Population)->weight, Rate(3, 5));
    EXPECT_EQ(key.input(actors[0], C::ExpectedBenefit)->value, Rate(25, 2));
    EXPECT_EQ(key.limit(actors[0])->maxContribution, Money::fromEuros(40'000));
    EXPECT_EQ(exported("coalition_key_criteria"),
              "coalition_code,criterion,weight\nCOAL,fixed_share,2/5\nCOAL,population,3/5\n");
    EXPECT_EQ(exported("coalition_key_limits"),
              "coalition_code,actor_code,floor_share,cap_share,max_contribution\n"
              "COAL,GEM-A,,11/20,40000.00\n");
}

TEST_F(ExchangedKey, BadAndDuplicateRowsAreNamedAndNothingIsWritten) {
    ASSERT_EQ(firstError(import("coalition_key_inputs",
                                "coalition_code,actor_code,criterion,value\n"
                                "COAL,GEM-A,population,30000\n")),
              "");
    // The key is coalition + actor + criterion: another criterion of GEM-A is fine.
    EXPECT_EQ(firstError(import("coalition_key_inputs",
                                "coalition_code,actor_code,criterion,value\n"
                                "COAL,GEM-A,expected_benefit,3\n",
                                true)),
              "");
    auto r = import("coalition_key_inputs",
                    "coalition_code,actor_code,criterion,value\nCOAL,GEM-A,population,5\n"
                    "COAL,GEM-B,inhabitants,5\nCOAL,GEM-B,population,-5\n");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.value().errors.size(), 3u);
    EXPECT_NE(r.value().errors[0].what.find("duplicate key"), std::string::npos);
    EXPECT_NE(r.value().errors[0].where.find("coalition_code+actor_code+criterion"),
              std::string::npos)
        << r.value().errors[0].where;
    EXPECT_NE(r.value().errors[1].what.find("'inhabitants' is not a known criterion"),
              std::string::npos)
        << r.value().errors[1].what;
    EXPECT_NE(r.value().errors[2].what.find("negative"), std::string::npos);
    // An actor that is not a member: the membership's foreign key refuses the row.
    Actor outsider;
    outsider.code = "VZW";
    outsider.name = "vzw";
    {
        ChangeSet cs(*ws, "actor");
        Repository<Actor>(*ws).insert(cs, outsider);
        ASSERT_TRUE(cs.commit().ok());
    }
    r = import("coalition_key_limits", "coalition_code,actor_code,cap_share\nCOAL,VZW,50%\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "import.rejected");
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM kk_coalition_key_limit"), 0);
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM kk_coalition_key_input"), 1);
}

TEST_F(ExchangedKey, CheckFindsAKeyWhoseWeightsDoNotAddUp) {
    ASSERT_EQ(firstError(import("coalition_key_criteria",
                                "coalition_code,criterion,weight\nCOAL,fixed_share,60%\n"
                                "COAL,population,50%\n")),
              "");
    bool found = false;
    for (const Finding& f : checkWorkspace(*ws))
        if (f.entity == "coalition" && f.severity == Severity::Error &&
            f.message ==
                "cost-sharing key of coalition COAL: the criterion weights add up to "
                "110 % instead of 100 %")
            found = true;
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace kk
