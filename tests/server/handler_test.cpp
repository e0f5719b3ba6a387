// The handler without sockets: authentication, refusals that leave the workspace unchanged,
// audited writes, paging and filters, funding totals, OGC API Features, reports, OpenAPI.
#include <fstream>
#include <sstream>

#include "core/server/gpkg_geojson.h"
#include "core/server/http_message.h"
#include "core/server/routes.h"
#include "core/server/server.h"
#include "server_fixture.h"

namespace kk::server::test {
namespace {

using nlohmann::json;

class HandlerTest : public ServerFixture {
  protected:
    Response call(const std::string& method, const std::string& target,
                  const std::string& token = {}, const std::string& body = {}) {
        Request r;
        r.method = method;
        r.target = target;
        r.headers.emplace_back("host", "127.0.0.1:9999");
        if (!token.empty())
            r.headers.emplace_back("authorization", "Bearer " + token);
        if (!body.empty())
            r.headers.emplace_back("content-type", "application/json");
        r.body = body;
        return handler().handleDirect(r);
    }
    json get(const std::string& target, int expect = 200) {
        Response r = call("GET", target, m_rw.token);
        EXPECT_EQ(r.status, expect) << target << " -> " << r.body;
        return json::parse(r.body);
    }
    ApiHandler& handler() {
        if (!m_handler)
            m_handler = std::make_unique<ApiHandler>(*m_ws, tokens(), m_options);
        return *m_handler;
    }
    static std::string errorCode(const Response& r) {
        return json::parse(r.body).at("error").at("code").get<std::string>();
    }

