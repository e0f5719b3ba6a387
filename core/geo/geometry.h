// Our own geometry value type: polygons of areas and perimeters, with no GDAL type in sight.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"

namespace kk::geo {

/// The CRS every stored geometry uses unless said otherwise: Belgian Lambert 72.
inline constexpr int kLambert72 = 31370;
/// Belgian Lambert 2008 (ETRS89).
inline constexpr int kLambert2008 = 3812;
/// WGS 84 longitude/latitude (GeoJSON per RFC 7946).
inline constexpr int kWgs84 = 4326;

struct Point {
    double x = 0.0;
    double y = 0.0;
    bool operator==(const Point&) const = default;
};

/// A closed ring: the last point repeats the first.
using Ring = std::vector<Point>;

/// One polygon as plain coordinates: an outer ring and zero or more holes.
struct PolygonRings {
    Ring outer;
    std::vector<Ring> holes;
};

/// An axis-aligned bounding box. A default-constructed envelope is null (contains nothing).
struct Envelope {
    double minX = 1.0;
    double minY = 1.0;
    double maxX = 0.0;
    double maxY = 0.0;

    static Envelope of(double minX, double minY, double maxX, double maxY) {
        return Envelope{minX, minY, maxX, maxY};
    }
    bool isNull() const { return minX > maxX || minY > maxY; }
    double width() const { return isNull() ? 0.0 : maxX - minX; }
    double height() const { return isNull() ? 0.0 : maxY - minY; }
    /// Closed-box test: boxes that only touch do intersect.
    bool intersects(const Envelope& o) const {
        return !isNull() && !o.isNull() && minX <= o.maxX && o.minX <= maxX && minY <= o.maxY &&
               o.minY <= maxY;
    }
    bool contains(const Envelope& o) const {
        return !isNull() && !o.isNull() && minX <= o.minX && o.maxX <= maxX && minY <= o.minY &&
               o.maxY <= maxY;
    }
    void expandToInclude(const Envelope& o);
    void expandToInclude(const Point& p);
    Envelope expandedBy(double margin) const;
};

/// An owning geometry value (polygonal in practice: areas and perimeters). Copying copies the
/// coordinates; a default-constructed Geometry is empty. Coordinates carry no CRS of their
/// own: inside Koppelkans every geometry is in EPSG:31370 unless a function says otherwise.
class Geometry {
  public:
    Geometry();
    ~Geometry();
    Geometry(const Geometry& other);
    Geometry& operator=(const Geometry& other);
    Geometry(Geometry&& other) noexcept;
    Geometry& operator=(Geometry&& other) noexcept;

    /// Parses OGC WKT ("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))").
    static Result<Geometry> fromWkt(std::string_view wkt);
    /// Parses ISO or OGC WKB, either byte order.
    static Result<Geometry> fromWkb(std::span<const std::uint8_t> wkb);
    /// A Polygon for one entry, a MultiPolygon for several. Rings are closed when they are not.
    static Geometry fromPolygons(const std::vector<PolygonRings>& polygons);
    static Geometry rectangle(const Envelope& box);

    std::string toWkt() const;
    /// ISO WKB, little endian (what GeoPackage blobs carry after their header).
    std::vector<std::uint8_t> toWkb() const;

    bool isEmpty() const;
    /// "Polygon", "MultiPolygon", ... ("Empty" when empty).
    std::string typeName() const;
    /// Polygon or MultiPolygon (empty counts as not polygonal).
    bool isPolygonal() const;
    Envelope envelope() const;
    /// Planar area in square units of the coordinates (m² in Lambert 72).
    double area() const;
    /// Number of vertices, over all rings and parts.
    std::size_t pointCount() const;
    /// The polygons as plain coordinates (non-polygonal parts are left out).
    std::vector<PolygonRings> polygons() const;

    /// OGC validity (GEOS). invalidReason() gives GEOS's explanation, e.g.
    /// "Self-intersection at or near point 5 5"; empty when valid.
    bool isValid() const;
    std::string invalidReason() const;

    bool intersects(const Geometry& other) const;
    bool contains(const Geometry& other) const;
    Result<Geometry> intersection(const Geometry& other) const;
    Result<Geometry> unionWith(const Geometry& other) const;
    Result<Geometry> difference(const Geometry& other) const;
    /// Area of the intersection without keeping it (0 when disjoint).
    Result<double> intersectionArea(const Geometry& other) const;

    /// True when both have the same polygons and rings, vertex for vertex within `tolerance`
    /// (after normalising ring orientation and start vertex, so a GeoJSON or Shapefile round
    /// trip that reorders rings still compares equal).
    bool almostEquals(const Geometry& other, double tolerance) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    friend struct GeometryAccess;
};

}  // namespace kk::geo
