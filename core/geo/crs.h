// Coordinate reference systems: reprojection between any CRS PROJ knows, in GIS axis order.
#pragma once

#include <memory>
#include <string>

#include "core/base/error.h"
#include "core/geo/geometry.h"

namespace kk::geo {

/// "EPSG:31370" for 31370.
std::string epsgCrs(int code);

/// True when PROJ understands the text ("EPSG:3812", WKT, PROJ string).
bool isKnownCrs(const std::string& crs);

/// The EPSG code of a CRS description, or 0 when it has none.
int epsgCodeOf(const std::string& crs);

/// A reusable transformation between two CRSs. Coordinates are always x = easting/longitude,
/// y = northing/latitude (traditional GIS order), whatever axis order the EPSG definition
/// declares: EPSG:4326 is taken as (lon, lat), as GeoJSON, Shapefiles and QGIS do.
class CrsTransform {
  public:
    static Result<CrsTransform> create(const std::string& fromCrs, const std::string& toCrs);
    ~CrsTransform();
    CrsTransform(CrsTransform&&) noexcept;
    CrsTransform& operator=(CrsTransform&&) noexcept;

    /// Identity when both CRSs are the same (no coordinates are touched).
    bool isIdentity() const;
    Result<Geometry> apply(const Geometry& geometry) const;
    Result<Point> apply(const Point& point) const;

  private:
    CrsTransform();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// One-off reprojection; prefer CrsTransform for many geometries.
Result<Geometry> reproject(const Geometry& geometry, const std::string& fromCrs,
                           const std::string& toCrs);

}  // namespace kk::geo