    HandlerOptions m_options;
    std::unique_ptr<ApiHandler> m_handler;
};

TEST_F(HandlerTest, RequiresABearerToken) {
    Response r = call("GET", "/api/v1/projects");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(errorCode(r), "auth.missing_token");
    const json e = json::parse(r.body)["error"];
    EXPECT_FALSE(e["hint"].get<std::string>().empty());
    EXPECT_EQ(call("GET", "/api/v1/projects", std::string(64, 'c')).status, 401);
    EXPECT_EQ(call("GET", "/collections", std::string(63, 'a')).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/projects", m_ro.token).status, 200);
}

TEST_F(HandlerTest, PublicReadOpensOnlyOgcGets) {
    m_options.publicOgcRead = true;
    EXPECT_EQ(call("GET", "/collections/areas/items").status, 200);
    EXPECT_EQ(call("GET", "/").status, 200);
    EXPECT_EQ(call("GET", "/api/v1/projects").status, 401);
    EXPECT_EQ(call("POST", "/api/v1/projects", {}, R"({"code":"X","name":"Y"})").status, 401);
}

TEST_F(HandlerTest, RefusedWritesLeaveTheWorkspaceUnchanged) {
    const auto before = snapshot();
    const std::string good = R"({"code":"NEW","name":"New project"})";
    Response ro = call("POST", "/api/v1/projects", m_ro.token, good);
    EXPECT_EQ(ro.status, 403);
    EXPECT_EQ(errorCode(ro), "auth.read_only_token");
    EXPECT_EQ(call("POST", "/api/v1/projects", m_rw.token, R"({"code": "X", )").status, 400);
    EXPECT_EQ(call("POST", "/api/v1/projects", m_rw.token, "[1,2]").status, 400);
    EXPECT_EQ(call("POST", "/api/v1/projects", m_rw.token, R"({"name":"no code"})").status, 422);
    EXPECT_EQ(call("POST", "/api/v1/projects", m_rw.token, R"({"code":"P00","name":"dup"})").status,
              409);
    EXPECT_EQ(
        call("POST", "/api/v1/projects", m_rw.token, R"({"code":"Z","name":"z","bogus":1})").status,
        422);
    EXPECT_EQ(call("POST", "/api/v1/projects", m_rw.token,
                   R"({"code":"Z","name":"z","start_date":"2026-05-01","end_date":"2026-01-01"})")
                  .status,
              422);
    EXPECT_EQ(
        call("POST", "/api/v1/projects", m_rw.token, R"({"code":"Z","name":"z","area_id":999999})")
            .status,
        422);
    const std::string pid = std::to_string(m_projectIds[0]);
    // Negative amount (core/model validation) and amount as a float (ambiguous): refused.
    EXPECT_EQ(call("POST", "/api/v1/cost-items", m_rw.token,
                   R"({"code":"C9","project_id":)" + pid +
                       R"(,"category":"works","year":2026,"amount_cents":-5})")
                  .status,
              422);
    EXPECT_EQ(call("POST", "/api/v1/cost-items", m_rw.token,
                   R"({"code":"C9","project_id":)" + pid +
                       R"(,"category":"works","year":2026,"amount":12.5})")
                  .status,
              422);
    // awarded -> idea is not an allowed status transition.
    Response tr = call("PATCH", "/api/v1/projects/" + pid, m_rw.token, R"({"status":"idea"})");
    EXPECT_EQ(tr.status, 422) << tr.body;
    EXPECT_EQ(call("PATCH", "/api/v1/projects/999999", m_rw.token, R"({"name":"x"})").status, 404);
    EXPECT_EQ(call("POST", "/api/v1/awards", m_rw.token, R"({"amount_cents":1})").status, 405);
    Request wrongType;
    wrongType.method = "POST";
    wrongType.target = "/api/v1/projects";
    wrongType.headers = {{"authorization", "Bearer " + m_rw.token}, {"content-type", "text/plain"}};
    wrongType.body = good;
    EXPECT_EQ(handler().handleDirect(wrongType).status, 415);
    EXPECT_EQ(snapshot(), before);
}

TEST_F(HandlerTest, ReadOnlyModeRefusesEveryWrite) {
    m_options.readOnly = true;
    const auto before = snapshot();
    Response r = call("POST", "/api/v1/projects", m_rw.token, R"({"code":"N","name":"n"})");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(errorCode(r), "server.read_only");
    EXPECT_EQ(snapshot(), before);
}

TEST_F(HandlerTest, WritesAreValidatedAndAuditedUnderTheTokensUser) {
    const auto auditBefore = count("kk_audit");
    Response created = call("POST", "/api/v1/projects", m_rw.token,
                            R"({"code":"NEW","name":"New project","themes":["water","green"],)"
                            R"("start_date":"1/3/2026"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const json p = json::parse(created.body);
    EXPECT_EQ(p["code"], "NEW");
    EXPECT_EQ(p["status"], "idea");
    EXPECT_EQ(p["themes"], "water;green");
    EXPECT_EQ(p["start_date"], "2026-03-01");
    const std::int64_t id = p["id"];
    EXPECT_EQ(count("kk_audit"), auditBefore + 1);
    auto st = m_ws->db().prepare("SELECT user, label FROM kk_audit ORDER BY id DESC LIMIT 1");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.getText(0), "alice");
    EXPECT_EQ(st.getText(1), "API: create projects NEW");

    Response patched = call("PATCH", "/api/v1/projects/" + std::to_string(id), m_rw.token,
                            R"({"status":"application","name":"Renamed"})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(json::parse(patched.body)["name"], "Renamed");
    EXPECT_EQ(count("kk_audit"), auditBefore + 2);

    Response cost = call("POST", "/api/v1/cost-items", m_rw.token,
                         R"({"code":"NEW-C1","project_id":)" + std::to_string(id) +
                             R"(,"category":"works","year":2026,"amount":"1.234,56"})");
    ASSERT_EQ(cost.status, 201) << cost.body;
    EXPECT_EQ(json::parse(cost.body)["amount_cents"], 123456);
    EXPECT_EQ(json::parse(cost.body)["amount_formatted"], "€ 1.234,56");
    Response expense = call("POST", "/api/v1/expenses", m_rw.token,
                            R"({"code":"INV-9","project_id":)" + std::to_string(id) +
                                R"(,"date":"2026-04-02","amount_cents":9900,"vat_cents":2079})");
    ASSERT_EQ(expense.status, 201) << expense.body;
    Response m = call("POST", "/api/v1/measurements", m_rw.token,
                      R"({"indicator_id":)" + std::to_string(m_indicatorId) +
                          R"(,"subject_kind":"project","subject_id":)" + std::to_string(id) +
                          R"(,"year":2026,"value":"42.25"})");
    ASSERT_EQ(m.status, 201) << m.body;
    EXPECT_EQ(json::parse(m.body)["value"], "42.25");

    const json proj = get("/api/v1/projects/" + std::to_string(id));
    EXPECT_EQ(proj["funding"]["cost_total_cents"], 123456);
    EXPECT_EQ(proj["funding"]["expenses_total_cents"], 9900);
    auto users = m_ws->db().prepare("SELECT COUNT(*) FROM kk_audit WHERE user = 'alice'");
    ASSERT_TRUE(users.step());
    EXPECT_EQ(users.getInt(0), 5);
}

TEST_F(HandlerTest, ListsArePagedAndFiltered) {
    json page = get("/api/v1/projects?limit=10&offset=20");
    EXPECT_EQ(page["total"], 25);
    EXPECT_EQ(page["returned"], 5);
    EXPECT_EQ(page["items"][0]["code"], "P20");
    bool hasPrev = false, hasNext = false;
    for (const auto& l : page["links"]) {
        hasPrev |= l["rel"] == "prev";
        hasNext |= l["rel"] == "next";
        if (l["rel"] == "prev")
            EXPECT_EQ(l["href"], "http://127.0.0.1:9999/api/v1/projects?limit=10&offset=10");
    }
    EXPECT_TRUE(hasPrev);
    EXPECT_FALSE(hasNext);

    json awarded = get("/api/v1/projects?status=awarded&programme=SV2026&limit=5");
    EXPECT_EQ(awarded["total"], 13);
    EXPECT_EQ(awarded["returned"], 5);
    EXPECT_EQ(awarded["items"][1]["code"], "P02");
    EXPECT_EQ(awarded["items"][0]["programmes"], json::array({"SV2026"}));
    EXPECT_EQ(get("/api/v1/projects?status=idea&programme=SV2026")["total"], 0);
    EXPECT_EQ(get("/api/v1/cost-items?project=P00")["total"], 2);
    EXPECT_EQ(get("/api/v1/projects?nope=1", 400)["error"]["code"], "request.unknown_filter");
    EXPECT_EQ(get("/api/v1/projects?limit=abc", 400)["error"]["code"], "request.bad_parameter");
    EXPECT_EQ(get("/api/v1/projects?limit=0", 400)["error"]["code"], "request.bad_parameter");
    EXPECT_EQ(get("/api/v1/funds")["items"][0]["budget_cents"], 100000000);
    EXPECT_EQ(get("/api/v1/areas?limit=1")["items"][0].contains("geom"), false);
    EXPECT_EQ(get("/api/v1/allocation-runs")["total"], 0);
}

TEST_F(HandlerTest, ProjectsCarryFundingTotals) {
    const json p = get("/api/v1/projects/" + std::to_string(m_projectIds[0]));
    const json& f = p["funding"];
    EXPECT_EQ(f["cost_total_cents"], 150000);
    EXPECT_EQ(f["granted_cents"], 120000);
    EXPECT_EQ(f["granted_formatted"], "€ 1.200,00");
    EXPECT_EQ(f["expenses_total_cents"], 30000);
    EXPECT_EQ(f["unfunded_cents"], 30000);
    ASSERT_EQ(f["by_fund"].size(), 1u);
    EXPECT_EQ(f["by_fund"][0]["fund"], "F-SV");
    EXPECT_EQ(f["by_fund"][0]["amount_cents"], 120000);
}

TEST_F(HandlerTest, PathTricksAreRefused) {
    for (const char* t :
         {"/api/v1/../../etc/passwd", "/api/v1/%2e%2e/%2E%2E/etc/passwd", "//collections",
          "/api//v1/projects", "/collections/areas/items/..", "/api/v1/projects/%2F", "/nothing",
          "/api/v1/nothing", "/api/v1/projects/abc", "/collections/nope/items"}) {
        Response r = call("GET", t, m_rw.token);
        EXPECT_TRUE(r.status == 404 || r.status == 400) << t << " -> " << r.status;
        EXPECT_TRUE(json::parse(r.body).contains("error")) << t;
    }
    for (std::string t :
         {std::string("/api/v1/projects\0x", 18), std::string("/api/v1/%00"),
          std::string("/api/v1/%zz"), std::string("http://evil/x"), std::string("/api\\v1")}) {
        EXPECT_EQ(call("GET", t, m_rw.token).status, 400) << t;
    }
    EXPECT_EQ(call("DELETE", "/api/v1/projects/1", m_rw.token).status, 405);
}

TEST_F(HandlerTest, OgcLandingConformanceAndCollections) {
    const json landing = get("/");
    std::set<std::string> rels;
    for (const auto& l : landing["links"])
        rels.insert(l["rel"].get<std::string>());
    EXPECT_TRUE(rels.count("service-desc") && rels.count("conformance") && rels.count("data"));
    const json conf = get("/conformance");
    EXPECT_NE(conf["conformsTo"].dump().find("ogcapi-features-1/1.0/conf/geojson"),
              std::string::npos);
    const json cols = get("/collections");
    std::vector<std::string> ids;
    for (const auto& c : cols["collections"])
        ids.push_back(c["id"]);
    EXPECT_EQ(ids, (std::vector<std::string>{"areas", "projects", "indicator-GREEN"}));
    EXPECT_EQ(get("/collections/projects")["storageCrs"],
              "http://www.opengis.net/def/crs/EPSG/0/31370");
}

TEST_F(HandlerTest, OgcItemsPageAndFilterByBbox) {
    m_options.toCrs84 = testToCrs84;
    json items = get("/collections/projects/items");
    EXPECT_EQ(items["type"], "FeatureCollection");
    EXPECT_EQ(items["numberMatched"], 25);
    EXPECT_EQ(items["numberReturned"], 10);
    bool next = false;
    for (const auto& l : items["links"])
        if (l["rel"] == "next") {
            next = true;
            EXPECT_EQ(l["href"],
                      "http://127.0.0.1:9999/collections/projects/items?limit=10&offset=10");
        }
    EXPECT_TRUE(next);
    const json& f0 = items["features"][0];
    EXPECT_EQ(f0["properties"]["code"], "P00");
    EXPECT_EQ(f0["properties"]["granted_cents"], 120000);
    EXPECT_EQ(f0["geometry"]["type"], "MultiPolygon");
    // Area 0 starts at (150000, 170000): (4.0, 50.0 + 20000/111000) in the test transform.
    EXPECT_DOUBLE_EQ(f0["geometry"]["coordinates"][0][0][0][0].get<double>(), 4.0);
    EXPECT_NEAR(f0["geometry"]["coordinates"][0][0][0][1].get<double>(), 50.18018, 1e-5);

    // Areas 0..9 sit at x = 4.0 + 2i/70 .. +1/70. This bbox catches areas 1 and 2 only.
    const std::string bbox = "bbox=4.02,50.1,4.06,50.3";
    json a = get("/collections/areas/items?" + bbox);
    EXPECT_EQ(a["numberMatched"], 2);
    EXPECT_EQ(a["features"][0]["properties"]["code"], "A1");
    EXPECT_EQ(a["features"][1]["properties"]["code"], "A2");
    // Projects on areas 1 and 2: P01, P02, P11, P12, P21, P22.
    json p = get("/collections/projects/items?limit=4&offset=4&" + bbox);
    EXPECT_EQ(p["numberMatched"], 6);
    EXPECT_EQ(p["numberReturned"], 2);
    EXPECT_EQ(p["features"][0]["properties"]["code"], "P21");
    // The same filter in Lambert 72 metres.
    json l =
        get("/collections/areas/items?bbox=152500,170500,152600,170600&bbox-crs=http://"
            "www.opengis.net/def/crs/EPSG/0/31370");
    EXPECT_EQ(l["numberMatched"], 1);
    EXPECT_EQ(l["features"][0]["properties"]["code"], "A1");
    json native = get("/collections/areas/items/" + std::to_string(m_areaIds[1]) +
                      "?crs=http://www.opengis.net/def/crs/EPSG/0/31370");
    EXPECT_DOUBLE_EQ(native["geometry"]["coordinates"][0][0][0][0].get<double>(), 152000.0);

    json ind = get("/collections/indicator-GREEN/items");
    EXPECT_EQ(ind["numberMatched"], 3);
    EXPECT_EQ(ind["features"][2]["properties"]["value_number"], 300.5);
    EXPECT_EQ(ind["features"][2]["properties"]["area_code"], "A2");

    EXPECT_EQ(get("/collections/areas/items?bbox=1,2,3", 400)["error"]["code"], "ogc.bbox");
    EXPECT_EQ(get("/collections/areas/items?limit=-1", 400)["error"]["code"],
              "request.bad_parameter");
    EXPECT_EQ(get("/collections/areas/items?limit=20000")["numberReturned"], 10);
    EXPECT_EQ(get("/collections/areas/items?foo=1", 400)["error"]["code"], "ogc.unknown_parameter");
    EXPECT_EQ(get("/collections/areas/items/999999", 404)["error"]["code"], "ogc.not_found");
    Response r = call("GET", "/collections/areas/items", m_rw.token);
    EXPECT_EQ(r.contentType, "application/geo+json");
}

TEST_F(HandlerTest, ReportsNegotiateJsonCsvAndTheXlsxHook) {
    json j = get("/api/v1/reports/project-funding");
    EXPECT_EQ(j["rows"][0]["code"], "P00");
    EXPECT_EQ(j["rows"][0]["granted_cents"], 120000);
    Response csv = call("GET", "/api/v1/reports/project-funding?format=csv", m_rw.token);
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(csv.contentType, "text/csv; charset=utf-8");
    EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")),
              "code,name,status,cost_total_eur,granted_eur,expenses_total_eur,unfunded_eur");
    EXPECT_NE(csv.body.find("P00,Project 0,awarded,1500.00,1200.00,300.00,300.00\r\n"),
              std::string::npos);
    Request accept;
    accept.method = "GET";
    accept.target = "/api/v1/reports/fund-usage";
    accept.headers = {{"authorization", "Bearer " + m_rw.token}, {"accept", "text/csv"}};
    Response viaAccept = handler().handleDirect(accept);
    EXPECT_NE(viaAccept.body.find("F-SV,Stadsvernieuwingsfonds,1000000.00,1200.00,998800.00,1"),
              std::string::npos)
        << viaAccept.body;
    EXPECT_EQ(call("GET", "/api/v1/reports/fund-usage?format=xlsx", m_rw.token).status, 406);
    m_handler.reset();
    m_options.reportRenderer = [](const ReportTable& t,
                                  std::string_view format) -> Result<std::string> {
        return "XLSX:" + t.id + ":" + std::to_string(t.rows.size()) + ":" + std::string(format);
    };
    Response x = call("GET", "/api/v1/reports/fund-usage?format=xlsx", m_rw.token);
    EXPECT_EQ(x.status, 200);
    EXPECT_EQ(x.body, "XLSX:fund-usage:1:xlsx");
}

TEST_F(HandlerTest, OpenApiIsServedAndMatchesDocs) {
    const json served = get("/api/v1/openapi.json");
    EXPECT_EQ(served["openapi"], "3.0.3");
    EXPECT_TRUE(served["paths"].contains("/collections/{collectionId}/items"));
    EXPECT_TRUE(served["paths"]["/api/v1/projects/{id}"].contains("patch"));
    const std::string docsPath = std::string(KK_SOURCE_DIR) + "/docs/openapi.json";
    if (const char* update = std::getenv("KK_UPDATE_OPENAPI"); update && *update == '1') {
        std::ofstream(docsPath) << openApiDocument().dump(2) << "\n";
    }
    std::ifstream in(docsPath);
    ASSERT_TRUE(in) << docsPath << " is missing; run with KK_UPDATE_OPENAPI=1";
    EXPECT_EQ(json::parse(in), served)
        << "docs/openapi.json is stale; regenerate with KK_UPDATE_OPENAPI=1";
}

TEST(GpkgGeoJson, RejectsMalformedBlobsWithoutReadingOutOfBounds) {
    auto good = squareBlob(0, 0, 10);
    auto g = gpkgToGeoJson(good, {});
    ASSERT_TRUE(g);
    EXPECT_EQ(g->geometry["type"], "MultiPolygon");
    EXPECT_DOUBLE_EQ(g->envelope->maxX, 10.0);
    for (std::size_t n = 0; n < good.size(); ++n) {
        std::vector<std::uint8_t> cut(good.begin(), good.begin() + n);
        EXPECT_FALSE(gpkgToGeoJson(cut, {})) << n;
    }
    auto huge = good;
    huge[13] = 0xff;  // the polygon count becomes enormous
    huge[14] = 0xff;
    EXPECT_FALSE(gpkgToGeoJson(huge, {}));
    std::vector<std::uint8_t> empty = {'G', 'P', 0, 0x11, 0, 0, 0, 0};
    auto e = gpkgToGeoJson(empty, {});
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->geometry.is_null());
}

TEST(Tokens, StoredOutsideTheWorkspaceWithMode0600AndRotatable) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("kk_tokens_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const std::string ws = (dir / "w.gpkg").string();
    auto t1 = loadOrCreateTokens(ws, "carol", (dir / "config").string());
    ASSERT_TRUE(t1.ok()) << t1.error().message();
    EXPECT_TRUE(t1.value().created);
    ASSERT_EQ(t1.value().tokens.size(), 2u);
    EXPECT_EQ(t1.value().tokens[0].token.size(), 64u);
    EXPECT_EQ(t1.value().first(Access::ReadWrite)->user, "carol");
    const auto perms = std::filesystem::status(t1.value().file).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_EQ(t1.value().file.rfind((dir / "config" / "tokens").string(), 0), 0u);
    auto t2 = loadOrCreateTokens(ws, "carol", (dir / "config").string());
    ASSERT_TRUE(t2.ok());
    EXPECT_FALSE(t2.value().created);
    EXPECT_EQ(t2.value().tokens[0].token, t1.value().tokens[0].token);
    auto t3 = rotateTokens(ws, "carol", (dir / "config").string());
    ASSERT_TRUE(t3.ok());
    EXPECT_NE(t3.value().tokens[0].token, t1.value().tokens[0].token);
    TokenSet set(t3.value().tokens);
    EXPECT_FALSE(set.check(t1.value().tokens[0].token));
    EXPECT_EQ(set.check(t3.value().tokens[1].token)->access, Access::Read);
    std::filesystem::permissions(t3.value().file, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    EXPECT_FALSE(loadOrCreateTokens(ws, "carol", (dir / "config").string()).ok());
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kk::server::test
