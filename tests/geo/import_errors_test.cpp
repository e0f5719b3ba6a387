// Bad input is refused with file, layer, feature and reason; all or nothing.
#include <gtest/gtest.h>

#include <gdal_priv.h>

#include <filesystem>

#include "core/geo/export.h"
#include "core/geo/import.h"
#include "tests/geo/geo_test_util.h"

namespace kk::geo {
namespace {

using testing::TempDir;

const char* kCsvHeader = "nis,naam,WKT\n";

std::string square(double x, double y, double size) {
    auto n = [](double v) { return std::to_string(v); };
    return "\"POLYGON ((" + n(x) + " " + n(y) + ", " + n(x + size) + " " + n(y) + ", " +
           n(x + size) + " " + n(y + size) + ", " + n(x) + " " + n(y + size) + ", " + n(x) + " " +
           n(y) + "))\"";
}

/// Three areas; the second is a bow-tie (self-intersecting at 150500 170500).
std::string csvWithBowtie() {
    return std::string(kCsvHeader) + "11001,Een," + square(149000, 169000, 1000) + "\n" +
           "11002,Twee,\"POLYGON ((150000 170000, 151000 171000, 151000 170000, 150000 171000, "
           "150000 170000))\"\n" +
           "11004,Drie," + square(152000, 169000, 1000) + "\n";
}

ImportOptions csvOptions() {
    ImportOptions o;
    o.keyField = "nis";
    o.nameField = "naam";
    o.sourceCrs = "EPSG:31370";
    return o;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(ImportErrors, FileWithoutCrsIsRefusedUnlessOneIsDeclared) {
    GeoRuntime runtime;
    TempDir dir;
    const auto map = testing::smallJitteredMap();
    ExportOptions out;
    out.format = ExportFormat::Shapefile;
    const std::string shp = dir.file("areas.shp");
    ASSERT_TRUE(exportFeatures(runtime, shp, map.municipalities, out).ok());
    std::filesystem::remove(dir.file("areas.prj"));
    ImportOptions o;
    o.keyField = "key";
    auto refused = importAreas(runtime, shp, o);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "geo.no_crs");
    EXPECT_TRUE(contains(refused.error().where, shp)) << refused.error().where;
    EXPECT_TRUE(contains(refused.error().where, "layer 'areas'")) << refused.error().where;
    EXPECT_TRUE(contains(refused.error().hint, "EPSG:31370"));
    o.sourceCrs = "EPSG:31370";
    auto accepted = importAreas(runtime, shp, o);
    ASSERT_TRUE(accepted.ok()) << accepted.error().message();
    EXPECT_EQ(accepted->features.size(), map.municipalities.size());
    EXPECT_TRUE(accepted->features[0].geometry.almostEquals(map.municipalities[0].geometry, 1e-6));
}

TEST(ImportErrors, SelfIntersectingPolygonIsRefusedWithRepairOff) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("bowtie.csv");
    testing::writeText(path, csvWithBowtie());
    auto r = importAreas(runtime, path, csvOptions());
    ASSERT_FALSE(r.ok());
    const Error& e = r.error();
    EXPECT_EQ(e.code, "geo.invalid_polygon");
    EXPECT_TRUE(contains(e.where, path));
    EXPECT_TRUE(contains(e.where, "layer 'bowtie'")) << e.where;
    EXPECT_TRUE(contains(e.where, "feature 2 (key 11002)")) << e.where;
    EXPECT_TRUE(contains(e.what, "Self-intersection")) << e.what;
    EXPECT_TRUE(contains(e.hint, "repair")) << e.hint;
}

TEST(ImportErrors, SelfIntersectingPolygonIsRepairedAndReportedWithRepairOn) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("bowtie.csv");
    testing::writeText(path, csvWithBowtie());
    auto o = csvOptions();
    o.repair = true;
    auto r = importAreas(runtime, path, o);
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_EQ(r->features.size(), 3u);
    ASSERT_EQ(r->repairs.size(), 1u);
    const RepairNote& note = r->repairs[0];
    EXPECT_EQ(note.featureNumber, 2u);
    EXPECT_EQ(note.key, "11002");
    EXPECT_TRUE(contains(note.reason, "Self-intersection")) << note.reason;
    EXPECT_TRUE(contains(note.action, "MultiPolygon of 2 parts")) << note.action;
    // The bow-tie's two triangles of 250,000 m² each.
    EXPECT_NEAR(note.areaAfter, 500000.0, 1e-6);
    const Geometry& fixed = r->features[1].geometry;
    EXPECT_TRUE(fixed.isValid());
    EXPECT_NEAR(fixed.area(), 500000.0, 1e-6);
}

TEST(ImportErrors, MissingKeyFieldNamesFileLayerAndTheAvailableFields) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("areas.csv");
    testing::writeText(path, std::string(kCsvHeader) + "11001,Een," + square(0, 0, 10) + "\n");
    auto o = csvOptions();
    o.keyField = "niscode";
    auto r = importAreas(runtime, path, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "geo.missing_key_field");
    EXPECT_TRUE(contains(r.error().what, "'niscode'"));
    EXPECT_TRUE(contains(r.error().what, "nis, naam")) << r.error().what;
    EXPECT_TRUE(contains(r.error().where, path));
    EXPECT_TRUE(contains(r.error().where, "layer 'areas'"));
}

