// Geometry value type, CRS transforms and the envelope R-tree.
#include <gtest/gtest.h>

#include <cmath>

#include "core/geo/crs.h"
#include "core/geo/geometry.h"
#include "core/geo/spatial_index.h"

namespace kk::geo {
namespace {

TEST(Geometry, WktAndWkbRoundTripKeepTheCoordinates) {
    auto g =
        Geometry::fromWkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))");
    ASSERT_TRUE(g.ok()) << g.error().message();
    EXPECT_EQ(g->typeName(), "Polygon");
    EXPECT_DOUBLE_EQ(g->area(), 96.0);
    auto back = Geometry::fromWkb(g->toWkb());
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->almostEquals(*g, 0.0));
    auto again = Geometry::fromWkt(g->toWkt());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->almostEquals(*g, 0.0));
    EXPECT_EQ(g->pointCount(), 10u);
}

TEST(Geometry, BadWktAndWkbAreErrors) {
    auto bad = Geometry::fromWkt("POLYGON ((0 0, 1 1");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "geo.bad_wkt");
    const std::uint8_t junk[] = {1, 2, 3};
    EXPECT_FALSE(Geometry::fromWkb(junk).ok());
}

TEST(Geometry, EmptyAndCopies) {
    Geometry empty;
    EXPECT_TRUE(empty.isEmpty());
    EXPECT_TRUE(empty.envelope().isNull());
    EXPECT_EQ(empty.area(), 0.0);
    Geometry r = Geometry::rectangle(Envelope::of(0, 0, 4, 5));
    Geometry copy = r;
    Geometry moved = std::move(r);
    EXPECT_DOUBLE_EQ(copy.area(), 20.0);
    EXPECT_DOUBLE_EQ(moved.area(), 20.0);
    EXPECT_TRUE(r.isEmpty());  // NOLINT: a moved-from Geometry is empty and usable
}

TEST(Geometry, AlmostEqualsIgnoresOrientationAndStartButNotDistance) {
    auto a = Geometry::fromWkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))").value();
    auto b = Geometry::fromWkt("POLYGON ((10 10, 10 0, 0 0, 0 10, 10 10))").value();
    auto c = Geometry::fromWkt("POLYGON ((0 0, 10 0, 10 10.002, 0 10, 0 0))").value();
    EXPECT_TRUE(a.almostEquals(b, 1e-9));
    EXPECT_TRUE(a.almostEquals(c, 0.003));
    EXPECT_FALSE(a.almostEquals(c, 0.001));
}

TEST(Geometry, OverlayAndValidity) {
    auto a = Geometry::rectangle(Envelope::of(0, 0, 10, 10));
    auto b = Geometry::rectangle(Envelope::of(5, 5, 15, 15));
    EXPECT_DOUBLE_EQ(a.intersectionArea(b).value(), 25.0);
    EXPECT_DOUBLE_EQ(a.unionWith(b)->area(), 175.0);
    EXPECT_DOUBLE_EQ(a.difference(b)->area(), 75.0);
    EXPECT_TRUE(a.intersects(b));
    EXPECT_FALSE(a.contains(b));
    auto bowtie = Geometry::fromWkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))").value();
    EXPECT_FALSE(bowtie.isValid());
    EXPECT_NE(bowtie.invalidReason().find("Self-intersection"), std::string::npos)
        << bowtie.invalidReason();
    EXPECT_TRUE(a.isValid());
    EXPECT_EQ(a.invalidReason(), "");
}

TEST(Crs, Wgs84IsLongitudeLatitudeAndLambertRoundTripsToTheMillimetre) {
    auto toWgs = CrsTransform::create("EPSG:31370", "EPSG:4326");
    ASSERT_TRUE(toWgs.ok()) << toWgs.error().message();
    // A point in central Brussels in Lambert 72.
    const Point lambert{149000.0, 170000.0};
    auto wgs = toWgs->apply(lambert);
    ASSERT_TRUE(wgs.ok());
    EXPECT_NEAR(wgs->x, 4.35, 0.05);   // longitude first
    EXPECT_NEAR(wgs->y, 50.84, 0.05);  // latitude second
    auto back = CrsTransform::create("EPSG:4326", "EPSG:31370")->apply(*wgs);
    EXPECT_NEAR(back->x, lambert.x, 0.001);
    EXPECT_NEAR(back->y, lambert.y, 0.001);
    auto to2008 = CrsTransform::create("EPSG:31370", "EPSG:3812")->apply(lambert).value();
    EXPECT_NEAR(to2008.x - lambert.x, 500000.0, 100.0);  // Lambert 2008 false easting
    EXPECT_EQ(epsgCodeOf("EPSG:3812"), 3812);
    EXPECT_TRUE(CrsTransform::create("EPSG:31370", "EPSG:31370")->isIdentity());
    auto unknown = CrsTransform::create("EPSG:99999999", "EPSG:31370");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "geo.unknown_crs");
}

TEST(EnvelopeIndex, FindsExactlyWhatABruteForceScanFinds) {
    std::vector<Envelope> boxes;
    std::uint64_t s = 42;
    auto next = [&s] {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(s >> 11) / 9007199254740992.0;
    };
    for (int i = 0; i < 5000; ++i) {
        const double x = next() * 1000;
        const double y = next() * 1000;
        boxes.push_back(Envelope::of(x, y, x + next() * 20, y + next() * 20));
    }
    boxes.push_back(Envelope{});  // a null envelope is never found
    const EnvelopeIndex index(boxes);
    for (int q = 0; q < 200; ++q) {
        const double x = next() * 1000;
        const double y = next() * 1000;
        const Envelope box = Envelope::of(x, y, x + next() * 60, y + next() * 60);
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            if (boxes[i].intersects(box))
                expected.push_back(i);
        }
        EXPECT_EQ(index.query(box), expected);
    }
}

}  // namespace
}  // namespace kk::geo
