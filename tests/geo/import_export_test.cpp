// Round trips import → export → import through GeoJSON (WGS 84), Shapefile (Lambert 72) and
// GeoPackage (Lambert 2008), plus the other readable sources: CSV with WKT, zipped Shapefile,
// TopoJSON.
#include <gtest/gtest.h>

#include <cpl_vsi.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/geo/crs.h"
#include "core/geo/export.h"
#include "core/geo/import.h"
#include "tests/geo/geo_test_util.h"

namespace kk::geo {
namespace {

using testing::TempDir;

constexpr double kMillimetre = 0.001;

std::map<std::string, std::string> expectedAttributes(const Feature& f) {
    auto a = f.attributes;
    a["key"] = f.key;
    a["name"] = f.name;
    return a;
}

void expectSameFeatures(const std::vector<Feature>& expected, const std::vector<Feature>& got,
                        const std::string& stage) {
    ASSERT_EQ(expected.size(), got.size()) << stage;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(got[i].key, expected[i].key) << stage;
        EXPECT_EQ(got[i].name, expected[i].name) << stage;
        EXPECT_EQ(got[i].attributes, expectedAttributes(expected[i])) << stage << " " << i;
        EXPECT_TRUE(got[i].geometry.almostEquals(expected[i].geometry, kMillimetre))
            << stage << ": feature " << got[i].key << " moved more than 1 mm";
    }
}

ImportOptions keyAndName() {
    ImportOptions o;
    o.keyField = "key";
    o.nameField = "name";
    return o;
}

void roundTrip(ExportFormat format, const std::string& fileName, const std::string& crs,
               int expectedEpsg) {
    GeoRuntime runtime;
    TempDir dir;
    const auto map = testing::smallJitteredMap();
    ExportOptions out;
    out.format = format;
    out.targetCrs = crs;
    const std::string first = dir.file("first-" + fileName);
    ASSERT_TRUE(exportFeatures(runtime, first, map.municipalities, out).ok());
    auto a = importAreas(runtime, first, keyAndName());
    ASSERT_TRUE(a.ok()) << a.error().message();
    EXPECT_EQ(epsgCodeOf(a->sourceCrs), expectedEpsg) << a->sourceCrs;
    EXPECT_TRUE(a->repairs.empty());
    expectSameFeatures(map.municipalities, a->features, "first import");

    const std::string second = dir.file("second-" + fileName);
    auto written = exportFeatures(runtime, second, a->features, out);
    ASSERT_TRUE(written.ok()) << written.error().message();
    auto b = importAreas(runtime, second, keyAndName());
    ASSERT_TRUE(b.ok()) << b.error().message();
    ASSERT_EQ(a->features.size(), b->features.size());
    for (std::size_t i = 0; i < a->features.size(); ++i) {
        EXPECT_EQ(a->features[i].attributes, b->features[i].attributes);
        EXPECT_TRUE(a->features[i].geometry.almostEquals(b->features[i].geometry, kMillimetre));
    }
}

TEST(ImportExport, GeoJsonInWgs84RoundTripsWithinAMillimetre) {
    roundTrip(ExportFormat::GeoJson, "areas.geojson", "", 4326);
}

TEST(ImportExport, ShapefileInLambert72RoundTripsWithinAMillimetre) {
    roundTrip(ExportFormat::Shapefile, "areas.shp", "EPSG:31370", 31370);
}

TEST(ImportExport, GeoPackageInLambert2008RoundTripsWithinAMillimetre) {
    roundTrip(ExportFormat::GeoPackage, "areas.gpkg", "EPSG:3812", 3812);
}

TEST(ImportExport, GeoJsonIsRfc7946Wgs84Only) {
    GeoRuntime runtime;
    TempDir dir;
    const auto map = testing::smallJitteredMap();
    ExportOptions out;
    out.format = ExportFormat::GeoJson;
    out.targetCrs = "EPSG:31370";
    auto r = exportFeatures(runtime, dir.file("x.geojson"), map.municipalities, out);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "geo.geojson_crs");
    auto text = featuresToGeoJson(runtime, map.municipalities);
    ASSERT_TRUE(text.ok()) << text.error().message();
    EXPECT_NE(text->find("\"FeatureCollection\""), std::string::npos);
    EXPECT_NE(text->find("\"key\": \"M0001\""), std::string::npos);
    EXPECT_EQ(text->find("\"crs\""), std::string::npos);  // RFC 7946 has no crs member
}

