// Area rules stored in a workspace: the default Vlaamse Rand adjacency rule on a generated map
// whose answer is known, class-based lists, versions, membership questions and refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../store/store_fixture.h"
#include "core/geo/gpkg_blob.h"
#include "core/geo/grid_map.h"
#include "core/geo/workspace_rules.h"
#include "core/store/changeset.h"

using namespace kk;

namespace {

/// A workspace whose 2025 municipalities get generated grid cells, plus the Brussels block.
struct RuleWorld {
    test::TempDir dir;
    std::unique_ptr<Workspace> ws = test::newWorkspace(dir);
    geo::GridMap map;
    std::vector<std::string> keys;

    RuleWorld() {
        auto st = ws->db().prepare(
            "SELECT nis_code FROM kk_municipality WHERE valid_from <= '2025-01-01' AND (valid_to "
            "IS NULL OR valid_to >= '2025-01-01') ORDER BY nis_code");
        while (st.step())
            keys.push_back(st.getText(0));
        geo::GridMapOptions opt;
        opt.rows = 14;
        opt.cols = 22;
        opt.municipalityCount = keys.size();
        opt.keys = keys;
        opt.seed = 11;
        map = geo::generateGridMap(opt).value();
        ChangeSet cs(*ws, "Generated boundaries");
        for (const auto& f : map.municipalities)
            cs.insert("areas", Row()
                                   .set("geom", geo::toGpkgBlob(f.geometry))
                                   .set("kind", std::string("municipality"))
                                   .set("code", f.key)
                                   .set("name", f.name)
                                   .set("valid_from", std::string("2025-01-01")));
        cs.insert("areas", Row()
                               .set("geom", geo::toGpkgBlob(map.brussels.geometry))
                               .set("kind", std::string("region"))
                               .set("code", std::string("BHG"))
                               .set("name", std::string("Brussels"))
                               .set("valid_from", std::string("1989-01-01")));
        EXPECT_TRUE(cs.commit());
    }

    /// Municipalities whose grid cell shares an edge with the Brussels block, from the grid's
    /// own bookkeeping (independent of the geometry code under test).
    std::set<std::string> bordersOfBrussels() const {
        const auto& o = map.options;
        const int r0 = (o.rows - o.brusselsRows) / 2;
        const int c0 = (o.cols - o.brusselsCols) / 2;
        std::set<std::string> out;
        for (int r = r0; r < r0 + o.brusselsRows; ++r)
            for (int c = c0; c < c0 + o.brusselsCols; ++c)
                for (auto [dr, dc] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
                    const int m = map.municipalityAt(r + dr, c + dc);
                    if (m >= 0)
                        out.insert(map.municipalities[static_cast<std::size_t>(m)].key);
                }
        return out;
    }
};

std::int64_t areaCount(Workspace& ws) {
    return ws.db().scalarInt("SELECT count(*) FROM areas");
}

}  // namespace

TEST(WorkspaceRules, AdjacencyRuleReturnsExactlyTheBorderingMunicipalities) {
    RuleWorld w;
    const auto expected = w.bordersOfBrussels();
    ASSERT_GE(expected.size(), 6u);
    ASSERT_TRUE(geo::addAreaRule(*w.ws, R"({"area": "vlaamse_rand", "name": "Vlaamse Rand",
        "instrument": "randfonds", "version": 1, "valid_from": "2025-01-01",
        "rule": {"type": "adjacency", "border_areas": ["BHG"]}})"));
    auto members = geo::areaMembers(*w.ws, "vlaamse_rand", "randfonds", Date(2026, 1, 1));
    ASSERT_TRUE(members) << members.error().message();
    EXPECT_EQ(std::set<std::string>(members.value().begin(), members.value().end()), expected);

    // And the question from the other side.
    const std::string inside = *expected.begin();
    auto areas = geo::areasOfMunicipality(*w.ws, inside, "randfonds", Date(2026, 1, 1));
    ASSERT_TRUE(areas) << areas.error().message();
    EXPECT_EQ(areas.value(), std::vector<std::string>{"vlaamse_rand"});
    const auto outside = std::find_if(w.keys.begin(), w.keys.end(),
                                      [&](const std::string& k) { return !expected.count(k); });
    auto none = geo::areasOfMunicipality(*w.ws, *outside, "randfonds", Date(2026, 1, 1));
    ASSERT_TRUE(none);
    EXPECT_TRUE(none.value().empty());
}

TEST(WorkspaceRules, ClassListsUnionsAndVersions) {
    RuleWorld w;
    // Version 1: the reference data's vlaamse_rand class (19 municipalities).
    ASSERT_TRUE(geo::addAreaRule(*w.ws, R"({"area": "rand", "version": 1,
        "valid_from": "2020-01-01", "valid_to": "2025-12-31",
        "rule": {"type": "static", "class": "vlaamse_rand"}})"));
    // Version 2 from 2026: those plus every municipality bordering Brussels.
    ASSERT_TRUE(geo::addAreaRule(*w.ws, R"({"area": "rand", "version": 2,
        "valid_from": "2026-01-01",
        "rule": {"type": "union", "parts": [
            {"type": "static", "class": "vlaamse_rand"},
            {"type": "adjacency", "border_areas": ["BHG"]}]}})"));
    auto v1 = geo::areaMembers(*w.ws, "rand", "", Date(2025, 6, 1));
    ASSERT_TRUE(v1) << v1.error().message();
    EXPECT_EQ(v1.value().size(), 19u);
    auto v2 = geo::areaMembers(*w.ws, "rand", "", Date(2026, 6, 1));
    ASSERT_TRUE(v2) << v2.error().message();
    std::set<std::string> expected(v1.value().begin(), v1.value().end());
    for (const auto& k : w.bordersOfBrussels())
        expected.insert(k);
    EXPECT_EQ(std::set<std::string>(v2.value().begin(), v2.value().end()), expected);
}

TEST(WorkspaceRules, BadRulesAreRefusedAndChangeNothing) {
    RuleWorld w;
    const auto before = areaCount(*w.ws);
    auto bad = geo::addAreaRule(*w.ws, R"({"area": "x", "rule": {"type": "adjacency",
        "border_areas": ["NOWHERE"]}})");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().what.find("NOWHERE"), std::string::npos);
    EXPECT_FALSE(geo::addAreaRule(*w.ws, "{not json"));
    EXPECT_FALSE(geo::addAreaRule(*w.ws, R"({"area": "x", "rule": {"type": "telepathy"}})"));
    EXPECT_FALSE(geo::addAreaRule(*w.ws, R"({"area": "x", "rule": {"type": "static",
        "class": "no_such_class"}})"));
    EXPECT_EQ(areaCount(*w.ws), before);
    // Two versions of one area and instrument may not overlap in time.
    ASSERT_TRUE(geo::addAreaRule(*w.ws, R"({"area": "y", "version": 1, "valid_from": "2025-01-01",
        "rule": {"type": "static", "keys": ["11001"]}})"));
    auto overlap = geo::addAreaRule(*w.ws, R"({"area": "y", "version": 2,
        "valid_from": "2025-06-01", "rule": {"type": "static", "keys": ["11002"]}})");
    ASSERT_FALSE(overlap);
    EXPECT_EQ(areaCount(*w.ws), before + 1);
    auto missing = geo::areaMembers(*w.ws, "unknown_area", "", Date(2026, 1, 1));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "area_rule.none");
}
