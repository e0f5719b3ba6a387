// Area rules on generated maps with known answers: adjacency (corner touches excluded), the
// default Vlaamse Rand rule, indicators, imported polygons, combinations and versions.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/geo/area_rules.h"
#include "tests/geo/geo_test_util.h"

namespace kk::geo {
namespace {

/// A 7 × 8 jittered map with a 2 × 2 Brussels block at rows 2–3, columns 3–4.
GridMap randMap() {
    GridMapOptions o;
    o.rows = 7;
    o.cols = 8;
    o.cellSize = 3000.0;
    o.seed = 3;
    return generateGridMap(o).value();
}

std::vector<std::string> keysAt(const GridMap& map, std::vector<std::pair<int, int>> cells) {
    std::vector<std::string> keys;
    for (const auto& [r, c] : cells) {
        const int i = map.municipalityAt(r, c);
        EXPECT_GE(i, 0) << r << "," << c;
        keys.push_back(map.municipalities[std::size_t(i)].key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

AreaRule ruleWith(RuleNode root, int version = 1) {
    AreaRule r;
    r.areaId = "test";
    r.version = version;
    r.validity = Period{Date(2020, 1, 1), std::nullopt};
    r.root = std::move(root);
    return r;
}

const Date kDay(2025, 6, 1);

TEST(Adjacency, CornerTouchIsNotABorder) {
    const auto map = randMap();
    const Geometry& a = map.municipalities[std::size_t(map.municipalityAt(0, 0))].geometry;
    const Geometry& east = map.municipalities[std::size_t(map.municipalityAt(0, 1))].geometry;
    const Geometry& diagonal = map.municipalities[std::size_t(map.municipalityAt(1, 1))].geometry;
    EXPECT_GT(sharedBoundaryLength(a, east).value(), 1000.0);
    EXPECT_TRUE(borders(a, east).value());
    EXPECT_TRUE(a.intersects(diagonal));  // they do touch, at one corner point
    EXPECT_EQ(sharedBoundaryLength(a, diagonal).value(), 0.0);
    EXPECT_FALSE(borders(a, diagonal).value());
    // With a tolerance the corner measures about 2 × tolerance; minSharedLength keeps it out.
    AdjacencyOptions tolerant{1.0, 10.0};
    EXPECT_FALSE(borders(a, diagonal, tolerant).value());
    EXPECT_TRUE(borders(a, east, tolerant).value());
}

TEST(Adjacency, ListsOfARegularGridAreTheFourNeighbourhood) {
    const auto map = testing::regularGrid(3, 3);
    auto lists = adjacencyLists(map.municipalities).value();
    auto at = [&](int r, int c) { return std::size_t(map.municipalityAt(r, c)); };
    EXPECT_EQ(lists[at(1, 1)], (std::vector<std::size_t>{at(0, 1), at(1, 0), at(1, 2), at(2, 1)}));
    EXPECT_EQ(lists[at(0, 0)], (std::vector<std::size_t>{at(0, 1), at(1, 0)}));
}

TEST(AreaRules, BorderingBrusselsExcludesTheDiagonalCorners) {
    const auto map = randMap();
    MunicipalitySet set(map.municipalities);
    AdjacencyRule rule;
    rule.borderAreas.push_back(map.brussels.geometry);
    auto members = membersOf(ruleWith(RuleNode{rule}), set, kDay);
    ASSERT_TRUE(members.ok()) << members.error().message();
    EXPECT_EQ(*members,
              keysAt(map, {{1, 3}, {1, 4}, {4, 3}, {4, 4}, {2, 2}, {3, 2}, {2, 5}, {3, 5}}));
}

TEST(AreaRules, DefaultVlaamseRandRuleOnAGeneratedMap) {
    const auto map = randMap();
    auto facilities = map.facilityKeys;
    std::sort(facilities.begin(), facilities.end());
    ASSERT_EQ(facilities, keysAt(map, {{1, 3}, {1, 4}, {4, 3}, {4, 4}, {2, 2}, {3, 2}}));
    MunicipalitySet set(map.municipalities);
    AdjacencyRule rand;
    rand.borderAreas.push_back(map.brussels.geometry);
    rand.borderMunicipalities = map.facilityKeys;
    auto members = membersOf(ruleWith(RuleNode{rand}), set, kDay);
    ASSERT_TRUE(members.ok()) << members.error().message();
    // The eight cells bordering Brussels, plus the cells bordering a facility cell. The four
    // cells diagonal to Brussels ((1,2), (1,5), (4,2), (4,5)) are in only because they border a
    // facility cell; (2,6) and (3,6) border only non-facility cells and stay out.
    const auto expected = keysAt(map, {{1, 3},
                                       {1, 4},
                                       {4, 3},
                                       {4, 4},
                                       {2, 2},
                                       {3, 2},
                                       {2, 5},
                                       {3, 5},
                                       {0, 3},
                                       {0, 4},
                                       {1, 2},
                                       {1, 5},
                                       {5, 3},
                                       {5, 4},
                                       {4, 2},
                                       {4, 5},
                                       {2, 1},
                                       {3, 1}});
    EXPECT_EQ(*members, expected);
    EXPECT_EQ(members->size(), 18u);
}

TEST(AreaRules, StaticIndicatorImportedAndCombinations) {
    const auto map = testing::regularGrid(4, 4);
    MunicipalitySet set(map.municipalities);
    const auto col0 = keysAt(map, {{0, 0}, {1, 0}, {2, 0}, {3, 0}});
    const auto col1 = keysAt(map, {{0, 1}, {1, 1}, {2, 1}, {3, 1}});

    // Imported polygon: all of column 0 and exactly half of column 1.
    ImportedAreaRule imported;
    imported.polygons.push_back(Geometry::rectangle(Envelope::of(100000, 150000, 101500, 154000)));
    imported.minShareOfMunicipality = Rate(1, 2);
    auto half = membersOf(ruleWith(RuleNode{imported}), set, kDay).value();
    std::vector<std::string> both = col0;
    both.insert(both.end(), col1.begin(), col1.end());
    std::sort(both.begin(), both.end());
    EXPECT_EQ(half, both);  // exactly 1/2 counts (≥)
    imported.minShareOfMunicipality = Rate(3, 4);
    EXPECT_EQ(membersOf(ruleWith(RuleNode{imported}), set, kDay).value(), col0);

    // Indicator: the predicate says yes for row 0.
    IndicatorRule indicator;
    indicator.description = "row == 0";
    indicator.predicate = [&](const std::string& key, const Date&) -> Result<bool> {
        const auto i = set.indexOf(key);
        return map.municipalities[std::size_t(i)].attributes.at("row") == "0";
    };
    const auto row0 = keysAt(map, {{0, 0}, {0, 1}, {0, 2}, {0, 3}});
    EXPECT_EQ(membersOf(ruleWith(RuleNode{indicator}), set, kDay).value(), row0);

    // Intersection of (imported ≥ 3/4) and (row 0) = cell (0,0); union with a static list.
    IntersectionRule inter{{RuleNode{imported}, RuleNode{indicator}}};
    EXPECT_EQ(membersOf(ruleWith(RuleNode{inter}), set, kDay).value(), keysAt(map, {{0, 0}}));
    UnionRule uni{{RuleNode{inter}, RuleNode{StaticListRule{keysAt(map, {{3, 3}})}}}};
    EXPECT_EQ(membersOf(ruleWith(RuleNode{uni}), set, kDay).value(), keysAt(map, {{0, 0}, {3, 3}}));
}

TEST(AreaRules, ErrorsNameTheRule) {
    const auto map = testing::regularGrid(2, 2);
    MunicipalitySet set(map.municipalities);
    auto unknown = membersOf(ruleWith(RuleNode{StaticListRule{{"M0001", "X999"}}}), set, kDay);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "geo.rule_unknown_key");
    EXPECT_NE(unknown.error().where.find("area rule 'test' version 1"), std::string::npos);
    IndicatorRule failing{"broken", [](const std::string&, const Date&) -> Result<bool> {
                              return makeError("rules.lua", "attempt to index a nil value",
                                               "indicator.lua:12");
                          }};
    auto failed = membersOf(ruleWith(RuleNode{failing}), set, kDay);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "rules.lua");
    EXPECT_NE(failed.error().where.find("indicator.lua:12"), std::string::npos);
    AreaRule old = ruleWith(RuleNode{StaticListRule{{"M0001"}}});
    old.validity = Period{Date(2010, 1, 1), Date(2014, 12, 31)};
    EXPECT_EQ(membersOf(old, set, kDay).error().code, "geo.rule_not_valid");
}

TEST(AreaRuleBook, VersionsByDateAndInstrument) {
    const auto map = randMap();
    MunicipalitySet set(map.municipalities);
    AreaRuleBook book;
    AreaRule v1;
    v1.areaId = "vlaamse_rand";
    v1.version = 1;
    v1.validity = Period{Date(2020, 1, 1), Date(2024, 12, 31)};
    v1.root = RuleNode{StaticListRule{{map.facilityKeys[0]}}};
    ASSERT_TRUE(book.add(v1).ok());
    AreaRule v2 = v1;
    v2.version = 2;
    v2.validity = Period{Date(2025, 1, 1), std::nullopt};
    AdjacencyRule rand;
    rand.borderAreas.push_back(map.brussels.geometry);
    v2.root = RuleNode{rand};
    ASSERT_TRUE(book.add(v2).ok());
    AreaRule overlapping = v2;
    overlapping.version = 3;
    overlapping.validity = Period{Date(2024, 6, 1), std::nullopt};
    auto refused = book.add(overlapping);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "geo.rule_overlapping_versions");
    AreaRule duplicate = v2;
    EXPECT_EQ(book.add(duplicate).error().code, "geo.rule_duplicate_version");
    // An instrument-specific delimitation of another area.
    AreaRule groen;
    groen.areaId = "groene_rand";
    groen.instrument = "groene_rand_oproep";
    groen.validity = Period{Date(2025, 1, 1), std::nullopt};
    groen.root = RuleNode{StaticListRule{keysAt(map, {{2, 5}, {0, 0}})}};
    ASSERT_TRUE(book.add(groen).ok());

    const std::string east = keysAt(map, {{2, 5}})[0];
    EXPECT_EQ(book.areasContaining(east, "", Date(2023, 1, 1), set).value(),
              std::vector<std::string>{});
    EXPECT_EQ(book.areasContaining(east, "", Date(2025, 3, 1), set).value(),
              std::vector<std::string>{"vlaamse_rand"});
    EXPECT_EQ(book.areasContaining(east, "groene_rand_oproep", Date(2025, 3, 1), set).value(),
              (std::vector<std::string>{"groene_rand", "vlaamse_rand"}));
    const std::string facility = map.facilityKeys[0];
    EXPECT_EQ(book.areasContaining(facility, "", Date(2023, 1, 1), set).value(),
              std::vector<std::string>{"vlaamse_rand"});
    ASSERT_NE(book.ruleFor("vlaamse_rand", "x", Date(2025, 1, 1)), nullptr);
    EXPECT_EQ(book.ruleFor("vlaamse_rand", "x", Date(2025, 1, 1))->version, 2);
    EXPECT_EQ(book.ruleFor("vlaamse_rand", "", Date(2019, 1, 1)), nullptr);
    EXPECT_FALSE(book.areasContaining("nope", "", kDay, set).ok());
}

}  // namespace
}  // namespace kk::geo