TEST(ImportErrors, KeyRefusedByTheValidatorIsNamedWithFeatureAndField) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("areas.csv");
    testing::writeText(path, std::string(kCsvHeader) + "11001,Een," + square(0, 0, 10) + "\n" +
                                 "99999,Onbekend," + square(10, 0, 10) + "\n");
    auto o = csvOptions();
    o.validateKey = [](std::string_view key) -> std::optional<std::string> {
        if (key == "11001")
            return std::nullopt;
        return std::string("not a known NIS code");
    };
    auto r = importAreas(runtime, path, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "geo.key_refused");
    EXPECT_TRUE(contains(r.error().what, "99999 is refused: not a known NIS code"))
        << r.error().what;
    EXPECT_TRUE(contains(r.error().where, "feature 2 (key 99999), field 'nis'")) << r.error().where;
}

TEST(ImportErrors, DuplicateAndEmptyKeys) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("dup.csv");
    testing::writeText(path, std::string(kCsvHeader) + "11001,Een," + square(0, 0, 10) + "\n" +
                                 "11001,Twee," + square(10, 0, 10) + "\n");
    auto r = importAreas(runtime, path, csvOptions());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "geo.duplicate_key");
    EXPECT_TRUE(contains(r.error().where, "feature 2"));
    const std::string empty = dir.file("empty_key.csv");
    testing::writeText(empty, std::string(kCsvHeader) + ",Een," + square(0, 0, 10) + "\n");
    auto e = importAreas(runtime, empty, csvOptions());
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, "geo.empty_key");
}

TEST(ImportErrors, NonexistentEmptyAndGarbageFiles) {
    GeoRuntime runtime;
    TempDir dir;
    ImportOptions o;
    o.keyField = "key";
    auto missing = importAreas(runtime, dir.file("nope.gpkg"), o);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "geo.file_not_found");
    EXPECT_TRUE(contains(missing.error().where, "nope.gpkg"));

    const std::string empty = dir.file("empty.geojson");
    testing::writeText(empty, "");
    auto e = importAreas(runtime, empty, o);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, "geo.unreadable");

    const std::string garbage = dir.file("garbage.gpkg");
    testing::writeText(garbage, std::string(4096, '\x7f') + "not a geopackage");
    auto g = importAreas(runtime, garbage, o);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.error().code, "geo.unreadable");
    EXPECT_TRUE(contains(g.error().where, "garbage.gpkg"));
    EXPECT_FALSE(g.error().hint.empty());

    const std::string broken = dir.file("broken.geojson");
    testing::writeText(broken, R"({"type":"FeatureCollection","features":[{"type":"Feat)");
    EXPECT_FALSE(importAreas(runtime, broken, o).ok());
}

TEST(ImportErrors, PointsAreNotAreasAndSeveralLayersNeedAName) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string points = dir.file("points.csv");
    testing::writeText(points, "nis,WKT\n11001,\"POINT (1 2)\"\n");
    auto o = csvOptions();
    o.nameField.clear();
    auto r = importAreas(runtime, points, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "geo.not_polygon");
    EXPECT_TRUE(contains(r.error().where, "feature 1 (key 11001)"));

    const auto map = testing::smallJitteredMap();
    const std::string gpkg = dir.file("two.gpkg");
    ASSERT_TRUE(exportFeatures(runtime, gpkg, map.municipalities, {}).ok());
    {
        // exportFeatures writes one layer per file; add a second layer with GDAL directly.
        GDALDataset* ds = GDALDataset::FromHandle(
            GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
        ASSERT_NE(ds, nullptr);
        ASSERT_NE(ds->CopyLayer(ds->GetLayer(0), "other"), nullptr);
        GDALClose(GDALDataset::ToHandle(ds));
    }
    ImportOptions named;
    named.keyField = "key";
    auto ambiguous = importAreas(runtime, gpkg, named);
    ASSERT_FALSE(ambiguous.ok());
    EXPECT_EQ(ambiguous.error().code, "geo.ambiguous_layer");
    EXPECT_TRUE(contains(ambiguous.error().what, "areas, other")) << ambiguous.error().what;
    named.layer = "nope";
    auto unknown = importAreas(runtime, gpkg, named);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "geo.layer_not_found");
    EXPECT_TRUE(contains(unknown.error().what, "areas, other"));
    named.layer = "areas";
    EXPECT_TRUE(importAreas(runtime, gpkg, named).ok());
}

TEST(ImportErrors, CancelledImportReturnsNothing) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("areas.csv");
    testing::writeText(path, std::string(kCsvHeader) + "11001,Een," + square(0, 0, 10) + "\n");
    CallbackProgress progress(nullptr);
    progress.cancel();
    auto r = importAreas(runtime, path, csvOptions(), &progress);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "cancelled");
}

}  // namespace
}  // namespace kk::geo
