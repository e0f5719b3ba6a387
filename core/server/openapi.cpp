// The OpenAPI 3.0 description, generated from the same entity table the router uses so the
// two cannot drift. docs/openapi.json is this document (tests/server checks they match).
#include "core/server/routes.h"

namespace kk::server {
namespace {

using nlohmann::json;

json refTo(const std::string& name) {
    return {{"$ref", "#/components/" + name}};
}

constexpr int kErrorStatuses[] = {400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 431, 500, 503};

/// Error responses by reference to components/responses, so the document stays small.
json errorResponses(std::initializer_list<int> statuses) {
    json out = json::object();
    for (int s : statuses)
        out[std::to_string(s)] = refTo("responses/E" + std::to_string(s));
    return out;
}

json jsonOk(const std::string& description, const json& schema,
            const std::string& type = "application/json") {
    return {{"description", description}, {"content", {{type, {{"schema", schema}}}}}};
}

json op(const std::string& summary, const std::string& id, json parameters, json responses) {
    json o = {{"summary", summary}, {"operationId", id}, {"responses", std::move(responses)}};
    if (!parameters.empty())
        o["parameters"] = std::move(parameters);
    return o;
}

json merge(json a, const json& b) {
    for (const auto& [k, v] : b.items())
        a[k] = v;
    return a;
}

std::string camel(std::string_view path) {
    std::string out;
    bool up = false;
    for (char ch : path) {
        if (ch == '-') {
            up = true;
            continue;
        }
        out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
        up = false;
    }
    return out;
}

json build() {
    json doc;
    doc["openapi"] = "3.0.3";
    doc["info"] = {
        {"title", "Koppelkans local API"},
        {"version", "1.0.0"},
        {"description",
         "REST access to one Koppelkans workspace and OGC API - Features for its areas, projects "
         "and indicators. Every request needs 'Authorization: Bearer <token>' (see docs/api.md). "
         "Money is exchanged as whole euro cents in '<name>_cents' with a display string in "
         "'<name>_formatted'. Errors are {\"error\": {code, message, where, hint}}."}};
    doc["servers"] = json::array({{{"url", "http://127.0.0.1:8765"}}});
    doc["security"] = json::array({{{"bearer", json::array()}}});

    json& c = doc["components"];
    c["securitySchemes"]["bearer"] = {{"type", "http"}, {"scheme", "bearer"}};
    for (int s : kErrorStatuses)
        c["responses"]["E" + std::to_string(s)] = {
            {"description", std::string(reasonPhrase(s))},
            {"content", {{"application/json", {{"schema", refTo("schemas/Error")}}}}}};
    c["schemas"]["Error"] = {{"type", "object"},
                             {"required", json::array({"error"})},
                             {"properties",
                              {{"error",
                                {{"type", "object"},
                                 {"required", json::array({"code", "message", "where", "hint"})},
                                 {"properties",
                                  {{"code", {{"type", "string"}}},
                                   {"message", {{"type", "string"}}},
                                   {"where", {{"type", "string"}}},
                                   {"hint", {{"type", "string"}}}}}}}}}};
    c["schemas"]["Link"] = {{"type", "object"},
                            {"required", json::array({"href", "rel"})},
                            {"properties",
                             {{"href", {{"type", "string"}}},
                              {"rel", {{"type", "string"}}},
                              {"type", {{"type", "string"}}},
                              {"title", {{"type", "string"}}}}}};
    c["schemas"]["Page"] = {{"type", "object"},
                            {"properties",
                             {{"items", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                              {"total", {{"type", "integer"}}},
                              {"returned", {{"type", "integer"}}},
                              {"limit", {{"type", "integer"}}},
                              {"offset", {{"type", "integer"}}},
                              {"links", {{"type", "array"}, {"items", refTo("schemas/Link")}}}}}};
    c["schemas"]["FeatureCollection"] = {
        {"type", "object"},
        {"required", json::array({"type", "features"})},
        {"properties",
         {{"type", {{"type", "string"}, {"enum", json::array({"FeatureCollection"})}}},
          {"features", {{"type", "array"}, {"items", refTo("schemas/Feature")}}},
          {"numberMatched", {{"type", "integer"}, {"minimum", 0}}},
          {"numberReturned", {{"type", "integer"}, {"minimum", 0}}},
          {"timeStamp", {{"type", "string"}, {"format", "date-time"}}},
          {"links", {{"type", "array"}, {"items", refTo("schemas/Link")}}}}}};
    c["schemas"]["Feature"] = {
        {"type", "object"},
        {"required", json::array({"type", "geometry", "properties"})},
        {"properties",
         {{"type", {{"type", "string"}, {"enum", json::array({"Feature"})}}},
          {"id", {{"type", "integer"}}},
          {"geometry", {{"type", "object"}, {"nullable", true}}},
          {"properties", {{"type", "object"}, {"nullable", true}}},
          {"links", {{"type", "array"}, {"items", refTo("schemas/Link")}}}}}};

    c["parameters"]["limit"] = {
        {"name", "limit"},
        {"in", "query"},
        {"required", false},
        {"style", "form"},
        {"explode", false},
        {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}, {"default", 10}}}};
    c["parameters"]["restLimit"] = {
        {"name", "limit"},
        {"in", "query"},
        {"required", false},
        {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}, {"default", 100}}}};
    c["parameters"]["offset"] = {{"name", "offset"},
                                 {"in", "query"},
                                 {"required", false},
                                 {"schema", {{"type", "integer"}, {"minimum", 0}, {"default", 0}}}};
    c["parameters"]["bbox"] = {
        {"name", "bbox"},
        {"in", "query"},
        {"required", false},
        {"style", "form"},
        {"explode", false},
        {"schema",
         {{"type", "array"}, {"minItems", 4}, {"maxItems", 6}, {"items", {{"type", "number"}}}}}};
    c["parameters"]["bbox-crs"] = {{"name", "bbox-crs"},
                                   {"in", "query"},
                                   {"required", false},
                                   {"schema", {{"type", "string"}, {"format", "uri"}}}};
    c["parameters"]["crs"] = {{"name", "crs"},
                              {"in", "query"},
                              {"required", false},
                              {"schema", {{"type", "string"}, {"format", "uri"}}}};
    c["parameters"]["collectionId"] = {{"name", "collectionId"},
                                       {"in", "path"},
                                       {"required", true},
                                       {"schema", {{"type", "string"}}}};
    c["parameters"]["featureId"] = {{"name", "featureId"},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", {{"type", "integer"}}}};
    c["parameters"]["id"] = {
        {"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}};
    c["parameters"]["format"] = {
        {"name", "format"},
        {"in", "query"},
        {"required", false},
        {"schema", {{"type", "string"}, {"enum", json::array({"json", "csv", "xlsx"})}}}};

    json& p = doc["paths"];
    const json common = errorResponses({400, 401, 404, 500});
    p["/"]["get"] = op("OGC API landing page", "getLandingPage", json::array(),
                       merge(common, {{"200", jsonOk("links to the API", {{"type", "object"}})}}));
    p["/conformance"]["get"] =
        op("Conformance classes", "getConformance", json::array(),
           merge(common, {{"200", jsonOk("conformsTo list", {{"type", "object"}})}}));
    p["/collections"]["get"] =
        op("Feature collections: areas, projects, indicator-<code>", "getCollections",
           json::array(), merge(common, {{"200", jsonOk("collections", {{"type", "object"}})}}));
    p["/collections/{collectionId}"]["get"] =
        op("One collection", "describeCollection", json::array({refTo("parameters/collectionId")}),
           merge(common, {{"200", jsonOk("collection", {{"type", "object"}})}}));
    p["/collections/{collectionId}/items"]["get"] =
        op("Features of a collection (GeoJSON)", "getFeatures",
           json::array({refTo("parameters/collectionId"), refTo("parameters/limit"),
                        refTo("parameters/offset"), refTo("parameters/bbox"),
                        refTo("parameters/bbox-crs"), refTo("parameters/crs")}),
           merge(common, {{"200", jsonOk("features", refTo("schemas/FeatureCollection"),
                                         "application/geo+json")}}));
    p["/collections/{collectionId}/items/{featureId}"]["get"] =
        op("One feature (GeoJSON)", "getFeature",
           json::array({refTo("parameters/collectionId"), refTo("parameters/featureId"),
                        refTo("parameters/crs")}),
           merge(common,
                 {{"200", jsonOk("feature", refTo("schemas/Feature"), "application/geo+json")}}));
    p["/api/v1"]["get"] = op("API index: entities and links", "getApiIndex", json::array(),
                             merge(common, {{"200", jsonOk("index", {{"type", "object"}})}}));
    p["/api/v1/openapi.json"]["get"] =
        op("This document", "getOpenApi", json::array(),
           {{"200", jsonOk("OpenAPI 3.0", {{"type", "object"}},
                           "application/vnd.oai.openapi+json;version=3.0")}});
    p["/api/v1/reports"]["get"] =
        op("Available reports", "listReports", json::array(),
           merge(common, {{"200", jsonOk("reports", {{"type", "object"}})}}));
    p["/api/v1/reports/{reportId}"]["get"] = op(
        "A report as JSON or CSV (format= or Accept; xlsx when the build provides it)", "getReport",
        json::array(
            {{{"name", "reportId"},
              {"in", "path"},
              {"required", true},
              {"schema",
               {{"type", "string"}, {"enum", json::array({"project-funding", "fund-usage"})}}}},
             refTo("parameters/format")}),
        merge(errorResponses({400, 401, 404, 406, 500}),
              {{"200",
                {{"description", "the report"},
                 {"content",
                  {{"application/json", {{"schema", {{"type", "object"}}}}},
                   {"text/csv", {{"schema", {{"type", "string"}}}}}}}}}}));

    for (const auto& e : entityDefs()) {
        const std::string base = "/api/v1/" + std::string(e.path);
        const std::string name = camel(e.path);
        json listParams = json::array({refTo("parameters/restLimit"), refTo("parameters/offset")});
        p[base]["get"] =
            op(std::string(e.title) + " (filter with ?<column>=<value>; see docs/api.md)",
               "list_" + name, listParams,
               merge(common, {{"200", jsonOk("a page", refTo("schemas/Page"))}}));
        p[base + "/{id}"]["get"] =
            op(std::string(e.title) + ": one by id", "get_" + name,
               json::array({refTo("parameters/id")}),
               merge(common, {{"200", jsonOk("the entity", {{"type", "object"}})}}));
        if (!e.writable)
            continue;
        const json body = {{"required", true},
                           {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
        json create = op("Create (audited under the token's user)", "create_" + name, json::array(),
                         merge(errorResponses({400, 401, 403, 409, 413, 415, 422, 500}),
                               {{"201", jsonOk("created", {{"type", "object"}})}}));
        create["requestBody"] = body;
        p[base]["post"] = create;
        json update = op("Update some fields (audited under the token's user)", "update_" + name,
                         json::array({refTo("parameters/id")}),
                         merge(errorResponses({400, 401, 403, 404, 409, 413, 415, 422, 500}),
                               {{"200", jsonOk("updated", {{"type", "object"}})}}));
        update["requestBody"] = body;
        p[base + "/{id}"]["patch"] = update;
    }
    return doc;
}

}  // namespace

const json& openApiDocument() {
    static const json kDoc = build();
    return kDoc;
}

}  // namespace kk::server
