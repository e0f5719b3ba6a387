// GeoPackage binary geometry (header + ISO/extended WKB) to GeoJSON, with an optional
// coordinate transform. The server's own reader, so core/server does not depend on GDAL.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>

#include <nlohmann/json.hpp>

namespace kk::server {

/// Transforms one position in place (from the storage CRS, EPSG:31370, to the output CRS).
/// The integrator plugs core/geo's PROJ-backed transform to CRS84 here.
using CoordinateTransform = std::function<void(double& x, double& y)>;

/// An axis-aligned envelope.
struct Envelope {
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    bool intersects(const Envelope& o) const {
        return minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY;
    }
};

/// A GeoJSON geometry converted from a GeoPackage blob, with its envelope in the output CRS.
struct ConvertedGeometry {
    nlohmann::json geometry;           ///< GeoJSON geometry object, or null for an empty one
    std::optional<Envelope> envelope;  ///< absent for empty geometries
};

/// Converts a GeoPackage geometry blob. Returns nullopt when the blob is malformed (never
/// reads out of bounds; nesting and counts are bounded by the blob size). `transform` may be
/// empty (coordinates as stored).
std::optional<ConvertedGeometry> gpkgToGeoJson(std::span<const std::uint8_t> blob,
                                               const CoordinateTransform& transform);

}  // namespace kk::server
