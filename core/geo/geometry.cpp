// Geometry on top of OGR: construction, WKT/WKB, measures, predicates and overlay operations.
#include "core/geo/geometry.h"

#include <algorithm>
#include <cmath>

#include "core/geo/ogr_private.h"

namespace kk::geo {

struct Geometry::Impl {
    OGRGeometryUniquePtr geom;  // null when empty
};

const OGRGeometry* GeometryAccess::ogr(const Geometry& g) {
    const auto* p = g.m_impl->geom.get();
    return (p != nullptr && !p->IsEmpty()) ? p : nullptr;
}

Geometry GeometryAccess::wrap(OGRGeometryUniquePtr g) {
    Geometry out;
    out.m_impl->geom = std::move(g);
    return out;
}

void Envelope::expandToInclude(const Envelope& o) {
    if (o.isNull())
        return;
    if (isNull()) {
        *this = o;
        return;
    }
    minX = std::min(minX, o.minX);
    minY = std::min(minY, o.minY);
    maxX = std::max(maxX, o.maxX);
    maxY = std::max(maxY, o.maxY);
}

void Envelope::expandToInclude(const Point& p) {
    expandToInclude(Envelope{p.x, p.y, p.x, p.y});
}

Envelope Envelope::expandedBy(double margin) const {
    if (isNull())
        return *this;
    return Envelope{minX - margin, minY - margin, maxX + margin, maxY + margin};
}

namespace {

double ogrArea(const OGRGeometry* g) {
    if (g == nullptr)
        return 0.0;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon:
        case wkbCurvePolygon:
            return g->toSurface()->get_Area();
        case wkbMultiPolygon:
        case wkbMultiSurface:
        case wkbGeometryCollection:
            return g->toGeometryCollection()->get_Area();
        default:
            return 0.0;
    }
}

Ring ringOf(const OGRLinearRing* ring) {
    Ring out;
    out.reserve(static_cast<std::size_t>(ring->getNumPoints()));
    for (int i = 0; i < ring->getNumPoints(); ++i)
        out.push_back(Point{ring->getX(i), ring->getY(i)});
    return out;
}

void appendPolygon(const OGRPolygon* poly, std::vector<PolygonRings>& out) {
    if (poly->IsEmpty())
        return;
    PolygonRings rings;
    rings.outer = ringOf(poly->getExteriorRing());
    for (int i = 0; i < poly->getNumInteriorRings(); ++i)
        rings.holes.push_back(ringOf(poly->getInteriorRing(i)));
    out.push_back(std::move(rings));
}

void collectPolygons(const OGRGeometry* g, std::vector<PolygonRings>& out) {
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon:
            appendPolygon(g->toPolygon(), out);
            break;
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const auto* part : g->toGeometryCollection())
                collectPolygons(part, out);
            break;
        default:
            break;
    }
}

std::unique_ptr<OGRLinearRing> makeRing(const Ring& ring) {
    auto out = std::make_unique<OGRLinearRing>();
    for (const auto& p : ring)
        out->addPoint(p.x, p.y);
    if (!ring.empty() && !(ring.front() == ring.back()))
        out->addPoint(ring.front().x, ring.front().y);
    return out;
}

std::unique_ptr<OGRPolygon> makePolygon(const PolygonRings& rings) {
    auto poly = std::make_unique<OGRPolygon>();
    poly->addRingDirectly(makeRing(rings.outer).release());
    for (const auto& hole : rings.holes)
        poly->addRingDirectly(makeRing(hole).release());
    return poly;
}

Error overlayError(const char* op, const std::string& detail) {
    return makeError("geo.overlay_failed", std::string("geometry ") + op + " failed: " + detail, {},
                     "check the geometries with a validity report and repair them");
}

using OverlayFn = OGRGeometry* (OGRGeometry::*)(const OGRGeometry*) const;

Result<Geometry> overlay(const Geometry& a, const Geometry& b, OverlayFn fn, const char* name,
                         bool emptyIfAEmpty, bool keepAIfBEmpty) {
    const OGRGeometry* ga = GeometryAccess::ogr(a);
    const OGRGeometry* gb = GeometryAccess::ogr(b);
    if (ga == nullptr)
        return emptyIfAEmpty ? Geometry() : b;
    if (gb == nullptr)
        return keepAIfBEmpty ? a : Geometry();
    detail::CplErrorCapture capture;
    OGRGeometryUniquePtr result((ga->*fn)(gb));
    if (!result)
        return overlayError(name, capture.last());
    return GeometryAccess::wrap(std::move(result));
}

double signedArea(const Ring& r) {
    double s = 0.0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i)
        s += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return s / 2.0;
}

/// Open (no repeated closing point), counter-clockwise copy of a ring.
Ring normalisedRing(Ring r) {
    if (r.size() > 1 && r.front() == r.back())
        r.pop_back();
    if (signedArea(r) < 0)
        std::reverse(r.begin(), r.end());
    return r;
}

