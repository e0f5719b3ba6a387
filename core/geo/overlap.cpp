// OverlapIndex: candidate search in an STR tree, a convex clipping fast path, GEOS otherwise,
// then largest-remainder rounding to whole mm² so the exact shares add up to one.
#include "core/geo/overlap.h"

#include <algorithm>
#include <cmath>

#include "core/geo/convex_clip.h"
#include "core/geo/ogr_private.h"
#include "core/geo/spatial_index.h"

namespace kk::geo {

struct OverlapIndex::Impl {
    std::vector<Feature> municipalities;
    std::vector<double> areas;
    std::vector<std::int64_t> areasMm2;
    std::vector<Envelope> boxes;
    /// Rings per municipality, open, outer rings CCW and holes CW.
    std::vector<std::vector<std::vector<Point>>> rings;
    std::vector<std::size_t> vertexCounts;
    std::vector<detail::PreparedPtr> prepared;
    EnvelopeIndex index;
    // Reused buffers (hence not thread-safe).
    mutable std::vector<std::size_t> candidates;
    mutable std::vector<Point> scratchA;
    mutable std::vector<Point> scratchB;
};

namespace {

std::vector<Point> orientedOpen(const Ring& ring, bool ccw) {
    std::vector<Point> out(ring.begin(), ring.end());
    if (out.size() > 1 && out.front() == out.back())
        out.pop_back();
    const double s = detail::signedRingArea(out, out.empty() ? Point{} : out.front());
    if ((s > 0) != ccw)
        std::reverse(out.begin(), out.end());
    return out;
}

/// Parts below half a mm² are floating-point noise of clipping or overlay along a shared
/// boundary; they would round to 0 mm² anyway.
constexpr double kNoiseM2 = 0.5 / kMm2PerM2;

std::int64_t toMm2(double m2) {
    return std::llround(std::max(0.0, m2) * kMm2PerM2);
}

}  // namespace

OverlapIndex::OverlapIndex(std::vector<Feature> municipalities) : m_impl(std::make_unique<Impl>()) {
    auto& d = *m_impl;
    d.municipalities = std::move(municipalities);
    const std::size_t n = d.municipalities.size();
    d.areas.resize(n);
    d.areasMm2.resize(n);
    d.boxes.resize(n);
    d.rings.resize(n);
    d.prepared.resize(n);
    d.vertexCounts.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Geometry& g = d.municipalities[i].geometry;
        d.areas[i] = g.area();
        d.areasMm2[i] = toMm2(d.areas[i]);
        d.boxes[i] = g.envelope();
        for (const auto& poly : g.polygons()) {
            d.rings[i].push_back(orientedOpen(poly.outer, true));
            for (const auto& hole : poly.holes)
                d.rings[i].push_back(orientedOpen(hole, false));
        }
        for (const auto& ring : d.rings[i])
            d.vertexCounts[i] += ring.size();
        d.prepared[i] = detail::prepare(GeometryAccess::ogr(g));
    }
    d.index.build(d.boxes);
}

OverlapIndex::~OverlapIndex() = default;

const std::vector<Feature>& OverlapIndex::municipalities() const {
    return m_impl->municipalities;
}

double OverlapIndex::municipalityArea(std::size_t index) const {
    return m_impl->areas.at(index);
}

Result<std::vector<std::pair<std::size_t, double>>> OverlapIndex::intersectionAreas(
    const Geometry& perimeter) const {
    auto& d = *m_impl;
    std::vector<std::pair<std::size_t, double>> out;
    const Envelope box = perimeter.envelope();
    d.index.query(box, d.candidates);
    if (d.candidates.empty())
        return out;
    const std::vector<PolygonRings> polys = perimeter.polygons();
    std::size_t perimeterVertices = 0;
    for (const auto& poly : polys) {
        perimeterVertices += poly.outer.size();
        for (const auto& h : poly.holes)
            perimeterVertices += h.size();
    }
    std::size_t candidateVertices = 0;
    for (std::size_t i : d.candidates)
        candidateVertices += d.vertexCounts[i];
    // Clipping costs about (perimeter vertices × municipality vertices); past this budget
    // GEOS's O((n + m) log(n + m)) overlay wins.
    constexpr std::size_t kClipBudget = 2'000'000;
    const bool clip = m_fastPath && perimeterVertices * candidateVertices <= kClipBudget;
    const Point origin{box.minX, box.minY};
    std::optional<detail::ConvexPolygon> convex;
    if (clip)
        convex = detail::asConvex(polys);
    if (convex) {
        for (std::size_t i : d.candidates) {
            // A municipality whose envelope lies inside the convex perimeter lies inside it.
            const Envelope& mb = d.boxes[i];
            if (detail::insideConvex(*convex, {mb.minX, mb.minY}) &&
                detail::insideConvex(*convex, {mb.maxX, mb.minY}) &&
                detail::insideConvex(*convex, {mb.maxX, mb.maxY}) &&
                detail::insideConvex(*convex, {mb.minX, mb.maxY})) {
                out.emplace_back(i, d.areas[i]);
                continue;
            }
            double a = 0.0;
            for (const auto& ring : d.rings[i])
                a += detail::clippedRingArea(ring, *convex, origin, d.scratchA, d.scratchB);
            if (a >= kNoiseM2)
                out.emplace_back(i, a);
        }
        return out;
    }
    if (clip) {
        // Any other polygon: its winding number is the signed sum of the winding numbers of the
        // fan triangles (v0, v_k, v_k+1) of each ring (outer rings CCW, holes CW), so
        // area(P ∩ M) = Σ ± area(triangle ∩ M), each triangle being convex.
        const auto fan = detail::fanTriangles(polys);
        for (std::size_t i : d.candidates) {
            double a = 0.0;
            for (const auto& [triangle, sign] : fan) {
                if (!triangle.box.intersects(d.boxes[i]))
                    continue;
                double t = 0.0;
                for (const auto& ring : d.rings[i])
                    t += detail::clippedRingArea(ring, triangle, origin, d.scratchA, d.scratchB);
                a += sign * t;
            }
            if (a >= kNoiseM2)
                out.emplace_back(i, a);
        }
        return out;
    }
    const OGRGeometry* p = GeometryAccess::ogr(perimeter);
    const double perimeterArea = perimeter.area();
    detail::CplErrorCapture capture;
    for (std::size_t i : d.candidates) {
        const OGRGeometry* m = GeometryAccess::ogr(d.municipalities[i].geometry);
        if (m == nullptr)
            continue;
        OGRGeometryH ph = OGRGeometry::ToHandle(const_cast<OGRGeometry*>(p));
        if (d.prepared[i]) {
            if (!OGRPreparedGeometryIntersects(d.prepared[i].get(), ph))
                continue;
            if (OGRPreparedGeometryContains(d.prepared[i].get(), ph)) {
                out.emplace_back(i, perimeterArea);
                continue;
            }
        }
        OGRGeometryUniquePtr inter(p->Intersection(m));
        if (!inter)
            return makeError("geo.overlay_failed",
                             "the intersection with municipality " + d.municipalities[i].key +
                                 " failed: " + capture.last(),
                             "municipality " + d.municipalities[i].key,
                             "check both geometries for validity");
        const double a = GeometryAccess::wrap(std::move(inter)).area();
        if (a >= kNoiseM2)
            out.emplace_back(i, a);
    }
    return out;
}

