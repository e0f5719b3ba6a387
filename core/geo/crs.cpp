// CrsTransform over OGRCoordinateTransformation (PROJ), with traditional GIS axis order.
#include "core/geo/crs.h"

#include "core/geo/ogr_private.h"

namespace kk::geo {

struct CrsTransform::Impl {
    std::unique_ptr<OGRSpatialReference> from;
    std::unique_ptr<OGRSpatialReference> to;
    detail::TransformPtr ct;  // null for the identity
    std::string fromText;
    std::string toText;
};

std::string epsgCrs(int code) {
    return "EPSG:" + std::to_string(code);
}

bool isKnownCrs(const std::string& crs) {
    return detail::makeSrs(crs) != nullptr;
}

int epsgCodeOf(const std::string& crs) {
    auto srs = detail::makeSrs(crs);
    if (!srs)
        return 0;
    const char* name = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (name == nullptr || code == nullptr || std::string(name) != "EPSG") {
        detail::CplErrorCapture capture;
        if (srs->AutoIdentifyEPSG() != OGRERR_NONE)
            return 0;
        code = srs->GetAuthorityCode(nullptr);
        if (code == nullptr)
            return 0;
    }
    return std::atoi(code);
}

CrsTransform::CrsTransform() : m_impl(std::make_unique<Impl>()) {}
CrsTransform::~CrsTransform() = default;
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;

Result<CrsTransform> CrsTransform::create(const std::string& fromCrs, const std::string& toCrs) {
    CrsTransform t;
    t.m_impl->fromText = fromCrs;
    t.m_impl->toText = toCrs;
    t.m_impl->from = detail::makeSrs(fromCrs);
    if (!t.m_impl->from)
        return makeError("geo.unknown_crs", "'" + fromCrs + "' is not a known CRS", {},
                         "give the CRS as EPSG:<code> (e.g. EPSG:31370), WKT or a PROJ string");
    t.m_impl->to = detail::makeSrs(toCrs);
    if (!t.m_impl->to)
        return makeError("geo.unknown_crs", "'" + toCrs + "' is not a known CRS", {},
                         "give the CRS as EPSG:<code> (e.g. EPSG:31370), WKT or a PROJ string");
    if (t.m_impl->from->IsSame(t.m_impl->to.get()))
        return t;
    detail::CplErrorCapture capture;
    t.m_impl->ct.reset(OGRCreateCoordinateTransformation(t.m_impl->from.get(), t.m_impl->to.get()));
    if (!t.m_impl->ct)
        return makeError(
            "geo.no_transformation",
            "no coordinate transformation from " + fromCrs + " to " + toCrs + ": " + capture.last(),
            {}, "check that PROJ's data files (proj-data) are installed");
    return t;
}

bool CrsTransform::isIdentity() const {
    return !m_impl->ct;
}

Result<Geometry> CrsTransform::apply(const Geometry& geometry) const {
    const OGRGeometry* g = GeometryAccess::ogr(geometry);
    if (g == nullptr || !m_impl->ct)
        return geometry;
    OGRGeometryUniquePtr copy(g->clone());
    detail::CplErrorCapture capture;
    if (copy->transform(m_impl->ct.get()) != OGRERR_NONE)
        return makeError("geo.transform_failed",
                         "coordinates could not be transformed from " + m_impl->fromText + " to " +
                             m_impl->toText + ": " + capture.last(),
                         {},
                         "check the declared CRS of the source: coordinates may be outside its "
                         "area of use");
    return GeometryAccess::wrap(std::move(copy));
}

Result<Point> CrsTransform::apply(const Point& point) const {
    if (!m_impl->ct)
        return point;
    double x = point.x;
    double y = point.y;
    detail::CplErrorCapture capture;
    if (!m_impl->ct->Transform(1, &x, &y))
        return makeError("geo.transform_failed",
                         "point (" + std::to_string(point.x) + ", " + std::to_string(point.y) +
                             ") could not be transformed from " + m_impl->fromText + " to " +
                             m_impl->toText,
                         {}, "check that the coordinates are in the declared CRS");
    return Point{x, y};
}

Result<Geometry> reproject(const Geometry& geometry, const std::string& fromCrs,
                           const std::string& toCrs) {
    auto t = CrsTransform::create(fromCrs, toCrs);
    if (!t)
        return t.error();
    return t->apply(geometry);
}

}  // namespace kk::geo
