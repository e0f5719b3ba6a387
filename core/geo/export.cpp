// exportFeatures: write features with their attributes through GDAL, atomically.
#include "core/geo/export.h"

#include <atomic>
#include <filesystem>
#include <set>

#include <cpl_vsi.h>
#include <unistd.h>

#include "core/geo/crs.h"
#include "core/geo/ogr_private.h"

namespace kk::geo {
namespace {

namespace fs = std::filesystem;

const char* driverName(ExportFormat f) {
    switch (f) {
        case ExportFormat::GeoPackage:
            return "GPKG";
        case ExportFormat::GeoJson:
            return "GeoJSON";
        case ExportFormat::Shapefile:
            return "ESRI Shapefile";
    }
    return "GPKG";
}

std::string effectiveTargetCrs(const ExportOptions& o) {
    if (!o.targetCrs.empty())
        return o.targetCrs;
    return o.format == ExportFormat::GeoJson ? "EPSG:4326" : "EPSG:31370";
}

/// Field names in output order: key, name, then every other attribute name.
std::vector<std::string> fieldNames(std::span<const Feature> features, const ExportOptions& o) {
    std::vector<std::string> names{o.keyField};
    if (!o.nameField.empty())
        names.push_back(o.nameField);
    std::set<std::string> rest;
    for (const auto& f : features) {
        for (const auto& [k, v] : f.attributes) {
            if (k != o.keyField && k != o.nameField)
                rest.insert(k);
        }
    }
    names.insert(names.end(), rest.begin(), rest.end());
    return names;
}

std::vector<std::string> layerOptions(const ExportOptions& o) {
    switch (o.format) {
        case ExportFormat::GeoPackage:
            return {"GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"};
        case ExportFormat::GeoJson:
            // RFC 7946 mode writes CCW outer rings and lon/lat; 9 decimals keep 0.1 mm.
            return {"RFC7946=YES", "COORDINATE_PRECISION=9", "WRITE_NAME=NO"};
        case ExportFormat::Shapefile:
            return {"ENCODING=UTF-8"};
    }
    return {};
}

Status writeLayer(GDALDataset& ds, std::span<const Feature> features, const ExportOptions& o,
                  const std::string& where) {
    const std::string target = effectiveTargetCrs(o);
    auto targetSrs = detail::makeSrs(target);
    if (!targetSrs)
        return makeError("geo.unknown_crs", "the export CRS '" + target + "' is not known", where,
                         "use EPSG:31370, EPSG:3812 or EPSG:4326");
    auto transform = CrsTransform::create(o.sourceCrs, target);
    if (!transform)
        return transform.error();
    const std::vector<std::string> names = fieldNames(features, o);
    if (o.format == ExportFormat::Shapefile) {
        for (const auto& n : names) {
            if (n.size() > 10)
                return makeError("geo.field_name_too_long",
                                 "field '" + n +
                                     "' is longer than the 10 characters a Shapefile "
                                     "allows",
                                 where, "export to GeoPackage instead, or rename the attribute");
        }
    }
    std::vector<std::string> lopts = layerOptions(o);
    std::vector<const char*> loptPtrs;
    for (const auto& s : lopts)
        loptPtrs.push_back(s.c_str());
    loptPtrs.push_back(nullptr);
    const OGRwkbGeometryType type =
        o.format == ExportFormat::GeoJson ? wkbUnknown : wkbMultiPolygon;
    detail::CplErrorCapture capture;
    OGRLayer* layer = ds.CreateLayer(o.layerName.c_str(), targetSrs.get(), type,
                                     const_cast<char**>(loptPtrs.data()));
    if (layer == nullptr)
        return makeError("geo.export_failed", "the layer cannot be created: " + capture.last(),
                         where, "check that the folder is writable");
    for (const auto& n : names) {
        OGRFieldDefn field(n.c_str(), OFTString);
        if (layer->CreateField(&field) != OGRERR_NONE)
            return makeError("geo.export_failed",
                             "field '" + n + "' cannot be created: " + capture.last(), where,
                             "rename the attribute");
    }
    const bool transaction = ds.StartTransaction() == OGRERR_NONE;
    std::size_t number = 0;
    for (const auto& f : features) {
        ++number;
        const std::string featureWhere =
            where + ", feature " + std::to_string(number) + " (key " + f.key + ")";
        OGRFeatureUniquePtr out(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        out->SetField(o.keyField.c_str(), f.key.c_str());
        if (!o.nameField.empty())
            out->SetField(o.nameField.c_str(), f.name.c_str());
        for (const auto& [k, v] : f.attributes) {
            if (k != o.keyField && k != o.nameField)
                out->SetField(k.c_str(), v.c_str());
        }
        auto projected = transform->apply(f.geometry);
        if (!projected)
            return makeError(projected.error().code, projected.error().what, featureWhere,
                             projected.error().hint);
        if (const OGRGeometry* g = GeometryAccess::ogr(*projected)) {
            OGRGeometryUniquePtr copy(g->clone());
            if (type == wkbMultiPolygon && wkbFlatten(copy->getGeometryType()) == wkbPolygon)
                copy.reset(OGRGeometryFactory::forceToMultiPolygon(copy.release()));
            out->SetGeometryDirectly(copy.release());
        }
        if (layer->CreateFeature(out.get()) != OGRERR_NONE)
            return makeError("geo.export_failed",
                             "the feature cannot be written: " + capture.last(), featureWhere,
                             "check the disk space and the attribute values");
    }
    if (transaction && ds.CommitTransaction() != OGRERR_NONE)
        return makeError("geo.export_failed", "the features cannot be committed: " + capture.last(),
                         where, "check the disk space");
    return {};
}

detail::DatasetPtr createDataset(ExportFormat format, const std::string& path, std::string& why) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName(format));
    if (driver == nullptr) {
        why = std::string("GDAL has no ") + driverName(format) +
              " driver (was a GeoRuntime created?)";
        return nullptr;
    }
    detail::CplErrorCapture capture;
    detail::DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        why = capture.last();
    return ds;
}

std::string uniqueSuffix() {
    static std::atomic<unsigned> counter{0};
    return std::to_string(static_cast<long>(::getpid())) + "-" +
           std::to_string(counter.fetch_add(1));
}

}  // namespace

