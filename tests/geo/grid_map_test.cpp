// The generated map: a valid tessellation of its extent, deterministic by seed.
#include <gtest/gtest.h>

#include "core/geo/grid_map.h"

namespace kk::geo {
namespace {

TEST(GridMap, DefaultMapHas300ValidMunicipalitiesTilingTheExtentAroundBrussels) {
    GridMapOptions o;
    o.municipalityCount = 300;
    auto map = generateGridMap(o);
    ASSERT_TRUE(map.ok()) << map.error().message();
    ASSERT_EQ(map->municipalities.size(), 300u);
    EXPECT_EQ(map->municipalities.front().key, "M0001");
    EXPECT_EQ(map->facilityKeys.size(), 6u);
    double total = map->brussels.geometry.area();
    for (const auto& m : map->municipalities) {
        EXPECT_TRUE(m.geometry.isValid()) << m.key;
        total += m.geometry.area();
    }
    // 304 of the 312 cells of 6.5 km: the 8 left off lie in the last row.
    EXPECT_NEAR(total, 304 * 6500.0 * 6500.0, 0.05 * 8 * 6500.0 * 6500.0);
    EXPECT_EQ(map->municipalityAt(12, 23), -1);
    // With every cell kept, the cells and Brussels tile the extent exactly.
    o.municipalityCount = 0;
    auto full = generateGridMap(o).value();
    ASSERT_EQ(full.municipalities.size(), 308u);
    double fullArea = full.brussels.geometry.area();
    for (const auto& m : full.municipalities)
        fullArea += m.geometry.area();
    EXPECT_NEAR(fullArea, full.extent.width() * full.extent.height(), 1e-3);
    EXPECT_NEAR(map->brussels.geometry.area(), 4 * 6500.0 * 6500.0, 4 * 6500.0 * 6500.0 * 0.5);
    // Inside Flanders' Lambert 72 extent.
    EXPECT_GE(map->extent.minX, 20000.0);
    EXPECT_LE(map->extent.maxX, 260000.0);
    EXPECT_GE(map->extent.minY, 150000.0);
    EXPECT_LE(map->extent.maxY, 250000.0);
    // No two municipalities overlap (a sample of neighbours).
    for (std::size_t i = 0; i + 1 < 40; ++i)
        EXPECT_LT(map->municipalities[i]
                      .geometry.intersectionArea(map->municipalities[i + 1].geometry)
                      .value(),
                  1e-6);
}

TEST(GridMap, DeterministicBySeedAndKeysAreUsed) {
    GridMapOptions o;
    o.rows = 3;
    o.cols = 3;
    o.brusselsRows = 1;
    o.brusselsCols = 1;
    o.keys = {"11001", "11002", "11004", "11005", "11007", "11008", "11009", "11013"};
    auto a = generateGridMap(o).value();
    auto b = generateGridMap(o).value();
    o.seed = 2;
    auto c = generateGridMap(o).value();
    ASSERT_EQ(a.municipalities.size(), 8u);
    EXPECT_EQ(a.municipalities[4].key, "11007");
    EXPECT_EQ(a.municipalityAt(1, 1), -1);  // Brussels
    for (std::size_t i = 0; i < 8; ++i)
        EXPECT_TRUE(a.municipalities[i].geometry.almostEquals(b.municipalities[i].geometry, 0.0));
    EXPECT_FALSE(a.municipalities[0].geometry.almostEquals(c.municipalities[0].geometry, 1.0));
    const auto p1 = generatePerimeters(a.extent, {});
    const auto p2 = generatePerimeters(a.extent, {});
    ASSERT_EQ(p1.size(), 100u);
    EXPECT_TRUE(p1[17].geometry.almostEquals(p2[17].geometry, 0.0));
    EXPECT_TRUE(p1[17].geometry.isValid());
}

TEST(GridMap, RefusesImpossibleOptions) {
    GridMapOptions o;
    o.municipalityCount = 10000;
    EXPECT_EQ(generateGridMap(o).error().code, "geo.grid_too_small");
    o = {};
    o.cornerJitter = 0.7;
    EXPECT_EQ(generateGridMap(o).error().code, "geo.grid_options");
}

}  // namespace
}  // namespace kk::geo