Result<OverlapShares> OverlapIndex::shares(const Geometry& perimeter) const {
    if (perimeter.isEmpty() || !perimeter.isPolygonal())
        return makeError("geo.bad_perimeter", "the perimeter is not a polygon", {},
                         "draw or import the perimeter as a polygon");
    OverlapShares out;
    out.perimeterAreaM2 = perimeter.area();
    out.perimeterMm2 = toMm2(out.perimeterAreaM2);
    if (out.perimeterMm2 <= 0)
        return makeError("geo.bad_perimeter", "the perimeter has no area", {},
                         "check the perimeter's coordinates");
    auto areas = intersectionAreas(perimeter);
    if (!areas)
        return areas.error();
    double inside = 0.0;
    std::vector<std::int64_t> weights;
    for (const auto& [i, a] : *areas) {
        inside += a;
        weights.push_back(toMm2(a));
    }
    out.outsideAreaM2 = std::max(0.0, out.perimeterAreaM2 - inside);
    if (out.outsideAreaM2 < kNoiseM2)
        out.outsideAreaM2 = 0.0;
    weights.push_back(toMm2(out.outsideAreaM2));
    auto parts = apportionWhole(out.perimeterMm2, weights);
    if (!parts)
        return parts.error();
    const auto& p = *parts;
    for (std::size_t k = 0; k < areas->size(); ++k) {
        const auto [i, a] = (*areas)[k];
        MunicipalityShare s;
        s.index = i;
        s.key = m_impl->municipalities[i].key;
        s.areaM2 = a;
        s.areaMm2 = p[k];
        s.shareOfPerimeter = Rate(p[k], out.perimeterMm2);
        const std::int64_t whole = m_impl->areasMm2[i];
        s.shareOfMunicipality = whole > 0 ? Rate(std::min(p[k], whole), whole) : Rate();
        out.shares.push_back(std::move(s));
    }
    out.outsideMm2 = p.back();
    out.outsideShare = Rate(out.outsideMm2, out.perimeterMm2);
    return out;
}

Result<std::vector<OverlapShares>> OverlapIndex::shares(std::span<const Geometry> perimeters,
                                                        Progress* progress) const {
    std::vector<OverlapShares> out;
    out.reserve(perimeters.size());
    for (std::size_t k = 0; k < perimeters.size(); ++k) {
        if (progress != nullptr && k % 512 == 0) {
            if (progress->cancelled())
                return makeError("cancelled", "the overlap computation was cancelled");
            progress->step(static_cast<std::int64_t>(k),
                           static_cast<std::int64_t>(perimeters.size()), "overlap shares");
        }
        auto one = shares(perimeters[k]);
        if (!one) {
            Error e = one.error();
            e.where =
                "perimeter " + std::to_string(k + 1) + (e.where.empty() ? "" : ", " + e.where);
            return e;
        }
        out.push_back(std::move(one).value());
    }
    return out;
}

Result<std::vector<std::int64_t>> apportionWhole(std::int64_t total,
                                                 std::span<const std::int64_t> weights) {
    __int128 sum = 0;
    for (auto w : weights) {
        if (w < 0)
            return makeError("geo.negative_weight", "an area to apportion is negative");
        sum += w;
    }
    if (sum == 0)
        return makeError("geo.zero_weights", "there is nothing to apportion over");
    std::vector<std::int64_t> parts(weights.size());
    std::vector<__int128> remainders(weights.size());
    __int128 given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const __int128 q = static_cast<__int128>(total) * weights[i];
        parts[i] = static_cast<std::int64_t>(q / sum);
        remainders[i] = q % sum;
        given += parts[i];
    }
    std::vector<std::size_t> order(weights.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (remainders[a] != remainders[b])
            return remainders[a] > remainders[b];
        return weights[a] > weights[b];
    });
    auto left = static_cast<std::int64_t>(static_cast<__int128>(total) - given);
    for (std::size_t k = 0; left > 0; k = (k + 1) % order.size(), --left)
        ++parts[order[k]];
    return parts;
}

}  // namespace kk::geo
