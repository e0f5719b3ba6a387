// importAreas: open any GDAL vector source, check CRS, keys and validity, reproject, all or
// nothing.
#include "core/geo/import.h"

#include <filesystem>
#include <set>

#include "core/geo/ogr_private.h"

namespace kk::geo {
namespace {

namespace fs = std::filesystem;

bool endsWithNoCase(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) !=
            std::tolower(static_cast<unsigned char>(suffix[i])))
            return false;
    }
    return true;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty())
            out += ", ";
        out += s;
    }
    return out.empty() ? "(none)" : out;
}

/// Where a problem is: "file.shp, layer 'x', feature 3 (key 11002)".
struct Place {
    std::string file;
    std::string layer;
    std::string text(std::size_t featureNumber = 0, const std::string& key = {},
                     const std::string& field = {}) const {
        std::string out = file;
        if (!layer.empty())
            out += ", layer '" + layer + "'";
        if (featureNumber > 0)
            out += ", feature " + std::to_string(featureNumber);
        if (!key.empty())
            out += " (key " + key + ")";
        if (!field.empty())
            out += ", field '" + field + "'";
        return out;
    }
};

struct OpenedSource {
    detail::DatasetPtr dataset;
    std::string gdalPath;
};

Result<OpenedSource> openSource(const std::string& path, const ImportOptions* options) {
    const bool isVirtual = path.rfind("/vsi", 0) == 0;
    std::error_code ec;
    if (!isVirtual && !fs::exists(path, ec))
        return makeError("geo.file_not_found", "the file does not exist", path,
                         "check the path and the file name");
    if (!isVirtual && fs::is_directory(path, ec) == false && fs::file_size(path, ec) == 0)
        return makeError("geo.unreadable", "the file is empty", path,
                         "choose a Shapefile, GeoPackage, GeoJSON, TopoJSON or CSV file");
    OpenedSource out;
    out.gdalPath = (!isVirtual && endsWithNoCase(path, ".zip")) ? "/vsizip/" + path : path;
    std::vector<std::string> openOptions;
    if (options != nullptr && endsWithNoCase(path, ".csv")) {
        openOptions.push_back("GEOM_POSSIBLE_NAMES=" +
                              (options->wktField.empty() ? std::string("WKT") : options->wktField));
        openOptions.push_back("KEEP_GEOM_COLUMNS=NO");
    }
    std::vector<const char*> optionPtrs;
    for (const auto& o : openOptions)
        optionPtrs.push_back(o.c_str());
    optionPtrs.push_back(nullptr);
    detail::CplErrorCapture capture;
    out.dataset.reset(GDALDataset::FromHandle(
        GDALOpenEx(out.gdalPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                   openOptions.empty() ? nullptr : optionPtrs.data(), nullptr)));
    if (!out.dataset) {
        std::string detailText = capture.last();
        return makeError("geo.unreadable",
                         "the file cannot be read as vector data" +
                             (detailText.empty() ? std::string() : " (" + detailText + ")"),
                         path,
                         "choose a Shapefile (or a .zip holding one), GeoPackage, GeoJSON, "
                         "TopoJSON or CSV with a WKT column; check that the file is complete");
    }
    if (out.dataset->GetLayerCount() == 0)
        return makeError("geo.no_layers", "the file holds no vector layer", path,
                         "choose a file with areas (polygons)");
    return out;
}

std::vector<std::string> layerNames(GDALDataset& ds) {
    std::vector<std::string> names;
    for (int i = 0; i < ds.GetLayerCount(); ++i)
        names.emplace_back(ds.GetLayer(i)->GetName());
    return names;
}

Result<OGRLayer*> pickLayer(GDALDataset& ds, const std::string& path, const std::string& wanted) {
    if (wanted.empty()) {
        if (ds.GetLayerCount() > 1)
            return makeError("geo.ambiguous_layer",
                             "the file has " + std::to_string(ds.GetLayerCount()) +
                                 " layers: " + joined(layerNames(ds)),
                             path, "name the layer to import in the import options");
        return ds.GetLayer(0);
    }
    OGRLayer* layer = ds.GetLayerByName(wanted.c_str());
    if (layer == nullptr)
        return makeError(
            "geo.layer_not_found",
            "there is no layer '" + wanted + "'; the layers are: " + joined(layerNames(ds)), path,
            "choose one of the layers listed");
    return layer;
}

