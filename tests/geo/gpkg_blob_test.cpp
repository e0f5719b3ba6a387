// GeoPackage geometry blobs: header layout, round trip, and refusal of damaged blobs.
#include <gtest/gtest.h>

#include <cstring>

#include "core/geo/gpkg_blob.h"

namespace kk::geo {
namespace {

double readDouble(const std::vector<std::uint8_t>& b, std::size_t at) {
    double v;
    std::memcpy(&v, b.data() + at, 8);  // the test machine is little endian, like the blob
    return v;
}

TEST(GpkgBlob, HeaderHasMagicFlagsSrsAndEnvelope) {
    const auto g = Geometry::rectangle(Envelope::of(100, 200, 300, 450));
    const auto blob = toGpkgBlob(g, 31370);
    ASSERT_GE(blob.size(), 40u);
    EXPECT_EQ(blob[0], 'G');
    EXPECT_EQ(blob[1], 'P');
    EXPECT_EQ(blob[2], 0);
    EXPECT_EQ(blob[3], 0x03);  // little endian, envelope kind 1, not empty
    std::int32_t srs;
    std::memcpy(&srs, blob.data() + 4, 4);
    EXPECT_EQ(srs, 31370);
    EXPECT_EQ(readDouble(blob, 8), 100.0);   // minx
    EXPECT_EQ(readDouble(blob, 16), 300.0);  // maxx
    EXPECT_EQ(readDouble(blob, 24), 200.0);  // miny
    EXPECT_EQ(readDouble(blob, 32), 450.0);  // maxy
    EXPECT_EQ(blob[40], 1);                  // WKB little endian byte order marker
    EXPECT_EQ(blob.size(), 40u + g.toWkb().size());
}

TEST(GpkgBlob, RoundTripsGeometryAndSrs) {
    auto g = Geometry::fromWkt(
                 "MULTIPOLYGON (((0 0, 5 0, 5 5, 0 5, 0 0)), ((10 10, 12 10, 12 12, 10 10)))")
                 .value();
    auto back = fromGpkgBlob(toGpkgBlob(g, 3812));
    ASSERT_TRUE(back.ok()) << back.error().message();
    EXPECT_EQ(back->srsId, 3812);
    EXPECT_TRUE(back->geometry.almostEquals(g, 0.0));
}

TEST(GpkgBlob, EmptyGeometryIsFlaggedWithoutEnvelope) {
    const auto blob = toGpkgBlob(Geometry(), 31370);
    EXPECT_EQ(blob[3] & 0x10, 0x10);
    EXPECT_EQ((blob[3] >> 1) & 0x07, 0);
    auto back = fromGpkgBlob(blob);
    ASSERT_TRUE(back.ok()) << back.error().message();
    EXPECT_TRUE(back->geometry.isEmpty());
}

TEST(GpkgBlob, ReadsBigEndianHeadersAndOtherEnvelopeKinds) {
    const auto g = Geometry::rectangle(Envelope::of(1, 2, 3, 4));
    const auto wkb = g.toWkb();
    // Big-endian header, envelope kind 2 (xyz: 48 bytes of zeros are fine for a reader).
    std::vector<std::uint8_t> blob{'G', 'P', 0,    static_cast<std::uint8_t>(2 << 1),
                                   0,   0,   0x0c, 0x1c};  // 3100 big endian
    blob.resize(8 + 48, 0);
    blob.insert(blob.end(), wkb.begin(), wkb.end());
    auto back = fromGpkgBlob(blob);
    ASSERT_TRUE(back.ok()) << back.error().message();
    EXPECT_EQ(back->srsId, 3100);
    EXPECT_DOUBLE_EQ(back->geometry.area(), 4.0);
}

TEST(GpkgBlob, DamagedBlobsAreRefusedWithTheOffset) {
    const auto good = toGpkgBlob(Geometry::rectangle(Envelope::of(0, 0, 1, 1)));
    auto badMagic = good;
    badMagic[0] = 'X';
    auto r1 = fromGpkgBlob(badMagic);
    ASSERT_FALSE(r1.ok());
    EXPECT_EQ(r1.error().code, "geo.bad_gpkg_blob");
    EXPECT_EQ(r1.error().where, "byte 0");
    std::vector<std::uint8_t> truncated(good.begin(), good.begin() + 20);
    EXPECT_FALSE(fromGpkgBlob(truncated).ok());
    std::vector<std::uint8_t> badWkb(good.begin(), good.begin() + 45);
    auto r3 = fromGpkgBlob(badWkb);
    ASSERT_FALSE(r3.ok());
    EXPECT_EQ(r3.error().where, "byte 40");
    auto extended = good;
    extended[3] |= 0x20;
    EXPECT_FALSE(fromGpkgBlob(extended).ok());
}

}  // namespace
}  // namespace kk::geo
