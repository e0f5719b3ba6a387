// Private to core/geo: intersection areas with a convex polygon by Sutherland–Hodgman clipping.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/geo/geometry.h"

namespace kk::geo::detail {

/// A convex polygon as an open, counter-clockwise vertex list (no repeated closing point).
struct ConvexPolygon {
    std::vector<Point> vertices;
    Envelope box;
};

/// The polygon as convex, or nothing when it is not one simple convex polygon without holes
/// (collinear vertices are allowed and dropped).
std::optional<ConvexPolygon> asConvex(const std::vector<PolygonRings>& polygons);

/// True when p is inside or on the boundary of the convex polygon.
bool insideConvex(const ConvexPolygon& clip, const Point& p);

/// Signed area of (ring ∩ clip) for one ring given open (no closing point). The sign follows
/// the ring's orientation, so outer rings oriented CCW and holes CW sum to the area of the
/// polygon ∩ clip. Coordinates are shifted by `origin` first to keep the shoelace sums small.
/// `scratchA`/`scratchB` are reused buffers.
double clippedRingArea(const std::vector<Point>& ring, const ConvexPolygon& clip,
                       const Point& origin, std::vector<Point>& scratchA,
                       std::vector<Point>& scratchB);

/// The fan triangles (v0, v_k, v_k+1) of every ring (outer rings taken CCW, holes CW), each
/// as a CCW convex polygon with the sign of its original orientation (+1 or -1). Degenerate
/// triangles are left out. Σ sign × (indicator of triangle) is the polygon's winding number.
std::vector<std::pair<ConvexPolygon, double>> fanTriangles(
    const std::vector<PolygonRings>& polygons);

/// Signed shoelace area of an open ring after shifting by origin.
double signedRingArea(const std::vector<Point>& ring, const Point& origin);

}  // namespace kk::geo::detail