bool ringsAlmostEqual(const Ring& a, const Ring& b, double tol) {
    if (a.size() != b.size())
        return false;
    const std::size_t n = a.size();
    if (n == 0)
        return true;
    auto close = [tol](const Point& p, const Point& q) {
        return std::hypot(p.x - q.x, p.y - q.y) <= tol;
    };
    for (std::size_t start = 0; start < n; ++start) {
        if (!close(a[0], b[start]))
            continue;
        bool all = true;
        for (std::size_t i = 1; i < n && all; ++i)
            all = close(a[i], b[(start + i) % n]);
        if (all)
            return true;
    }
    return false;
}

bool polygonsAlmostEqual(const PolygonRings& a, const PolygonRings& b, double tol) {
    if (a.holes.size() != b.holes.size())
        return false;
    if (!ringsAlmostEqual(normalisedRing(a.outer), normalisedRing(b.outer), tol))
        return false;
    std::vector<bool> used(b.holes.size(), false);
    for (const auto& ha : a.holes) {
        const Ring na = normalisedRing(ha);
        bool found = false;
        for (std::size_t j = 0; j < b.holes.size() && !found; ++j) {
            if (!used[j] && ringsAlmostEqual(na, normalisedRing(b.holes[j]), tol))
                used[j] = found = true;
        }
        if (!found)
            return false;
    }
    return true;
}

}  // namespace

Geometry::Geometry() : m_impl(std::make_unique<Impl>()) {}
Geometry::~Geometry() = default;

Geometry::Geometry(const Geometry& other) : m_impl(std::make_unique<Impl>()) {
    if (other.m_impl && other.m_impl->geom)
        m_impl->geom.reset(other.m_impl->geom->clone());
}

Geometry& Geometry::operator=(const Geometry& other) {
    if (this != &other) {
        Geometry copy(other);
        std::swap(m_impl, copy.m_impl);
    }
    return *this;
}

// A moved-from Geometry stays usable (empty): moves swap in a fresh Impl.
Geometry::Geometry(Geometry&& other) noexcept : m_impl(std::make_unique<Impl>()) {
    std::swap(m_impl, other.m_impl);
}

Geometry& Geometry::operator=(Geometry&& other) noexcept {
    std::swap(m_impl, other.m_impl);
    return *this;
}

Result<Geometry> Geometry::fromWkt(std::string_view wkt) {
    const std::string text(wkt);
    OGRGeometry* raw = nullptr;
    detail::CplErrorCapture capture;
    const OGRErr err = OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &raw);
    OGRGeometryUniquePtr g(raw);
    if (err != OGRERR_NONE || !g) {
        std::string shown = text.substr(0, 60);
        if (text.size() > 60)
            shown += "...";
        return makeError("geo.bad_wkt", "'" + shown + "' is not valid WKT", {},
                         "write geometries as OGC WKT, e.g. POLYGON ((0 0, 1 0, 1 1, 0 0))");
    }
    return GeometryAccess::wrap(std::move(g));
}

Result<Geometry> Geometry::fromWkb(std::span<const std::uint8_t> wkb) {
    OGRGeometry* raw = nullptr;
    detail::CplErrorCapture capture;
    std::size_t consumed = 0;
    const OGRErr err = OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size(),
                                                         wkbVariantIso, consumed);
    OGRGeometryUniquePtr g(raw);
    if (err != OGRERR_NONE || !g)
        return makeError("geo.bad_wkb",
                         "the " + std::to_string(wkb.size()) + " bytes are not valid WKB", {},
                         "the geometry blob is damaged; import the area again");
    return GeometryAccess::wrap(std::move(g));
}

Geometry Geometry::fromPolygons(const std::vector<PolygonRings>& polygons) {
    if (polygons.empty())
        return Geometry();
    if (polygons.size() == 1)
        return GeometryAccess::wrap(OGRGeometryUniquePtr(makePolygon(polygons[0]).release()));
    auto multi = std::make_unique<OGRMultiPolygon>();
    for (const auto& p : polygons)
        multi->addGeometryDirectly(makePolygon(p).release());
    return GeometryAccess::wrap(OGRGeometryUniquePtr(multi.release()));
}

Geometry Geometry::rectangle(const Envelope& b) {
    if (b.isNull())
        return Geometry();
    return fromPolygons({PolygonRings{
        {{b.minX, b.minY}, {b.maxX, b.minY}, {b.maxX, b.maxY}, {b.minX, b.maxY}, {b.minX, b.minY}},
        {}}});
}

