// OGC API - Features Part 1 (core, GeoJSON) with the Part 2 crs parameter: landing page,
// conformance, collections (areas, projects, one per indicator) and their items.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "core/server/routes.h"

namespace kk::server {
namespace {

using nlohmann::json;

constexpr const char* kCrs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
constexpr const char* kLambert72 = "http://www.opengis.net/def/crs/EPSG/0/31370";
constexpr const char* kGeoJson = "application/geo+json";
constexpr std::int64_t kMaxLimit = 10000;

/// Where the features of one collection come from.
struct FeatureSource {
    std::string id;
    std::string title;
    std::string description;
    std::string select;  ///< "SELECT <id> AS _fid, <geom> AS _geom, <properties...>"
    std::string from;    ///< " FROM ... WHERE 1=1 [AND ... = ?]"
    std::string idColumn;
    std::optional<std::int64_t> bind;  ///< the indicator id of indicator collections
    bool projectFunding = false;
};

bool safeId(std::string_view code) {
    if (code.empty() || code.size() > 64)
        return false;
    for (unsigned char ch : code)
        if (!std::isalnum(ch) && ch != '-' && ch != '_' && ch != '.')
            return false;
    return true;
}

FeatureSource areasSource() {
    return {"areas",
            "Areas",
            "Municipalities, project perimeters and programme areas",
            "SELECT a.fid AS _fid, a.geom AS _geom, a.kind, a.code, a.name, a.valid_from, "
            "a.valid_to, a.source",
            " FROM areas a WHERE 1=1",
            "a.fid",
            std::nullopt,
            false};
}

FeatureSource projectsSource() {
    return {"projects",
            "Projects",
            "Projects with the geometry of their area and their funding totals",
            "SELECT p.id AS _fid, a.geom AS _geom, p.code, p.name, p.status, p.themes, "
            "p.start_date, p.end_date, a.code AS area_code, a.name AS area_name",
            " FROM kk_project p LEFT JOIN areas a ON a.fid = p.area_id WHERE 1=1",
            "p.id",
            std::nullopt,
            true};
}

FeatureSource indicatorSource(std::int64_t indicatorId, const std::string& code,
                              const std::string& name, const std::string& unit) {
    return {"indicator-" + (safeId(code) ? code : std::to_string(indicatorId)),
            "Indicator " + code + ": " + name,
            "Measurements of " + name + (unit.empty() ? "" : " (" + unit + ")") +
                " on the geometry of their subject (area, project area or coalition area)",
            "SELECT m.id AS _fid, COALESCE(a.geom, pa.geom, ca.geom) AS _geom, i.code AS "
            "indicator, m.year, m.value, m.subject_kind, m.subject_id, COALESCE(a.code, pa.code, "
            "ca.code) AS area_code, COALESCE(a.name, pa.name, ca.name) AS area_name, m.source",
            " FROM kk_measurement m JOIN kk_indicator i ON i.id = m.indicator_id"
            " LEFT JOIN areas a ON m.subject_kind = 'area' AND a.fid = m.subject_id"
            " LEFT JOIN kk_project p ON m.subject_kind = 'project' AND p.id = m.subject_id"
            " LEFT JOIN areas pa ON pa.fid = p.area_id"
            " LEFT JOIN kk_coalition co ON m.subject_kind = 'coalition' AND co.id = m.subject_id"
            " LEFT JOIN areas ca ON ca.fid = co.area_id"
            " WHERE m.indicator_id = ?",
            "m.id",
            indicatorId,
            false};
}

std::vector<FeatureSource> sources(Workspace& ws) {
    std::vector<FeatureSource> out{areasSource(), projectsSource()};
    auto st = ws.db().prepare("SELECT id, code, name, unit FROM kk_indicator ORDER BY code");
    while (st.step())
        out.push_back(indicatorSource(st.getInt(0), st.getText(1), st.getText(2), st.getText(3)));
    return out;
}

std::optional<FeatureSource> findSource(Workspace& ws, const std::string& id) {
    for (auto& s : sources(ws))
        if (s.id == id)
            return s;
    return std::nullopt;
}

json link(const std::string& rel, const std::string& href, const std::string& type,
          const std::string& title = {}) {
    json l = {{"rel", rel}, {"href", href}, {"type", type}};
    if (!title.empty())
        l["title"] = title;
    return l;
}

/// The workspace extent from the areas R-tree, in CRS84 when a transform is available.
std::optional<json> extentOf(Context& c) {
    if (!c.ws.db().tableExists("rtree_areas_geom"))
        return std::nullopt;
    auto st = c.ws.db().prepare(
        "SELECT MIN(minx), MIN(miny), MAX(maxx), MAX(maxy) FROM rtree_areas_geom");
    if (!st.step() || st.isNull(0))
        return std::nullopt;
    double b[4] = {st.getDouble(0), st.getDouble(1), st.getDouble(2), st.getDouble(3)};
    std::string crs = kLambert72;
    if (c.options.toCrs84) {
        // Corners and edge midpoints: the transform bends straight lines a little.
        double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
        for (int i = 0; i <= 2; ++i)
            for (int j = 0; j <= 2; ++j) {
                double x = b[0] + (b[2] - b[0]) * i / 2.0;
                double y = b[1] + (b[3] - b[1]) * j / 2.0;
                c.options.toCrs84(x, y);
                minX = std::min(minX, x), minY = std::min(minY, y);
                maxX = std::max(maxX, x), maxY = std::max(maxY, y);
            }
        b[0] = minX, b[1] = minY, b[2] = maxX, b[3] = maxY;
        crs = kCrs84;
    }
    return json{{"spatial",
                 {{"bbox", json::array({json::array({b[0], b[1], b[2], b[3]})})}, {"crs", crs}}}};
}

json collectionJson(Context& c, const FeatureSource& s, const std::optional<json>& extent) {
    const std::string base = c.baseUrl + "/collections/" + s.id;
    json j = {{"id", s.id},
              {"title", s.title},
              {"description", s.description},
              {"itemType", "feature"},
              {"links", json::array({link("self", base, "application/json", "this collection"),
                                     link("items", base + "/items", kGeoJson, "the features")})}};
    if (extent)
        j["extent"] = *extent;
    j["crs"] = c.options.toCrs84 ? json::array({kCrs84, kLambert72}) : json::array({kLambert72});
    j["storageCrs"] = kLambert72;
    return j;
}

std::string outputCrs(Context& c) {
    auto crs = c.target.param("crs");
    const std::string deflt = c.options.toCrs84 ? kCrs84 : kLambert72;
    if (!crs)
        return deflt;
    if (*crs == kLambert72 || (*crs == kCrs84 && c.options.toCrs84))
        return *crs;
    fail(
        400, "ogc.crs", "crs '" + *crs + "' is not offered", "crs",
        std::string("use ") + (c.options.toCrs84 ? std::string(kCrs84) + " or " : "") + kLambert72);
}

std::optional<Envelope> readBbox(Context& c, std::string& bboxCrs) {
    auto text = c.target.param("bbox");
    bboxCrs = c.target.param("bbox-crs").value_or(c.options.toCrs84 ? kCrs84 : kLambert72);
    if (bboxCrs != kLambert72 && !(bboxCrs == kCrs84 && c.options.toCrs84))
        fail(400, "ogc.bbox_crs", "bbox-crs '" + bboxCrs + "' is not offered", "bbox-crs");
    if (!text)
        return std::nullopt;
    std::vector<double> v;
    std::stringstream ss(*text);
    std::string part;
    while (std::getline(ss, part, ',')) {
        char* end = nullptr;
        const double d = std::strtod(part.c_str(), &end);
        if (part.empty() || end != part.c_str() + part.size() || !std::isfinite(d))
            fail(400, "ogc.bbox", "bbox must be 4 or 6 numbers separated by commas", "bbox",
                 "e.g. bbox=4.3,50.8,4.5,51.0");
        v.push_back(d);
    }
    if (v.size() != 4 && v.size() != 6)
        fail(400, "ogc.bbox", "bbox must be 4 or 6 numbers separated by commas", "bbox",
             "e.g. bbox=4.3,50.8,4.5,51.0");
    const std::size_t h = v.size() / 2;  // skip the z values of a 6-number bbox
    Envelope e{v[0], v[1], v[h], v[h + 1]};
    if (e.minY > e.maxY)
        fail(400, "ogc.bbox", "bbox has its lower corner above the upper", "bbox");
    return e;
}

json featureJson(Context& c, const FeatureSource& s, const sql::Statement& st,
                 const json& geometry) {
    const std::int64_t id = st.getInt(0);
    json props = rowToJson(st, "_fid");
    if (s.projectFunding) {
        const json f = projectFunding(c.ws, id);
        for (const char* key : {"granted", "candidate", "cost_total", "eligible_cost_total",
                                "expenses_total", "unfunded"}) {
            props[std::string(key) + "_cents"] = f[std::string(key) + "_cents"];
            props[std::string(key) + "_formatted"] = f[std::string(key) + "_formatted"];
        }
        props["awards"] = f["by_fund"];
    }
    if (props.contains("value") && props["value"].is_string()) {
        // Indicator values are decimals as text; a number beside it lets QGIS style by value.
        char* end = nullptr;
        const std::string& v = props["value"].get_ref<const std::string&>();
        const double d = std::strtod(v.c_str(), &end);
        if (!v.empty() && end == v.c_str() + v.size())
            props["value_number"] = d;
    }
    const std::string self = c.baseUrl + "/collections/" + s.id + "/items/" + std::to_string(id);
    return {{"type", "Feature"},
            {"id", id},
            {"geometry", geometry},
            {"properties", std::move(props)},
            {"links", json::array({link("self", self, kGeoJson),
                                   link("collection", c.baseUrl + "/collections/" + s.id,
                                        "application/json")})}};
}

/// Geometry of the current row in the output CRS, and its envelope in the bbox CRS.
struct RowGeometry {
    json geometry;
    std::optional<Envelope> bboxEnvelope;
};

RowGeometry rowGeometry(const sql::Statement& st, const CoordinateTransform& out,
                        const CoordinateTransform& forBbox, bool sameCrs, bool wantEnvelope) {
    RowGeometry g;
    g.geometry = nullptr;
    if (st.isNull(1))
        return g;
    const auto blob = st.getBlob(1);
    auto converted = gpkgToGeoJson(blob, out);
    if (!converted)
        return g;  // a damaged blob is served as a feature without geometry
    g.geometry = std::move(converted->geometry);
    if (wantEnvelope) {
        if (sameCrs) {
            g.bboxEnvelope = converted->envelope;
        } else if (auto again = gpkgToGeoJson(blob, forBbox)) {
            g.bboxEnvelope = again->envelope;
        }
    }
    return g;
}

Response items(Context& c, const FeatureSource& s) {
    static constexpr std::string_view kKnown[] = {"limit",    "offset", "bbox",
                                                  "bbox-crs", "crs",    "f"};
    for (const auto& [k, v] : c.target.query)
        if (std::find(std::begin(kKnown), std::end(kKnown), k) == std::end(kKnown))
            fail(400, "ogc.unknown_parameter", "unknown query parameter '" + k + "'", k,
                 "items accept limit, offset, bbox, bbox-crs, crs and f");
    const Paging paging = readPaging(c.target, 10, kMaxLimit);
    const std::string crs = outputCrs(c);
    std::string bboxCrs;
    const auto bbox = readBbox(c, bboxCrs);
    const CoordinateTransform none;
    const CoordinateTransform& out = crs == kCrs84 ? c.options.toCrs84 : none;
    const CoordinateTransform& forBbox = bboxCrs == kCrs84 ? c.options.toCrs84 : none;

    json features = json::array();
    std::int64_t matched = 0;
    if (!bbox) {
        auto count = c.ws.db().prepare("SELECT COUNT(*)" + s.from);
        if (s.bind)
            count.bind(1, *s.bind);
        matched = count.step() ? count.getInt(0) : 0;
        auto st =
            c.ws.db().prepare(s.select + s.from + " ORDER BY " + s.idColumn + " LIMIT ? OFFSET ?");
        int n = 1;
        if (s.bind)
            st.bind(n++, *s.bind);
        st.bind(n++, paging.limit);
        st.bind(n, paging.offset);
        while (st.step()) {
            auto g = rowGeometry(st, out, forBbox, true, false);
            features.push_back(featureJson(c, s, st, g.geometry));
        }
    } else {
        // Envelopes depend on the transform, so the filter runs here rather than in SQL.
        auto st = c.ws.db().prepare(s.select + s.from + " ORDER BY " + s.idColumn);
        if (s.bind)
            st.bind(1, *s.bind);
        while (st.step()) {
            auto g = rowGeometry(st, out, forBbox, crs == bboxCrs, true);
            if (!g.bboxEnvelope || !g.bboxEnvelope->intersects(*bbox))
                continue;
            if (matched >= paging.offset && matched < paging.offset + paging.limit)
                features.push_back(featureJson(c, s, st, g.geometry));
            ++matched;
        }
    }
    json links =
        json::array({link("self", pageUrl(c, paging.limit, paging.offset), kGeoJson, "this page")});
    if (paging.offset + paging.limit < matched)
        links.push_back(link("next", pageUrl(c, paging.limit, paging.offset + paging.limit),
                             kGeoJson, "next page"));
    if (paging.offset > 0)
        links.push_back(
            link("prev",
                 pageUrl(c, paging.limit, std::max<std::int64_t>(0, paging.offset - paging.limit)),
                 kGeoJson, "previous page"));
    links.push_back(link("collection", c.baseUrl + "/collections/" + s.id, "application/json"));
    const auto returned = static_cast<std::int64_t>(features.size());
    Response r = jsonResponse(200,
                              {{"type", "FeatureCollection"},
                               {"features", std::move(features)},
                               {"numberMatched", matched},
                               {"numberReturned", returned},
                               {"timeStamp", Workspace::nowUtc()},
                               {"links", std::move(links)}},
                              kGeoJson);
    r.headers.emplace_back("Content-Crs", "<" + crs + ">");
    return r;
}

Response oneItem(Context& c, const FeatureSource& s, const std::string& fid) {
    std::int64_t id = 0;
    if (fid.empty() || fid.size() > 18)
        fail(404, "ogc.not_found", "no such feature", fid);
    for (char ch : fid) {
        if (ch < '0' || ch > '9')
            fail(404, "ogc.not_found", "no such feature", fid);
        id = id * 10 + (ch - '0');
    }
    for (const auto& [k, v] : c.target.query)
        if (k != "crs" && k != "f")
            fail(400, "ogc.unknown_parameter", "unknown query parameter '" + k + "'", k);
    const std::string crs = outputCrs(c);
    auto st = c.ws.db().prepare(s.select + s.from + " AND " + s.idColumn + " = ?");
    int n = 1;
    if (s.bind)
        st.bind(n++, *s.bind);
    st.bind(n, id);
    if (!st.step())
        fail(404, "ogc.not_found", "no feature " + fid + " in " + s.id, c.request.target);
    const CoordinateTransform none;
    auto g = rowGeometry(st, crs == kCrs84 ? c.options.toCrs84 : none, none, true, false);
    Response r = jsonResponse(200, featureJson(c, s, st, g.geometry), kGeoJson);
    r.headers.emplace_back("Content-Crs", "<" + crs + ">");
    return r;
}

}  // namespace

Response handleOgc(Context& c) {
    const auto& s = c.target.segments;
    if (auto f = c.target.param("f"); f && *f != "json" && *f != "geojson")
        fail(406, "ogc.format", "format '" + *f + "' is not offered", "f", "use f=json");
    const std::string& b = c.baseUrl;
    if (s.empty()) {
        return jsonResponse(
            200, {{"title", "Koppelkans workspace"},
                  {"description",
                   "Areas, projects and indicators of " + c.ws.path() + " (OGC API - Features)"},
                  {"links",
                   json::array({
                       link("self", b + "/", "application/json", "this document"),
                       link("service-desc", b + "/api/v1/openapi.json",
                            "application/vnd.oai.openapi+json;version=3.0", "the API definition"),
                       link("conformance", b + "/conformance", "application/json",
                            "conformance classes"),
                       link("data", b + "/collections", "application/json", "feature collections"),
                   })}});
    }
    if (s[0] == "conformance" && s.size() == 1) {
        return jsonResponse(
            200,
            {{"conformsTo", json::array({
                                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                            })}});
    }
    if (s[0] == "collections" && s.size() == 1) {
        const auto extent = extentOf(c);
        json list = json::array();
        for (const auto& src : sources(c.ws))
            list.push_back(collectionJson(c, src, extent));
        json crs =
            c.options.toCrs84 ? json::array({kCrs84, kLambert72}) : json::array({kLambert72});
        return jsonResponse(
            200, {{"links", json::array({link("self", b + "/collections", "application/json")})},
                  {"collections", list},
                  {"crs", crs}});
    }
    if (s[0] == "collections" && s.size() <= 4) {
        auto src = findSource(c.ws, s[1]);
        if (!src)
            fail(404, "ogc.no_collection", "no collection '" + s[1] + "'", c.request.target,
                 "GET /collections lists them");
        if (s.size() == 2)
            return jsonResponse(200, collectionJson(c, *src, extentOf(c)));
        if (s[2] == "items" && s.size() == 3)
            return items(c, *src);
        if (s[2] == "items" && s.size() == 4)
            return oneItem(c, *src, s[3]);
    }
    fail(404, "request.not_found", "no such path", c.request.target,
         "OGC API Features: /, /conformance, /collections, /collections/{id}/items");
}

}  // namespace kk::server
