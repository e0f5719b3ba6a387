// Import of areas (municipalities, project perimeters) from any vector file GDAL reads.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/geo/feature.h"
#include "core/geo/runtime.h"

namespace kk::geo {

/// Returns a reason when a key is refused (e.g. "not a known NIS code"), nothing when accepted.
using KeyValidator = std::function<std::optional<std::string>(std::string_view key)>;

struct ImportOptions {
    /// Layer to read; empty means "the only layer" (a file with several layers is refused and
    /// the error lists them).
    std::string layer;
    /// Field holding the key (NIS code, project key). Required.
    std::string keyField;
    /// Field holding the display name; empty means none (Feature::name stays empty).
    std::string nameField;
    /// CRS of the coordinates when the file declares none (CSV, a Shapefile without .prj),
    /// e.g. "EPSG:31370". A CRS declared by the file always wins. A file without CRS is refused
    /// when this is empty.
    std::string sourceCrs;
    /// Repair invalid polygons with MakeValid and report each repair (off: refuse them).
    bool repair = false;
    /// CSV only: the column holding WKT geometry (default: a column named WKT).
    std::string wktField;
    /// Refuse two features with the same key.
    bool uniqueKeys = true;
    /// Optional check of every key, e.g. against the municipality reference list.
    KeyValidator validateKey;
    /// CRS of the imported geometries.
    std::string targetCrs = "EPSG:31370";
};

/// One repaired feature: which, why it was invalid, and what the repair changed.
struct RepairNote {
    std::size_t featureNumber = 0;  ///< 1-based position in the layer
    std::string key;
    std::string reason;       ///< GEOS's reason, e.g. "Self-intersection at or near point 5 5"
    double areaBefore = 0.0;  ///< m², of the invalid polygon as OGR measures it
    double areaAfter = 0.0;   ///< m², after the repair
    std::string action;       ///< what MakeValid did, in words
};

struct ImportResult {
    std::vector<Feature> features;
    std::vector<RepairNote> repairs;
    std::string layer;                ///< the layer that was read
    std::string sourceCrs;            ///< the CRS the coordinates were read in (WKT or EPSG:xxxx)
    std::vector<std::string> fields;  ///< every attribute field of the layer
    std::vector<std::string> warnings;
};

/// Reads every feature of one layer, reprojects to options.targetCrs and validates. All or
/// nothing: either every feature comes back or an Error naming the file, layer, feature
/// (1-based number and key), field and reason. Accepts Shapefile (also zipped: a .zip path
/// is read through /vsizip/), GeoPackage, GeoJSON, TopoJSON, CSV with a WKT column and any
/// other vector format of the installed GDAL. Progress may be null; cancelling returns an
/// error with code "cancelled".
Result<ImportResult> importAreas(const GeoRuntime& runtime, const std::string& path,
                                 const ImportOptions& options, Progress* progress = nullptr);

/// The layer names of a vector file (for a layer picker).
Result<std::vector<std::string>> listLayers(const GeoRuntime& runtime, const std::string& path);

}  // namespace kk::geo