/// Brings a feature's geometry to 2D Polygon/MultiPolygon, or says why it cannot.
Result<OGRGeometryUniquePtr> toPolygonal(const OGRGeometry* src, const std::string& where) {
    if (src == nullptr || src->IsEmpty())
        return makeError("geo.no_geometry", "the feature has no geometry", where,
                         "give every area a polygon, or remove the feature");
    OGRGeometryUniquePtr g(src->hasCurveGeometry() ? src->getLinearGeometry() : src->clone());
    g->flattenTo2D();
    auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbGeometryCollection) {
        bool allPolygons = true;
        for (const auto* part : g->toGeometryCollection())
            allPolygons = allPolygons && wkbFlatten(part->getGeometryType()) == wkbPolygon;
        if (allPolygons)
            g.reset(OGRGeometryFactory::forceToMultiPolygon(g.release()));
        type = wkbFlatten(g->getGeometryType());
    }
    if (type != wkbPolygon && type != wkbMultiPolygon)
        return makeError(
            "geo.not_polygon",
            "the geometry is a " + detail::typeNameOf(type) + "; areas must be polygons", where,
            "import a polygon layer (municipalities, perimeters)");
    return g;
}

/// Keeps only the polygonal parts of what MakeValid returned (it may add lines or points
/// where a polygon collapsed), as a Polygon or MultiPolygon.
OGRGeometryUniquePtr polygonalPart(OGRGeometryUniquePtr g, bool& droppedParts) {
    droppedParts = false;
    if (!g)
        return g;
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon || type == wkbMultiPolygon)
        return g;
    auto multi = std::make_unique<OGRMultiPolygon>();
    if (type == wkbGeometryCollection) {
        for (const auto* part : g->toGeometryCollection()) {
            const auto pt = wkbFlatten(part->getGeometryType());
            if (pt == wkbPolygon) {
                multi->addGeometry(part);
            } else if (pt == wkbMultiPolygon) {
                for (const auto* poly : part->toMultiPolygon())
                    multi->addGeometry(poly);
            } else {
                droppedParts = true;
            }
        }
    } else {
        droppedParts = true;
    }
    if (multi->getNumGeometries() == 1)
        return OGRGeometryUniquePtr(multi->getGeometryRef(0)->clone());
    return OGRGeometryUniquePtr(multi.release());
}

double areaOf(const OGRGeometry* g) {
    const auto t = wkbFlatten(g->getGeometryType());
    if (t == wkbPolygon)
        return g->toPolygon()->get_Area();
    if (t == wkbMultiPolygon || t == wkbGeometryCollection)
        return g->toGeometryCollection()->get_Area();
    return 0.0;
}

struct FeatureContext {
    std::size_t number;
    std::string key;
    std::string where;
};

/// Validity check and optional repair of one geometry. `stage` says when it is checked.
Result<OGRGeometryUniquePtr> checkValidity(OGRGeometryUniquePtr g, const FeatureContext& ctx,
                                           const ImportOptions& options, const char* stage,
                                           std::vector<RepairNote>& repairs) {
    std::string reason;
    {
        detail::CplErrorCapture capture;
        if (g->IsValid() != FALSE)
            return g;
        reason = capture.last();
    }
    if (reason.empty())
        reason = "invalid polygon";
    if (!options.repair)
        return makeError("geo.invalid_polygon",
                         std::string("the polygon is invalid") + stage + ": " + reason, ctx.where,
                         "repair it in QGIS (Vector > Geometry Tools > Fix Geometries) or import "
                         "again with repair on");
    RepairNote note;
    note.featureNumber = ctx.number;
    note.key = ctx.key;
    note.reason = reason + stage;
    note.areaBefore = areaOf(g.get());
    detail::CplErrorCapture capture;
    OGRGeometryUniquePtr fixed(g->MakeValid());
    bool dropped = false;
    fixed = polygonalPart(std::move(fixed), dropped);
    if (!fixed || fixed->IsEmpty() || fixed->IsValid() == FALSE)
        return makeError("geo.repair_failed",
                         "the polygon is invalid (" + reason + ") and repair left no valid area" +
                             (capture.last().empty() ? std::string() : ": " + capture.last()),
                         ctx.where, "fix the polygon in QGIS and import again");
    note.areaAfter = areaOf(fixed.get());
    note.action =
        "made valid with MakeValid: now a " + detail::typeNameOf(fixed->getGeometryType());
    if (wkbFlatten(fixed->getGeometryType()) == wkbMultiPolygon)
        note.action +=
            " of " + std::to_string(fixed->toMultiPolygon()->getNumGeometries()) + " parts";
    if (dropped)
        note.action += "; collapsed line or point parts were dropped";
    repairs.push_back(std::move(note));
    return fixed;
}