std::string Geometry::toWkt() const {
    const OGRGeometry* g = GeometryAccess::ogr(*this);
    if (g == nullptr)
        return "GEOMETRYCOLLECTION EMPTY";
    OGRWktOptions options;
    options.variant = wkbVariantIso;
    options.round = false;
    options.precision = 17;
    OGRErr err = OGRERR_NONE;
    return g->exportToWkt(options, &err);
}

std::vector<std::uint8_t> Geometry::toWkb() const {
    const OGRGeometry* g = m_impl->geom.get();
    if (g == nullptr) {
        OGRGeometryCollection empty;
        std::vector<std::uint8_t> out(static_cast<std::size_t>(empty.WkbSize()));
        empty.exportToWkb(wkbNDR, out.data(), wkbVariantIso);
        return out;
    }
    std::vector<std::uint8_t> out(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, out.data(), wkbVariantIso);
    return out;
}

bool Geometry::isEmpty() const {
    return GeometryAccess::ogr(*this) == nullptr;
}

std::string Geometry::typeName() const {
    const OGRGeometry* g = GeometryAccess::ogr(*this);
    if (g == nullptr)
        return "Empty";
    return detail::typeNameOf(g->getGeometryType());
}

bool Geometry::isPolygonal() const {
    const OGRGeometry* g = GeometryAccess::ogr(*this);
    if (g == nullptr)
        return false;
    const auto t = wkbFlatten(g->getGeometryType());
    return t == wkbPolygon || t == wkbMultiPolygon;
}

Envelope Geometry::envelope() const {
    const OGRGeometry* g = GeometryAccess::ogr(*this);
    if (g == nullptr)
        return Envelope{};
    OGREnvelope e;
    g->getEnvelope(&e);
    return Envelope{e.MinX, e.MinY, e.MaxX, e.MaxY};
}

double Geometry::area() const {
    return ogrArea(GeometryAccess::ogr(*this));
}

std::size_t Geometry::pointCount() const {
    std::size_t n = 0;
    for (const auto& p : polygons()) {
        n += p.outer.size();
        for (const auto& h : p.holes)
            n += h.size();
    }
    return n;
}

std::vector<PolygonRings> Geometry::polygons() const {
    std::vector<PolygonRings> out;
    if (const OGRGeometry* g = GeometryAccess::ogr(*this))
        collectPolygons(g, out);
    return out;
}

bool Geometry::isValid() const {
    const OGRGeometry* g = GeometryAccess::ogr(*this);
    if (g == nullptr)
        return true;
    detail::CplErrorCapture capture;  // GEOS explains invalidity through a CPL warning
    return g->IsValid() != FALSE;
}

std::string Geometry::invalidReason() const {
    const OGRGeometry* g = GeometryAccess::ogr(*this);
    if (g == nullptr)
        return {};
    detail::CplErrorCapture capture;
    if (g->IsValid() != FALSE)
        return {};
    const std::string reason = capture.last();
    return reason.empty() ? std::string("invalid geometry (no detail from GEOS)") : reason;
}

bool Geometry::intersects(const Geometry& other) const {
    const OGRGeometry* a = GeometryAccess::ogr(*this);
    const OGRGeometry* b = GeometryAccess::ogr(other);
    if (a == nullptr || b == nullptr)
        return false;
    detail::CplErrorCapture capture;
    return a->Intersects(b) != FALSE;
}

bool Geometry::contains(const Geometry& other) const {
    const OGRGeometry* a = GeometryAccess::ogr(*this);
    const OGRGeometry* b = GeometryAccess::ogr(other);
    if (a == nullptr || b == nullptr)
        return false;
    detail::CplErrorCapture capture;
    return a->Contains(b) != FALSE;
}

Result<Geometry> Geometry::intersection(const Geometry& other) const {
    return overlay(*this, other, &OGRGeometry::Intersection, "intersection", true, false);
}

Result<Geometry> Geometry::unionWith(const Geometry& other) const {
    return overlay(*this, other, &OGRGeometry::Union, "union", false, true);
}

Result<Geometry> Geometry::difference(const Geometry& other) const {
    return overlay(*this, other, &OGRGeometry::Difference, "difference", true, true);
}

Result<double> Geometry::intersectionArea(const Geometry& other) const {
    if (!envelope().intersects(other.envelope()))
        return 0.0;
    auto inter = intersection(other);
    if (!inter)
        return inter.error();
    return inter->area();
}

bool Geometry::almostEquals(const Geometry& other, double tolerance) const {
    const auto pa = polygons();
    const auto pb = other.polygons();
    if (pa.size() != pb.size())
        return false;
    std::vector<bool> used(pb.size(), false);
    for (const auto& a : pa) {
        bool found = false;
        for (std::size_t j = 0; j < pb.size() && !found; ++j) {
            if (!used[j] && polygonsAlmostEqual(a, pb[j], tolerance))
                used[j] = found = true;
        }
        if (!found)
            return false;
    }
    return true;
}

}  // namespace kk::geo
