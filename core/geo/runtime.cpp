// GeoRuntime and the small GDAL plumbing every core/geo source shares (error capture, SRS).
#include "core/geo/runtime.h"

#include <mutex>

#include "core/geo/ogr_private.h"

namespace kk::geo {
namespace {

void CPL_STDCALL runtimeHandler(CPLErr level, CPLErrorNum, const char* msg) {
    if (level == CE_Debug || level == CE_None)
        return;
    const auto* runtime = static_cast<const GeoRuntime*>(CPLGetErrorHandlerUserData());
    if (runtime != nullptr)
        runtime->log(level == CE_Warning ? "warning" : "error", msg != nullptr ? msg : "");
}

}  // namespace

GeoRuntime::GeoRuntime(LogSink sink) : m_sink(std::move(sink)) {
    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });
    // The returned previous handler is restored in the destructor. CPLSetErrorHandlerEx keeps
    // one process-wide handler; our user data points at this runtime.
    m_previousUserData = CPLGetErrorHandlerUserData();
    m_previousHandler =
        reinterpret_cast<void*>(CPLSetErrorHandlerEx(runtimeHandler, static_cast<void*>(this)));
}

GeoRuntime::~GeoRuntime() {
    CPLSetErrorHandlerEx(reinterpret_cast<CPLErrorHandler>(m_previousHandler), m_previousUserData);
}

std::string GeoRuntime::gdalVersion() const {
    return GDALVersionInfo("RELEASE_NAME");
}

bool GeoRuntime::hasDriver(std::string_view shortName) const {
    return GDALGetDriverByName(std::string(shortName).c_str()) != nullptr;
}

void GeoRuntime::log(std::string_view level, std::string_view message) const {
    if (m_sink)
        m_sink(level, message);
}

namespace detail {

PreparedPtr prepare(const OGRGeometry* g) {
    if (g == nullptr)
        return nullptr;
    return PreparedPtr(
        OGRCreatePreparedGeometry(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g))));
}

std::string typeNameOf(OGRwkbGeometryType type) {
    switch (wkbFlatten(type)) {
        case wkbPoint:
            return "Point";
        case wkbLineString:
            return "LineString";
        case wkbPolygon:
            return "Polygon";
        case wkbMultiPoint:
            return "MultiPoint";
        case wkbMultiLineString:
            return "MultiLineString";
        case wkbMultiPolygon:
            return "MultiPolygon";
        case wkbGeometryCollection:
            return "GeometryCollection";
        default:
            return OGRGeometryTypeToName(type);
    }
}

CplErrorCapture::CplErrorCapture() {
    CPLPushErrorHandlerEx(handler, this);
}

CplErrorCapture::~CplErrorCapture() {
    CPLPopErrorHandler();
}

void CPL_STDCALL CplErrorCapture::handler(CPLErr level, CPLErrorNum, const char* msg) {
    if (level == CE_Debug || level == CE_None)
        return;
    auto* self = static_cast<CplErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self == nullptr)
        return;
    std::string text = msg != nullptr ? msg : "";
    if (level >= CE_Failure)
        self->m_lastFailure = text;
    self->m_messages.push_back(std::move(text));
}

std::string CplErrorCapture::last() const {
    if (!m_lastFailure.empty())
        return m_lastFailure;
    return m_messages.empty() ? std::string() : m_messages.back();
}

std::unique_ptr<OGRSpatialReference> makeSrs(const std::string& userInput) {
    auto srs = std::make_unique<OGRSpatialReference>();
    CplErrorCapture capture;
    if (userInput.empty() || srs->SetFromUserInput(userInput.c_str()) != OGRERR_NONE)
        return nullptr;
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

std::unique_ptr<OGRSpatialReference> makeSrs(int epsg) {
    auto srs = std::make_unique<OGRSpatialReference>();
    CplErrorCapture capture;
    if (srs->importFromEPSG(epsg) != OGRERR_NONE)
        return nullptr;
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

}  // namespace detail
}  // namespace kk::geo