Result<ExportFormat> exportFormatForPath(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (auto& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".gpkg")
        return ExportFormat::GeoPackage;
    if (ext == ".geojson" || ext == ".json")
        return ExportFormat::GeoJson;
    if (ext == ".shp")
        return ExportFormat::Shapefile;
    return makeError("geo.unknown_export_format", "cannot tell the format from '" + ext + "'", path,
                     "name the file .gpkg, .geojson or .shp");
}

Status exportFeatures(const GeoRuntime&, const std::string& path, std::span<const Feature> features,
                      const ExportOptions& options) {
    if (options.format == ExportFormat::GeoJson && !options.targetCrs.empty() &&
        epsgCodeOf(options.targetCrs) != kWgs84)
        return makeError("geo.geojson_crs",
                         "GeoJSON is written in WGS 84 only (RFC 7946), not " + options.targetCrs,
                         path, "export to GeoPackage to keep another CRS");
    const fs::path target(path);
    std::error_code ec;
    if (fs::exists(target, ec) && !options.overwrite)
        return makeError("geo.file_exists", "the file already exists", path,
                         "choose another name or allow overwriting");
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec))
        return makeError("geo.no_folder", "the folder does not exist", dir.string(),
                         "create the folder first");
    // Write into a private folder beside the target, then move every file produced (a
    // Shapefile is several) into place: a failure never leaves half a file at `path`.
    const fs::path staging = dir / (".kk-export-" + uniqueSuffix());
    if (!fs::create_directory(staging, ec))
        return makeError("geo.export_failed", "cannot create a staging folder: " + ec.message(),
                         dir.string(), "check that the folder is writable");
    struct StagingCleanup {
        fs::path dir;
        ~StagingCleanup() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } cleanup{staging};
    const fs::path stagedFile = staging / target.filename();
    {
        std::string why;
        detail::DatasetPtr ds = createDataset(options.format, stagedFile.string(), why);
        if (!ds)
            return makeError("geo.export_failed", "the file cannot be created: " + why, path,
                             "check that the folder is writable");
        Status written = writeLayer(*ds, features, options, path);
        if (!written)
            return written;
        detail::CplErrorCapture capture;
        ds.reset();  // flushes and closes
        if (capture.hasFailure())
            return makeError("geo.export_failed", "closing the file failed: " + capture.last(),
                             path, "check the disk space");
    }
    for (const auto& entry : fs::directory_iterator(staging, ec)) {
        const fs::path dest = dir / entry.path().filename();
        fs::rename(entry.path(), dest, ec);
        if (ec)
            return makeError("geo.export_failed",
                             "cannot move the written file into place: " + ec.message(),
                             dest.string(), "check the permissions of the folder");
    }
    return {};
}

Result<std::string> featuresToGeoJson(const GeoRuntime&, std::span<const Feature> features,
                                      const ExportOptions& options) {
    ExportOptions o = options;
    o.format = ExportFormat::GeoJson;
    o.targetCrs = "EPSG:4326";
    const std::string memPath = "/vsimem/kk-geojson-" + uniqueSuffix() + ".geojson";
    {
        std::string why;
        detail::DatasetPtr ds = createDataset(ExportFormat::GeoJson, memPath, why);
        if (!ds)
            return makeError("geo.export_failed", "GeoJSON cannot be produced: " + why);
        Status written = writeLayer(*ds, features, o, "GeoJSON output");
        if (!written) {
            ds.reset();
            VSIUnlink(memPath.c_str());
            return written.error();
        }
    }
    vsi_l_offset length = 0;
    GByte* data = VSIGetMemFileBuffer(memPath.c_str(), &length, TRUE);
    std::string text(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
    CPLFree(data);
    return text;
}

}  // namespace kk::geo