TEST(ImportExport, ExportRefusesToOverwriteUnlessAskedAndLeavesNoStagingBehind) {
    GeoRuntime runtime;
    TempDir dir;
    const auto map = testing::smallJitteredMap();
    const std::string path = dir.file("areas.gpkg");
    ASSERT_TRUE(exportFeatures(runtime, path, map.municipalities, {}).ok());
    auto again = exportFeatures(runtime, path, map.municipalities, {});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "geo.file_exists");
    ExportOptions overwrite;
    overwrite.overwrite = true;
    EXPECT_TRUE(exportFeatures(runtime, path, map.municipalities, overwrite).ok());
    std::size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        ++entries;
        EXPECT_EQ(e.path().filename(), "areas.gpkg");
    }
    EXPECT_EQ(entries, 1u);
    EXPECT_EQ(exportFormatForPath("a/b.GeoJSON").value(), ExportFormat::GeoJson);
    EXPECT_FALSE(exportFormatForPath("a/b.kml").ok());
}

TEST(ImportSources, CsvWithWktColumnAndDeclaredCrs) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("areas.csv");
    testing::writeText(path,
                       "nis,naam,WKT\n"
                       "11001,Aartselaar,\"POLYGON ((150000 170000, 151000 170000, 151000 "
                       "171000, 150000 171000, 150000 170000))\"\n"
                       "11002,Antwerpen,\"POLYGON ((151000 170000, 152000 170000, 152000 "
                       "171000, 151000 171000, 151000 170000))\"\n");
    ImportOptions o;
    o.keyField = "nis";
    o.nameField = "naam";
    o.sourceCrs = "EPSG:31370";
    auto r = importAreas(runtime, path, o);
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_EQ(r->features.size(), 2u);
    EXPECT_EQ(r->features[1].key, "11002");
    EXPECT_EQ(r->features[1].name, "Antwerpen");
    EXPECT_DOUBLE_EQ(r->features[0].geometry.area(), 1e6);
    EXPECT_EQ(r->features[0].attributes.count("WKT"), 0u);
}

TEST(ImportSources, ZippedShapefileIsReadThroughVsizip) {
    GeoRuntime runtime;
    TempDir dir;
    const auto map = testing::smallJitteredMap();
    ExportOptions out;
    out.format = ExportFormat::Shapefile;
    out.layerName = "gemeenten";
    ASSERT_TRUE(exportFeatures(runtime, dir.file("gemeenten.shp"), map.municipalities, out).ok());
    // Zip the four files with GDAL's /vsizip/ writer (the test machine may lack `zip`).
    const std::string zip = dir.file("gemeenten.zip");
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
        std::ifstream in(dir.file(std::string("gemeenten") + ext), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const std::string inner = "/vsizip/" + zip + "/gemeenten" + ext;
        VSILFILE* f = VSIFOpenL(inner.c_str(), "wb");
        ASSERT_NE(f, nullptr) << inner;
        ASSERT_EQ(VSIFWriteL(bytes.data(), 1, bytes.size(), f), bytes.size());
        VSIFCloseL(f);
    }
    auto r = importAreas(runtime, zip, keyAndName());
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->layer, "gemeenten");
    expectSameFeatures(map.municipalities, r->features, "zipped shapefile");
}

TEST(ImportSources, TopoJson) {
    GeoRuntime runtime;
    TempDir dir;
    const std::string path = dir.file("areas.topojson");
    testing::writeText(path, R"({"type":"Topology","objects":{"gemeenten":{
        "type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0,1]],"properties":{"nis":"23001","naam":"West"}},
        {"type":"Polygon","arcs":[[2,-1]],"properties":{"nis":"23002","naam":"Oost"}}]}},
        "arcs":[[[4.30,50.80],[4.30,50.85]],
                [[4.30,50.85],[4.25,50.85],[4.25,50.80],[4.30,50.80]],
                [[4.30,50.85],[4.35,50.85],[4.35,50.80],[4.30,50.80]]]})");
    ImportOptions o;
    o.keyField = "nis";
    o.nameField = "naam";
    o.sourceCrs = "EPSG:4326";
    auto r = importAreas(runtime, path, o);
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_EQ(r->features.size(), 2u);
    EXPECT_EQ(r->features[0].key, "23001");
    // 0.05° × 0.05° near 50.8° N is about 3.5 km × 5.6 km.
    EXPECT_NEAR(r->features[0].geometry.area(), 3.52e3 * 5.56e3, 0.05 * 3.52e3 * 5.56e3);
    EXPECT_NEAR(r->features[0].geometry.area(), r->features[1].geometry.area(),
                0.01 * r->features[0].geometry.area());
    auto layers = listLayers(runtime, path);
    ASSERT_TRUE(layers.ok());
    EXPECT_EQ(*layers, std::vector<std::string>{"gemeenten"});
}

}  // namespace
}  // namespace kk::geo
