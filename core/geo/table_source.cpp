// GDAL's XLSX/ODS drivers as a TableSource. Cells are read as text so that the exchange
// layer applies the same parsing and error messages as for CSV.
#include "core/geo/table_source.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>

#include "core/geo/runtime.h"

namespace kk::geo {
namespace {

struct DatasetCloser {
    void operator()(void* ds) const {
        if (ds)
            GDALClose(ds);
    }
};

class SpreadsheetSource final : public TableSource {
  public:
    SpreadsheetSource(std::string name, GDALDatasetH ds, OGRLayerH layer)
        : m_name(std::move(name)), m_ds(ds), m_layer(layer) {}
    ~SpreadsheetSource() override {
        if (m_feature)
            OGR_F_Destroy(m_feature);
    }
    const std::string& name() const override { return m_name; }
    std::vector<std::string> header() override {
        std::vector<std::string> h;
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(m_layer);
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
            h.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
        OGR_L_ResetReading(m_layer);
        return h;
    }
    bool next(std::vector<std::string>& row, int& line) override {
        if (m_feature)
            OGR_F_Destroy(m_feature);
        m_feature = OGR_L_GetNextFeature(m_layer);
        if (!m_feature)
            return false;
        row.clear();
        const int n = OGR_F_GetFieldCount(m_feature);
        for (int i = 0; i < n; ++i) {
            if (!OGR_F_IsFieldSetAndNotNull(m_feature, i)) {
                row.emplace_back();
                continue;
            }
            // Money must not go through a double: integer and text cells come back as typed;
            // real cells are printed with 15 significant digits, enough for every amount in cents
            // below 10^13 euro; a value with more than two decimals is then refused as money.
            const OGRFieldType t = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(m_feature, i));
            if (t == OFTReal) {
                const double v = OGR_F_GetFieldAsDouble(m_feature, i);
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.15g", v);
                row.emplace_back(buf);
            } else if (t == OFTDate || t == OFTDateTime) {
                int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
                float s = 0;
                OGR_F_GetFieldAsDateTimeEx(m_feature, i, &y, &mo, &d, &h, &mi, &s, &tz);
                char buf[16];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
                row.emplace_back(buf);
            } else {
                row.emplace_back(OGR_F_GetFieldAsString(m_feature, i));
            }
        }
        // With the header in row 1, GDAL's feature ids are the spreadsheet's row numbers.
        line = static_cast<int>(OGR_F_GetFID(m_feature));
        return true;
    }

  private:
    std::string m_name;
    std::unique_ptr<void, DatasetCloser> m_ds;
    OGRLayerH m_layer;
    OGRFeatureH m_feature = nullptr;
};

}  // namespace

Result<std::unique_ptr<TableSource>> openSpreadsheetSource(const GeoRuntime& runtime,
                                                           const std::string& path,
                                                           const std::string& sheet) {
    (void)runtime;  // proves the drivers are registered
    // Headers are always the first row: the exchange layouts say so. GDAL 3.6 takes this as a
    // configuration option, not an open option; set it for this thread only.
    CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
    CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", "FORCE");
    const char* const drivers[] = {"XLSX", "ODS", nullptr};
    GDALDatasetH ds =
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr);
    struct ResetHeaders {
        ~ResetHeaders() {
            CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr);
            CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", nullptr);
        }
    } resetHeaders;
    if (!ds)
        return makeError("import.unreadable", "cannot read this file as a spreadsheet", path,
                         "save it as .xlsx, .ods or CSV (UTF-8)");
    OGRLayerH layer =
        sheet.empty() ? GDALDatasetGetLayer(ds, 0) : GDALDatasetGetLayerByName(ds, sheet.c_str());
    if (!layer) {
        GDALClose(ds);
        return makeError(
            "import.no_sheet",
            sheet.empty() ? "the file has no sheets" : "no sheet named '" + sheet + "'", path,
            "name an existing sheet");
    }
    // The drivers parse a sheet on first access; do that while the header option is set.
    OGR_L_GetLayerDefn(layer);
    OGR_L_GetFeatureCount(layer, TRUE);
    return std::unique_ptr<TableSource>(std::make_unique<SpreadsheetSource>(path, ds, layer));
}

}  // namespace kk::geo
