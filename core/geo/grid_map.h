// Generated geometry for tests, benchmarks and the demo: a synthetic map of municipalities in
// Lambert 72 around a synthetic Brussels region, and random project perimeters. Deterministic
// by seed on every platform (own random generator, no std distributions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/geo/feature.h"

namespace kk::geo {

struct GridMapOptions {
    int rows = 13;
    int cols = 24;
    double cellSize = 6500.0;         ///< m; the default map is 156 × 84.5 km
    Point origin{30000.0, 160000.0};  ///< south-west corner, EPSG:31370, inside Flanders
    double cornerJitter = 0.2;        ///< × cellSize, moves inner grid corners
    int edgeVertices = 3;             ///< extra vertices on every cell edge
    double edgeJitter = 0.05;         ///< × cellSize, sideways, for those vertices
    int brusselsRows = 2;             ///< central block merged into "Brussels" (0: none)
    int brusselsCols = 2;
    /// 0: every cell outside Brussels becomes a municipality; N: the first N cells in
    /// row-major order (the rest of the last rows is left off, like a ragged border).
    std::size_t municipalityCount = 0;
    std::uint64_t seed = 1;
    /// Keys for the municipalities in order; default "M0001", "M0002", ...
    std::vector<std::string> keys;
};

/// Cells meet only along shared edges (identical vertices) and at grid corners, where four
/// cells touch at one point, so diagonal neighbours touch only at a corner. The outer border
/// is the straight rectangle of the grid; the cells tile it without gaps or overlaps.
struct GridMap {
    GridMapOptions options;
    /// Attributes "row" and "col" give the grid cell; name is "Gemeente <key>".
    std::vector<Feature> municipalities;
    Feature brussels;  ///< key "BHG"; empty geometry when brusselsRows or brusselsCols is 0
    /// Six municipalities that share an edge with Brussels, for faciliteitengemeente-like tests.
    std::vector<std::string> facilityKeys;
    Envelope extent;
    /// Municipality index of a cell, or -1 (Brussels, left off, or outside the grid).
    int municipalityAt(int row, int col) const;

    std::vector<int> cellIndex;  ///< row-major: municipality index or -1
};

/// Errors: nonsense sizes, more keys wanted than cells, or jitter so large that a cell would
/// become invalid (the error names the cell).
Result<GridMap> generateGridMap(const GridMapOptions& options = {});

struct PerimeterOptions {
    std::size_t count = 100;
    double minSize = 300.0;   ///< m, across
    double maxSize = 4000.0;  ///< m, across
    /// Share of L-shaped (non-convex) perimeters; the others are rotated rectangles and
    /// ellipse-like convex polygons.
    double concaveShare = 0.25;
    std::uint64_t seed = 7;
};

/// Perimeters centred inside `within`, named "P00001", ... (key) with the geometry set.
std::vector<Feature> generatePerimeters(const Envelope& within, const PerimeterOptions& options);

}  // namespace kk::geo
