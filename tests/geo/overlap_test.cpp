// Overlap shares: known answers on a regular grid, exact sums on jittered maps, and agreement
// between the convex fast path and the GEOS path.
#include <gtest/gtest.h>

#include "core/geo/overlap.h"
#include "tests/geo/geo_test_util.h"

namespace kk::geo {
namespace {

Rate sumOfShares(const OverlapShares& s) {
    Rate sum = s.outsideShare;
    for (const auto& m : s.shares)
        sum = sum + m.shareOfPerimeter;
    return sum;
}

TEST(OverlapShares, RectangleOverARegularGridHasTheHandComputedShares) {
    const auto map = testing::regularGrid(4, 4);
    OverlapIndex index(map.municipalities);
    // x 100500–102500 covers half of column 0, all of column 1, half of column 2;
    // y 150500–151250 covers half of row 0 and a quarter of row 1: 2000 m × 750 m.
    const auto perimeter = Geometry::rectangle(Envelope::of(100500, 150500, 102500, 151250));
    auto r = index.shares(perimeter);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->perimeterAreaM2, 1'500'000.0);
    EXPECT_EQ(r->perimeterMm2, 1'500'000'000'000);
    struct Expected {
        int row, col;
        double m2;
        Rate ofPerimeter, ofMunicipality;
    };
    const Expected expected[] = {
        {0, 0, 250000, Rate(1, 6), Rate(1, 4)}, {0, 1, 500000, Rate(1, 3), Rate(1, 2)},
        {0, 2, 250000, Rate(1, 6), Rate(1, 4)}, {1, 0, 125000, Rate(1, 12), Rate(1, 8)},
        {1, 1, 250000, Rate(1, 6), Rate(1, 4)}, {1, 2, 125000, Rate(1, 12), Rate(1, 8)},
    };
    ASSERT_EQ(r->shares.size(), 6u);
    for (const auto& e : expected) {
        const int idx = map.municipalityAt(e.row, e.col);
        const auto it = std::find_if(r->shares.begin(), r->shares.end(),
                                     [&](const auto& s) { return int(s.index) == idx; });
        ASSERT_NE(it, r->shares.end()) << e.row << "," << e.col;
        EXPECT_NEAR(it->areaM2, e.m2, 1e-6);
        EXPECT_EQ(it->shareOfPerimeter, e.ofPerimeter) << it->shareOfPerimeter.toString();
        EXPECT_EQ(it->shareOfMunicipality, e.ofMunicipality);
        EXPECT_EQ(it->key, map.municipalities[std::size_t(idx)].key);
    }
    EXPECT_EQ(r->outsideMm2, 0);
    EXPECT_EQ(sumOfShares(*r), Rate::one());
}

TEST(OverlapShares, PartOutsideEveryMunicipalityIsItsOwnShare) {
    const auto map = testing::regularGrid(2, 2);
    OverlapIndex index(map.municipalities);
    // Half of this square lies west of the map.
    const auto perimeter = Geometry::rectangle(Envelope::of(99000, 150000, 101000, 151000));
    auto r = index.shares(perimeter).value();
    ASSERT_EQ(r.shares.size(), 1u);
    EXPECT_EQ(r.shares[0].shareOfPerimeter, Rate(1, 2));
    EXPECT_EQ(r.outsideShare, Rate(1, 2));
    EXPECT_DOUBLE_EQ(r.outsideAreaM2, 1'000'000.0);
    EXPECT_EQ(r.shares[0].shareOfMunicipality, Rate::one());
}

TEST(OverlapShares, SharesOnAJitteredMapSumToTheWholeExactlyAndInDoubles) {
    GridMapOptions o;
    o.rows = 6;
    o.cols = 8;
    o.cellSize = 3000.0;
    o.seed = 5;
    const auto map = generateGridMap(o).value();
    OverlapIndex fast(map.municipalities);
    OverlapIndex slow(map.municipalities);
    slow.setConvexFastPath(false);
    PerimeterOptions po;
    po.count = 150;
    po.minSize = 500;
    po.maxSize = 9000;  // many span several municipalities
    po.concaveShare = 0.3;
    const Envelope inner = map.extent.expandedBy(-2000);
    const auto perimeters = generatePerimeters(inner, po);
    std::size_t multi = 0;
    for (const auto& p : perimeters) {
        auto a = fast.shares(p.geometry);
        auto b = slow.shares(p.geometry);
        ASSERT_TRUE(a.ok()) << a.error().message();
        ASSERT_TRUE(b.ok()) << b.error().message();
        double sum = a->outsideAreaM2;
        for (const auto& s : a->shares)
            sum += s.areaM2;
        EXPECT_NEAR(sum / a->perimeterAreaM2, 1.0, 1e-9) << p.key;
        EXPECT_EQ(sumOfShares(*a), Rate::one()) << p.key;
        EXPECT_EQ(sumOfShares(*b), Rate::one()) << p.key;
        std::int64_t mm2 = a->outsideMm2;
        for (const auto& s : a->shares)
            mm2 += s.areaMm2;
        EXPECT_EQ(mm2, a->perimeterMm2);
        // The fast path and GEOS agree on every part (well under a mm² apart, relative).
        ASSERT_EQ(a->shares.size(), b->shares.size()) << p.key;
        for (std::size_t k = 0; k < a->shares.size(); ++k) {
            EXPECT_EQ(a->shares[k].index, b->shares[k].index);
            EXPECT_NEAR(a->shares[k].areaM2, b->shares[k].areaM2, 1e-6 * a->perimeterAreaM2);
        }
        if (a->shares.size() > 1)
            ++multi;
    }
    EXPECT_GT(multi, 50u);  // the test really exercises split perimeters
}

TEST(OverlapShares, ConcaveAndHoledPerimetersUseGeos) {
    const auto map = testing::regularGrid(3, 3);
    OverlapIndex index(map.municipalities);
    // An L over the four south-west cells: cells (0,0), (0,1), (1,0) fully; not (1,1).
    auto l = Geometry::fromWkt(
                 "POLYGON ((100000 150000, 102000 150000, 102000 151000, 101000 151000, "
                 "101000 152000, 100000 152000, 100000 150000))")
                 .value();
    auto r = index.shares(l).value();
    ASSERT_EQ(r.shares.size(), 3u);
    for (const auto& s : r.shares) {
        EXPECT_EQ(s.shareOfPerimeter, Rate(1, 3));
        EXPECT_EQ(s.shareOfMunicipality, Rate::one());
    }
    // The 3 × 3 km block with the middle cell cut out.
    auto holed = Geometry::fromWkt(
                     "POLYGON ((100000 150000, 103000 150000, 103000 153000, 100000 153000, "
                     "100000 150000), (101000 151000, 101000 152000, 102000 152000, 102000 "
                     "151000, 101000 151000))")
                     .value();
    auto h = index.shares(holed).value();
    EXPECT_EQ(h.shares.size(), 8u);
    EXPECT_EQ(sumOfShares(h), Rate::one());
    for (const auto& s : h.shares)
        EXPECT_EQ(s.shareOfPerimeter, Rate(1, 8));
}

TEST(OverlapShares, BatchAndErrors) {
    const auto map = testing::regularGrid(2, 2);
    OverlapIndex index(map.municipalities);
    std::vector<Geometry> perimeters{
        Geometry::rectangle(Envelope::of(100000, 150000, 102000, 152000)),
        Geometry::rectangle(Envelope::of(100100, 150100, 100200, 150200))};
    auto all = index.shares(perimeters);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].shares.size(), 4u);
    EXPECT_EQ((*all)[1].shares.size(), 1u);
    EXPECT_EQ((*all)[1].shares[0].shareOfPerimeter, Rate::one());
    EXPECT_EQ((*all)[1].shares[0].shareOfMunicipality, Rate(1, 100));
    perimeters.push_back(Geometry());
    auto bad = index.shares(perimeters);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "geo.bad_perimeter");
    EXPECT_EQ(bad.error().where, "perimeter 3");
}

TEST(ApportionWhole, LargestRemainderWithDocumentedTieBreak) {
    const std::int64_t w[] = {1, 1, 1};
    auto parts = apportionWhole(100, w).value();
    EXPECT_EQ(parts, (std::vector<std::int64_t>{34, 33, 33}));
    const std::int64_t w2[] = {1, 2, 0};
    EXPECT_EQ(apportionWhole(10, w2).value(), (std::vector<std::int64_t>{3, 7, 0}));
    const std::int64_t zero[] = {0, 0};
    EXPECT_FALSE(apportionWhole(10, zero).ok());
}

}  // namespace
}  // namespace kk::geo
