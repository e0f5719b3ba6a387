// Sutherland–Hodgman clipping against a convex polygon, used for areas only: for a half-plane
// the clipped ring's signed area is the integral of the ring's winding number over the
// half-plane, so degenerate edges along the clip line add nothing and non-convex subjects
// (municipalities) are measured exactly.
#include "core/geo/convex_clip.h"

#include <algorithm>
#include <cmath>

namespace kk::geo::detail {
namespace {

double cross(const Point& o, const Point& a, const Point& b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

int signOf(double v) {
    return v > 0 ? 1 : (v < 0 ? -1 : 0);
}

}  // namespace

std::optional<ConvexPolygon> asConvex(const std::vector<PolygonRings>& polygons) {
    if (polygons.size() != 1 || !polygons[0].holes.empty())
        return std::nullopt;
    std::vector<Point> ring = polygons[0].outer;
    if (ring.size() > 1 && ring.front() == ring.back())
        ring.pop_back();
    // Drop repeated and collinear vertices.
    std::vector<Point> v;
    for (const auto& p : ring) {
        if (v.empty() || !(v.back() == p))
            v.push_back(p);
    }
    if (v.size() > 1 && v.front() == v.back())
        v.pop_back();
    bool changed = true;
    while (changed && v.size() >= 3) {
        changed = false;
        for (std::size_t i = 0; i < v.size() && v.size() >= 3; ++i) {
            const Point& a = v[(i + v.size() - 1) % v.size()];
            const Point& c = v[(i + 1) % v.size()];
            if (cross(a, v[i], c) == 0.0) {
                v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
                changed = true;
                break;
            }
        }
    }
    if (v.size() < 3)
        return std::nullopt;
    const std::size_t n = v.size();
    int turn = 0;
    int dxChanges = 0;
    int dyChanges = 0;
    int lastDx = 0;
    int lastDy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Point& a = v[i];
        const Point& b = v[(i + 1) % n];
        const Point& c = v[(i + 2) % n];
        const int s = signOf(cross(a, b, c));
        if (turn == 0)
            turn = s;
        else if (s != 0 && s != turn)
            return std::nullopt;
        // A simple convex ring changes x- and y-direction exactly twice each; a star that turns
        // one way all along (a pentagram) changes more often.
        const int dx = signOf(b.x - a.x);
        const int dy = signOf(b.y - a.y);
        if (dx != 0) {
            if (lastDx != 0 && dx != lastDx)
                ++dxChanges;
            lastDx = dx;
        }
        if (dy != 0) {
            if (lastDy != 0 && dy != lastDy)
                ++dyChanges;
            lastDy = dy;
        }
    }
    // Close the direction sequences around the ring.
    for (std::size_t i = 0; i < n; ++i) {
        const int dx = signOf(v[(i + 1) % n].x - v[i].x);
        if (dx != 0) {
            if (dx != lastDx)
                ++dxChanges;
            break;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const int dy = signOf(v[(i + 1) % n].y - v[i].y);
        if (dy != 0) {
            if (dy != lastDy)
                ++dyChanges;
            break;
        }
    }
    if (turn == 0 || dxChanges > 2 || dyChanges > 2)
        return std::nullopt;
    ConvexPolygon out;
    if (turn < 0)
        std::reverse(v.begin(), v.end());
    out.vertices = std::move(v);
    for (const auto& p : out.vertices)
        out.box.expandToInclude(p);
    return out;
}

bool insideConvex(const ConvexPolygon& clip, const Point& p) {
    const std::size_t n = clip.vertices.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (cross(clip.vertices[i], clip.vertices[(i + 1) % n], p) < 0)
            return false;
    }
    return true;
}

namespace {

void appendFan(std::vector<Point> ring, bool ccw,
               std::vector<std::pair<ConvexPolygon, double>>& out) {
    if (ring.size() > 1 && ring.front() == ring.back())
        ring.pop_back();
    if (ring.size() < 3)
        return;
    const Point origin = ring.front();
    if ((signedRingArea(ring, origin) > 0) != ccw)
        std::reverse(ring.begin(), ring.end());
    const Point& o = ring.front();
    for (std::size_t k = 1; k + 1 < ring.size(); ++k) {
        const double c = cross(o, ring[k], ring[k + 1]);
        if (c == 0.0)
            continue;
        ConvexPolygon t;
        if (c > 0)
            t.vertices = {o, ring[k], ring[k + 1]};
        else
            t.vertices = {o, ring[k + 1], ring[k]};
        for (const auto& p : t.vertices)
            t.box.expandToInclude(p);
        out.emplace_back(std::move(t), c > 0 ? 1.0 : -1.0);
    }
}

}  // namespace

std::vector<std::pair<ConvexPolygon, double>> fanTriangles(
    const std::vector<PolygonRings>& polygons) {
    std::vector<std::pair<ConvexPolygon, double>> out;
    for (const auto& poly : polygons) {
        appendFan(poly.outer, true, out);
        for (const auto& hole : poly.holes)
            appendFan(hole, false, out);
    }
    return out;
}

double signedRingArea(const std::vector<Point>& ring, const Point& origin) {
    const std::size_t n = ring.size();
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const Point& a = ring[i];
        const Point& b = ring[(i + 1) % n];
        s += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y);
    }
    return s / 2.0;
}

double clippedRingArea(const std::vector<Point>& ring, const ConvexPolygon& clip,
                       const Point& origin, std::vector<Point>& scratchA,
                       std::vector<Point>& scratchB) {
    // Work in shifted coordinates throughout for precision.
    scratchA.clear();
    for (const auto& p : ring)
        scratchA.push_back(Point{p.x - origin.x, p.y - origin.y});
    const std::size_t m = clip.vertices.size();
    for (std::size_t e = 0; e < m && !scratchA.empty(); ++e) {
        const Point a{clip.vertices[e].x - origin.x, clip.vertices[e].y - origin.y};
        const Point b{clip.vertices[(e + 1) % m].x - origin.x,
                      clip.vertices[(e + 1) % m].y - origin.y};
        scratchB.clear();
        const std::size_t n = scratchA.size();
        for (std::size_t i = 0; i < n; ++i) {
            const Point& cur = scratchA[i];
            const Point& nxt = scratchA[(i + 1) % n];
            const double dc = cross(a, b, cur);
            const double dn = cross(a, b, nxt);
            if (dc >= 0)
                scratchB.push_back(cur);
            if ((dc >= 0) != (dn >= 0)) {
                const double t = dc / (dc - dn);
                scratchB.push_back(Point{cur.x + t * (nxt.x - cur.x), cur.y + t * (nxt.y - cur.y)});
            }
        }
        std::swap(scratchA, scratchB);
    }
    return signedRingArea(scratchA, Point{0.0, 0.0});
}

}  // namespace kk::geo::detail
