// GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): header with SRS id and envelope, then WKB.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/base/error.h"
#include "core/geo/geometry.h"

namespace kk::geo {

/// A geometry read from a GeoPackage blob with the srs_id its header names.
struct GpkgGeometry {
    Geometry geometry;
    std::int32_t srsId = 0;
};

/// Encodes a standard GeoPackageBinary blob: "GP", version 0, little-endian header, an XY
/// envelope (absent and flagged empty for an empty geometry), then ISO WKB. This is what the
/// store writes into the `geom` column of a GeoPackage feature table.
std::vector<std::uint8_t> toGpkgBlob(const Geometry& geometry, std::int32_t srsId = kLambert72);

/// Decodes any standard GeoPackageBinary blob (either byte order, any envelope kind).
/// Errors name the byte offset; ExtendedGeoPackageBinary blobs are refused.
Result<GpkgGeometry> fromGpkgBlob(std::span<const std::uint8_t> blob);

}  // namespace kk::geo
