// GridMap: a jittered grid tessellation built edge by edge, so neighbours share exact vertices.
#include "core/geo/grid_map.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace kk::geo {
namespace {

/// SplitMix64 finaliser: a well-mixed, platform-independent hash of a 64-bit value.
std::uint64_t mix(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// A uniform number in [0, 1) determined by the seed and a few integers.
double unit(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0,
            std::uint64_t d = 0) {
    std::uint64_t h = mix(seed);
    h = mix(h ^ a);
    h = mix(h ^ (b + 0x1234567ULL));
    h = mix(h ^ (c + 0x89abcdefULL));
    h = mix(h ^ (d + 0x13579bdfULL));
    return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

/// Symmetric in [-1, 1).
double signedUnit(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c,
                  std::uint64_t d) {
    return 2.0 * unit(seed, a, b, c, d) - 1.0;
}

enum Salt : std::uint64_t { kCornerX = 1, kCornerY, kEdgeH, kEdgeV };

class Builder {
  public:
    explicit Builder(const GridMapOptions& o) : m_o(o) {}

    Point corner(int r, int c) const {
        double x = m_o.origin.x + c * m_o.cellSize;
        double y = m_o.origin.y + r * m_o.cellSize;
        const bool innerX = c > 0 && c < m_o.cols;
        const bool innerY = r > 0 && r < m_o.rows;
        const double j = m_o.cornerJitter * m_o.cellSize;
        // Corners on the border move only along it, so the map stays a rectangle.
        if (innerX)
            x += j * signedUnit(m_o.seed, kCornerX, std::uint64_t(r), std::uint64_t(c), 0);
        if (innerY)
            y += j * signedUnit(m_o.seed, kCornerY, std::uint64_t(r), std::uint64_t(c), 0);
        return Point{x, y};
    }

    /// Interior vertices of the edge from corner (r, c) to (r, c+1) (horizontal) or to
    /// (r+1, c) (vertical), in that direction.
    std::vector<Point> edge(bool horizontal, int r, int c) const {
        const Point a = corner(r, c);
        const Point b = horizontal ? corner(r, c + 1) : corner(r + 1, c);
        const bool onBorder = horizontal ? (r == 0 || r == m_o.rows) : (c == 0 || c == m_o.cols);
        const double dx = b.x - a.x;
        const double dy = b.y - a.y;
        const double len = std::hypot(dx, dy);
        std::vector<Point> out;
        const int n = m_o.edgeVertices;
        for (int k = 1; k <= n; ++k) {
            const double t = double(k) / double(n + 1);
            double off = 0.0;
            if (!onBorder)
                off = m_o.edgeJitter * m_o.cellSize *
                      signedUnit(m_o.seed, horizontal ? kEdgeH : kEdgeV, std::uint64_t(r),
                                 std::uint64_t(c), std::uint64_t(k));
            out.push_back(Point{a.x + t * dx - off * dy / len, a.y + t * dy + off * dx / len});
        }
        return out;
    }

    void appendEdge(Ring& ring, bool horizontal, int r, int c, bool reversed) const {
        auto pts = edge(horizontal, r, c);
        if (reversed)
            std::reverse(pts.begin(), pts.end());
        ring.insert(ring.end(), pts.begin(), pts.end());
    }

    Ring cell(int r, int c) const {
        Ring ring;
        ring.push_back(corner(r, c));
        appendEdge(ring, true, r, c, false);
        ring.push_back(corner(r, c + 1));
        appendEdge(ring, false, r, c + 1, false);
        ring.push_back(corner(r + 1, c + 1));
        appendEdge(ring, true, r + 1, c, true);
        ring.push_back(corner(r + 1, c));
        appendEdge(ring, false, r, c, true);
        ring.push_back(corner(r, c));
        return ring;
    }

    /// Outline of the block of cells rows [r0, r1) × cols [c0, c1), counter-clockwise.
    Ring block(int r0, int r1, int c0, int c1) const {
        Ring ring;
        for (int c = c0; c < c1; ++c) {
            ring.push_back(corner(r0, c));
            appendEdge(ring, true, r0, c, false);
        }
        for (int r = r0; r < r1; ++r) {
            ring.push_back(corner(r, c1));
            appendEdge(ring, false, r, c1, false);
        }
        for (int c = c1; c > c0; --c) {
            ring.push_back(corner(r1, c));
            appendEdge(ring, true, r1, c - 1, true);
        }
        for (int r = r1; r > r0; --r) {
            ring.push_back(corner(r, c0));
            appendEdge(ring, false, r - 1, c0, true);
        }
        ring.push_back(corner(r0, c0));
        return ring;
    }

  private:
    const GridMapOptions& m_o;
};

std::string defaultKey(std::size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "M%04zu", i + 1);
    return buf;
}

}  // namespace

int GridMap::municipalityAt(int row, int col) const {
    if (row < 0 || col < 0 || row >= options.rows || col >= options.cols)
        return -1;
    return cellIndex[static_cast<std::size_t>(row * options.cols + col)];
}

Result<GridMap> generateGridMap(const GridMapOptions& o) {
    if (o.rows < 1 || o.cols < 1 || o.cellSize <= 0 || o.edgeVertices < 0 || o.cornerJitter < 0 ||
        o.cornerJitter >= 0.5 || o.edgeJitter < 0 || o.brusselsRows < 0 || o.brusselsCols < 0 ||
        o.brusselsRows > o.rows || o.brusselsCols > o.cols)
        return makeError("geo.grid_options",
                         "the grid map options are out of range (rows, cols ≥ 1, cell size > 0, "
                         "0 ≤ corner jitter < 0.5, Brussels block inside the grid)",
                         "GridMapOptions", "use the defaults or smaller values");
    GridMap map;
    map.options = o;
    const Builder builder(o);
    const bool hasBrussels = o.brusselsRows > 0 && o.brusselsCols > 0;
    const int r0 = (o.rows - o.brusselsRows) / 2;
    const int c0 = (o.cols - o.brusselsCols) / 2;
    auto inBrussels = [&](int r, int c) {
        return hasBrussels && r >= r0 && r < r0 + o.brusselsRows && c >= c0 &&
               c < c0 + o.brusselsCols;
    };
    const std::size_t available =
        std::size_t(o.rows) * std::size_t(o.cols) -
        (hasBrussels ? std::size_t(o.brusselsRows) * std::size_t(o.brusselsCols) : 0);
    const std::size_t wanted = o.municipalityCount == 0 ? available : o.municipalityCount;
    if (wanted > available)
        return makeError("geo.grid_too_small",
                         "the grid has " + std::to_string(available) + " cells outside Brussels, " +
                             std::to_string(wanted) + " municipalities were asked for",
                         "GridMapOptions", "add rows or columns");
    if (!o.keys.empty() && o.keys.size() < wanted)
        return makeError("geo.grid_keys", "fewer keys than municipalities", "GridMapOptions.keys",
                         "give one key per municipality");
    map.cellIndex.assign(std::size_t(o.rows) * std::size_t(o.cols), -1);
    for (int r = 0; r < o.rows; ++r) {
        for (int c = 0; c < o.cols; ++c) {
            if (inBrussels(r, c) || map.municipalities.size() >= wanted)
                continue;
            const std::size_t i = map.municipalities.size();
            Feature f;
            f.key = o.keys.empty() ? defaultKey(i) : o.keys[i];
            f.name = "Gemeente " + f.key;
            f.attributes["row"] = std::to_string(r);
            f.attributes["col"] = std::to_string(c);
            f.geometry = Geometry::fromPolygons({PolygonRings{builder.cell(r, c), {}}});
            if (!f.geometry.isValid())
                return makeError("geo.grid_invalid_cell",
                                 "cell row " + std::to_string(r) + ", column " + std::to_string(c) +
                                     " is invalid: " + f.geometry.invalidReason(),
                                 "GridMapOptions", "lower cornerJitter or edgeJitter");
            map.cellIndex[std::size_t(r * o.cols + c)] = static_cast<int>(i);
            map.municipalities.push_back(std::move(f));
        }
    }
    map.brussels.key = "BHG";
    map.brussels.name = "Brussels Hoofdstedelijk Gewest (synthetic)";
    if (hasBrussels) {
        map.brussels.geometry = Geometry::fromPolygons(
            {PolygonRings{builder.block(r0, r0 + o.brusselsRows, c0, c0 + o.brusselsCols), {}}});
        // The facility municipalities: cells sharing an edge with the block, in a fixed order
        // (south side, north side, west side, east side), the first six.
        std::vector<std::pair<int, int>> ring;
        for (int c = c0; c < c0 + o.brusselsCols; ++c)
            ring.emplace_back(r0 - 1, c);
        for (int c = c0; c < c0 + o.brusselsCols; ++c)
            ring.emplace_back(r0 + o.brusselsRows, c);
        for (int r = r0; r < r0 + o.brusselsRows; ++r)
            ring.emplace_back(r, c0 - 1);
        for (int r = r0; r < r0 + o.brusselsRows; ++r)
            ring.emplace_back(r, c0 + o.brusselsCols);
        for (const auto& [r, c] : ring) {
            const int i = map.municipalityAt(r, c);
            if (i >= 0 && map.facilityKeys.size() < 6)
                map.facilityKeys.push_back(map.municipalities[std::size_t(i)].key);
        }
    }
    map.extent = Envelope{o.origin.x, o.origin.y, o.origin.x + o.cols * o.cellSize,
                          o.origin.y + o.rows * o.cellSize};
    return map;
}

std::vector<Feature> generatePerimeters(const Envelope& within, const PerimeterOptions& o) {
    std::vector<Feature> out;
    out.reserve(o.count);
    constexpr double kPi = std::numbers::pi;
    for (std::size_t i = 0; i < o.count; ++i) {
        const auto id = std::uint64_t(i);
        const double cx = within.minX + unit(o.seed, id, 1) * within.width();
        const double cy = within.minY + unit(o.seed, id, 2) * within.height();
        const double size = o.minSize + unit(o.seed, id, 3) * (o.maxSize - o.minSize);
        const double angle = unit(o.seed, id, 4) * kPi;
        const double shapePick = unit(o.seed, id, 5);
        const double aspect = 0.4 + 0.6 * unit(o.seed, id, 6);
        const double h = size / 2.0;
        std::vector<Point> local;
        if (shapePick < o.concaveShare) {
            local = {{-h, -h}, {h, -h}, {h, 0}, {0, 0}, {0, h}, {-h, h}};  // an L
        } else if (unit(o.seed, id, 7) < 0.5) {
            local = {{-h, -h * aspect}, {h, -h * aspect}, {h, h * aspect}, {-h, h * aspect}};
        } else {
            constexpr int kVertices = 12;
            for (int k = 0; k < kVertices; ++k) {
                const double t = 2.0 * kPi * k / kVertices;
                local.push_back(Point{h * std::cos(t), h * aspect * std::sin(t)});
            }
        }
        Ring ring;
        const double ca = std::cos(angle);
        const double sa = std::sin(angle);
        for (const auto& p : local)
            ring.push_back(Point{cx + p.x * ca - p.y * sa, cy + p.x * sa + p.y * ca});
        ring.push_back(ring.front());
        char key[32];
        std::snprintf(key, sizeof key, "P%05zu", i + 1);
        Feature f;
        f.key = key;
        f.name = std::string("Perimeter ") + key;
        f.geometry = Geometry::fromPolygons({PolygonRings{std::move(ring), {}}});
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace kk::geo
