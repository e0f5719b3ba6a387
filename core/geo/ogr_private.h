// Private to core/geo: RAII handles for GDAL/OGR objects, access to the OGR geometry inside a
// Geometry, and capture of CPL errors. Never include this from a public header.
#pragma once

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

#include "core/geo/geometry.h"

namespace kk::geo {

/// The one door from Geometry to its OGR representation (friend of Geometry).
struct GeometryAccess {
    /// nullptr when the geometry is empty.
    static const OGRGeometry* ogr(const Geometry& g);
    /// Takes ownership; a null pointer gives an empty Geometry.
    static Geometry wrap(OGRGeometryUniquePtr g);
};

namespace detail {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const {
        if (ds != nullptr)
            GDALClose(GDALDataset::ToHandle(ds));
    }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const {
        OGRCoordinateTransformation::DestroyCT(ct);
    }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

struct PreparedDeleter {
    void operator()(OGRPreparedGeometry* p) const {
        if (p != nullptr)
            OGRDestroyPreparedGeometry(p);
    }
};
using PreparedPtr = std::unique_ptr<OGRPreparedGeometry, PreparedDeleter>;

PreparedPtr prepare(const OGRGeometry* g);

/// "Polygon", "MultiPolygon", "LineString", ... (OGC spelling, unlike OGRGeometryTypeToName).
std::string typeNameOf(OGRwkbGeometryType type);

/// While alive, collects every CPL error and warning raised on this thread instead of letting
/// them reach stderr; the messages end up in our kk::Error texts.
class CplErrorCapture {
  public:
    CplErrorCapture();
    ~CplErrorCapture();
    CplErrorCapture(const CplErrorCapture&) = delete;
    CplErrorCapture& operator=(const CplErrorCapture&) = delete;

    const std::vector<std::string>& messages() const { return m_messages; }
    /// The last failure message (CE_Failure or worse), else the last warning, else "".
    std::string last() const;
    bool hasFailure() const { return !m_lastFailure.empty(); }
    void clear() {
        m_messages.clear();
        m_lastFailure.clear();
    }

  private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum num, const char* msg);
    std::vector<std::string> m_messages;
    std::string m_lastFailure;
};

/// An OGR spatial reference from "EPSG:31370", WKT or a PROJ string, in traditional GIS axis
/// order (x = easting/longitude). Null when the text is not understood.
std::unique_ptr<OGRSpatialReference> makeSrs(const std::string& userInput);
std::unique_ptr<OGRSpatialReference> makeSrs(int epsg);

}  // namespace detail
}  // namespace kk::geo