std::string srsText(const OGRSpatialReference& srs) {
    const char* name = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (name != nullptr && code != nullptr)
        return std::string(name) + ":" + code;
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string out = wkt != nullptr ? wkt : "";
    CPLFree(wkt);
    return out;
}

}  // namespace

Result<std::vector<std::string>> listLayers(const GeoRuntime&, const std::string& path) {
    auto src = openSource(path, nullptr);
    if (!src)
        return src.error();
    return layerNames(*src->dataset);
}

Result<ImportResult> importAreas(const GeoRuntime&, const std::string& path,
                                 const ImportOptions& options, Progress* progress) {
    if (options.keyField.empty())
        return makeError("geo.no_key_field", "no key field was given", path,
                         "name the field with the NIS code or project key");
    auto src = openSource(path, &options);
    if (!src)
        return src.error();
    auto layerResult = pickLayer(*src->dataset, path, options.layer);
    if (!layerResult)
        return layerResult.error();
    OGRLayer* layer = *layerResult;
    ImportResult result;
    result.layer = layer->GetName();
    const Place place{path, result.layer};

    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        result.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    const int keyIndex = defn->GetFieldIndex(options.keyField.c_str());
    if (keyIndex < 0)
        return makeError("geo.missing_key_field",
                         "there is no key field '" + options.keyField +
                             "'; the fields are: " + joined(result.fields),
                         place.text(), "choose the key field among the fields listed");
    int nameIndex = -1;
    if (!options.nameField.empty()) {
        nameIndex = defn->GetFieldIndex(options.nameField.c_str());
        if (nameIndex < 0)
            return makeError("geo.missing_name_field",
                             "there is no name field '" + options.nameField +
                                 "'; the fields are: " + joined(result.fields),
                             place.text(), "choose the name field among the fields listed");
    }

    // CRS: the file's own wins; a declared one fills in; neither is refused.
    std::unique_ptr<OGRSpatialReference> sourceSrs;
    if (const OGRSpatialReference* layerSrs = layer->GetSpatialRef()) {
        sourceSrs.reset(layerSrs->Clone());
        sourceSrs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!options.sourceCrs.empty()) {
            auto declared = detail::makeSrs(options.sourceCrs);
            if (declared && !declared->IsSame(sourceSrs.get()))
                result.warnings.push_back(place.text() + ": the file declares its own CRS (" +
                                          srsText(*sourceSrs) + "); the declared " +
                                          options.sourceCrs + " was not used");
        }
    } else if (!options.sourceCrs.empty()) {
        sourceSrs = detail::makeSrs(options.sourceCrs);
        if (!sourceSrs)
            return makeError("geo.unknown_crs",
                             "the declared source CRS '" + options.sourceCrs + "' is not known",
                             place.text(), "declare it as EPSG:<code>, e.g. EPSG:31370");
    } else {
        return makeError("geo.no_crs", "the layer declares no coordinate reference system",
                         place.text(),
                         "declare the source CRS in the import options (e.g. EPSG:31370 for "
                         "Lambert 72) or add a .prj file next to the Shapefile");
    }
    result.sourceCrs = srsText(*sourceSrs);
    auto targetSrs = detail::makeSrs(options.targetCrs);
    if (!targetSrs)
        return makeError("geo.unknown_crs",
                         "the target CRS '" + options.targetCrs + "' is not known", {},
                         "use EPSG:31370");
    detail::TransformPtr transform;
    if (!sourceSrs->IsSame(targetSrs.get())) {
        detail::CplErrorCapture capture;
        transform.reset(OGRCreateCoordinateTransformation(sourceSrs.get(), targetSrs.get()));
        if (!transform)
            return makeError("geo.no_transformation",
                             "no transformation from " + result.sourceCrs + " to " +
                                 options.targetCrs + ": " + capture.last(),
                             place.text(), "check the CRS of the file");
    }

    const GIntBig total = layer->GetFeatureCount(TRUE);
    std::set<std::string> seenKeys;
    std::size_t number = 0;
    layer->ResetReading();
    detail::CplErrorCapture readCapture;
    while (true) {
        OGRFeatureUniquePtr feature(layer->GetNextFeature());
        if (!feature) {
            if (readCapture.hasFailure())
                return makeError("geo.read_failed",
                                 "reading stopped after feature " + std::to_string(number) + ": " +
                                     readCapture.last(),
                                 place.text(), "the file may be damaged; export it again");
            break;
        }
        ++number;
        if (progress != nullptr) {
            if (progress->cancelled())
                return makeError("cancelled", "the import was cancelled", place.text());
            if (number % 256 == 0)
                progress->step(static_cast<std::int64_t>(number), total, "importing areas");
        }
        FeatureContext ctx{number, {}, {}};
        ctx.key =
            feature->IsFieldSetAndNotNull(keyIndex) ? feature->GetFieldAsString(keyIndex) : "";
        ctx.where = place.text(number, ctx.key);
        if (ctx.key.empty())
            return makeError("geo.empty_key", "the key field '" + options.keyField + "' is empty",
                             place.text(number, {}, options.keyField),
                             "give every feature a key (NIS code or project key)");
        if (options.uniqueKeys && !seenKeys.insert(ctx.key).second)
            return makeError("geo.duplicate_key", "key " + ctx.key + " occurs more than once",
                             place.text(number, ctx.key, options.keyField),
                             "merge the features with the same key (Dissolve) or fix the key");
        if (options.validateKey) {
            if (auto refused = options.validateKey(ctx.key))
                return makeError("geo.key_refused", "key " + ctx.key + " is refused: " + *refused,
                                 place.text(number, ctx.key, options.keyField),
                                 "correct the key in the file or choose another key field");
        }
        auto polygonal = toPolygonal(feature->GetGeometryRef(), ctx.where);
        if (!polygonal)
            return polygonal.error();
        auto checked =
            checkValidity(std::move(polygonal).value(), ctx, options, "", result.repairs);
        if (!checked)
            return checked.error();
        OGRGeometryUniquePtr geom = std::move(checked).value();
        if (transform) {
            detail::CplErrorCapture capture;
            if (geom->transform(transform.get()) != OGRERR_NONE)
                return makeError("geo.transform_failed",
                                 "the coordinates cannot be transformed from " + result.sourceCrs +
                                     " to " + options.targetCrs + ": " + capture.last(),
                                 ctx.where, "check that the declared CRS matches the coordinates");
            auto after = checkValidity(std::move(geom), ctx, options,
                                       " after reprojection to the target CRS", result.repairs);
            if (!after)
                return after.error();
            geom = std::move(after).value();
        }
        Feature out;
        out.key = ctx.key;
        if (nameIndex >= 0 && feature->IsFieldSetAndNotNull(nameIndex))
            out.name = feature->GetFieldAsString(nameIndex);
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (feature->IsFieldSetAndNotNull(i))
                out.attributes[result.fields[static_cast<std::size_t>(i)]] =
                    feature->GetFieldAsString(i);
        }
        out.geometry = GeometryAccess::wrap(std::move(geom));
        result.features.push_back(std::move(out));
    }
    if (result.features.empty())
        return makeError("geo.empty_layer", "the layer has no features", place.text(),
                         "choose a layer with areas");
    if (progress != nullptr)
        progress->step(static_cast<std::int64_t>(number), static_cast<std::int64_t>(number),
                       "importing areas");
    return result;
}

}  // namespace kk::geo
