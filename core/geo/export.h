// Export of features to GeoPackage, GeoJSON (RFC 7946, WGS 84) and Shapefile files.
#pragma once

#include <span>
#include <string>

#include "core/base/error.h"
#include "core/geo/feature.h"
#include "core/geo/runtime.h"

namespace kk::geo {

enum class ExportFormat { GeoPackage, GeoJson, Shapefile };

struct ExportOptions {
    ExportFormat format = ExportFormat::GeoPackage;
    std::string layerName = "areas";
    /// CRS of the features handed in.
    std::string sourceCrs = "EPSG:31370";
    /// CRS to write. Empty: EPSG:31370 for GeoPackage and Shapefile, EPSG:4326 for GeoJSON.
    /// GeoJSON refuses anything but EPSG:4326 (RFC 7946).
    std::string targetCrs;
    /// Fields that receive Feature::key and Feature::name; every other attribute follows as a
    /// text field, in name order.
    std::string keyField = "key";
    std::string nameField = "name";
    /// Replace an existing file (off: an existing file is an error).
    bool overwrite = false;
};

/// The format implied by a file name: .gpkg, .geojson/.json, .shp (error otherwise).
Result<ExportFormat> exportFormatForPath(const std::string& path);

/// Writes all features to one layer of a new file. Written next to the target first and moved
/// into place when complete, so a failure leaves no half-written file. GeoJSON coordinates get
/// 9 decimals (0.1 mm), so a round trip through WGS 84 stays well within 1 mm.
Status exportFeatures(const GeoRuntime& runtime, const std::string& path,
                      std::span<const Feature> features, const ExportOptions& options);

/// The same features as one RFC 7946 GeoJSON FeatureCollection text (for the API server).
Result<std::string> featuresToGeoJson(const GeoRuntime& runtime, std::span<const Feature> features,
                                      const ExportOptions& options = {});

}  // namespace kk::geo
