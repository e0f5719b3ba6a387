// GET /api/v1/...: every entity as a filtered, paged list and by id; projects with their
// funding totals; the API index.
#include <algorithm>
#include <array>

#include "core/base/money.h"
#include "core/server/routes.h"

namespace kk::server {
namespace {

using nlohmann::json;

constexpr EntityDef kEntities[] = {
    {"municipalities", "kk_municipality", "rowid", "Flemish municipalities (reference data)"},
    {"governments", "kk_government", "id", "Local governments"},
    {"actors", "kk_actor", "id", "Actors (organisations taking part)"},
    {"areas", "areas", "fid", "Areas (geometry under /collections/areas)"},
    {"coalitions", "kk_coalition", "id", "Coalitions"},
    {"coalition-members", "kk_coalition_member", "id", "Coalition members"},
    {"programmes", "kk_programme", "id", "Funding programmes"},
    {"funds", "kk_fund", "id", "Funds"},
    {"calls", "kk_call", "id", "Calls for proposals"},
    {"call-criteria", "kk_call_criterion", "id", "Criteria of calls"},
    {"projects", "kk_project", "id", "Projects with funding totals", true},
    {"cost-items", "kk_cost_item", "id", "Planned costs", true},
    {"expenses", "kk_expense", "id", "Realised costs", true},
    {"awards", "kk_award", "id", "Funding decisions"},
    {"payment-tranches", "kk_payment_tranche", "id", "Payment tranches"},
    {"claims", "kk_claim", "id", "Claims"},
    {"recoveries", "kk_recovery", "id", "Recoveries"},
    {"indicators", "kk_indicator", "id", "Indicators"},
    {"targets", "kk_target", "id", "Indicator targets"},
    {"measurements", "kk_measurement", "id", "Indicator measurements", true},
    {"policy-goals", "kk_policy_goal", "id", "BBC policy goals"},
    {"action-plans", "kk_action_plan", "id", "BBC action plans"},
    {"actions", "kk_action", "id", "BBC actions"},
    {"external-codes", "kk_external_code", "id", "External reporting codes"},
    {"allocation-runs", "kk_allocation_run", "id", "Cost allocation runs"},
    {"scripts", "kk_script", "id", "Lua scripts stored in the workspace"},
    {"audit", "kk_audit", "id", "Audit trail (one entry per change set)"},
};

constexpr std::array<std::string_view, 6> kMoneyColumns = {
    "amount", "vat", "budget", "cap_per_project", "cap_per_partner", "cap_per_year"};
constexpr std::array<std::string_view, 3> kJsonColumns = {"input_json", "result_json", "rule_json"};
constexpr std::array<std::string_view, 2> kBoolColumns = {"eligible", "milestone"};
/// Query parameters that are not column filters.
constexpr std::array<std::string_view, 4> kReserved = {"limit", "offset", "format", "f"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& a, std::string_view v) {
    return std::find(a.begin(), a.end(), v) != a.end();
}

/// Filters that follow a relation by code instead of an id column.
struct CodeFilter {
    std::string_view entity;
    std::string_view param;
    std::string_view sql;  ///< a condition with one '?'
};
constexpr CodeFilter kCodeFilters[] = {
    {"projects", "programme",
     "id IN (SELECT pp.project_id FROM kk_project_programme pp JOIN kk_programme p "
     "ON p.id = pp.programme_id WHERE p.code = ?)"},
    {"funds", "programme", "programme_id IN (SELECT id FROM kk_programme WHERE code = ?)"},
    {"calls", "programme", "programme_id IN (SELECT id FROM kk_programme WHERE code = ?)"},
    {"indicators", "programme", "programme_id IN (SELECT id FROM kk_programme WHERE code = ?)"},
    {"awards", "programme",
     "fund_id IN (SELECT f.id FROM kk_fund f JOIN kk_programme p ON p.id = f.programme_id "
     "WHERE p.code = ?)"},
    {"awards", "fund", "fund_id IN (SELECT id FROM kk_fund WHERE code = ?)"},
    {"awards", "project", "project_id IN (SELECT id FROM kk_project WHERE code = ?)"},
    {"cost-items", "project", "project_id IN (SELECT id FROM kk_project WHERE code = ?)"},
    {"expenses", "project", "project_id IN (SELECT id FROM kk_project WHERE code = ?)"},
    {"measurements", "indicator", "indicator_id IN (SELECT id FROM kk_indicator WHERE code = ?)"},
    {"projects", "coalition", "coalition_id IN (SELECT id FROM kk_coalition WHERE code = ?)"},
};

std::string ident(std::string_view ident) {
    return "\"" + std::string(ident) + "\"";
}

/// SELECT list of an entity: every column but blobs; rowid-keyed tables expose it as "id".
std::string selectList(Workspace& ws, const EntityDef& e) {
    std::string cols = e.key == "rowid" ? "rowid AS id" : "";
    for (const auto& col : ws.columnsOf(e.table)) {
        if (col == "geom")
            continue;
        cols += (cols.empty() ? "" : ", ") + ident(col);
    }
    return cols;
}

json programmesOf(Workspace& ws, std::int64_t projectId) {
    auto st = ws.db().prepare(
        "SELECT p.code FROM kk_project_programme pp JOIN kk_programme p ON p.id = "
        "pp.programme_id WHERE pp.project_id = ? ORDER BY p.code");
    st.bind(1, projectId);
    json out = json::array();
    while (st.step())
        out.push_back(st.getText(0));
    return out;
}

void enrich(Workspace& ws, const EntityDef& e, json& item) {
    if (e.path == "projects") {
        const std::int64_t id = item.at("id").get<std::int64_t>();
        item["programmes"] = programmesOf(ws, id);
        item["funding"] = projectFunding(ws, id);
    }
}

std::int64_t parseId(std::string_view text) {
    std::int64_t v = 0;
    if (text.empty() || text.size() > 18)
        fail(404, "request.not_found", "no such id", std::string(text));
    for (char ch : text) {
        if (ch < '0' || ch > '9')
            fail(404, "request.not_found", "ids are whole numbers", std::string(text));
        v = v * 10 + (ch - '0');
    }
    return v;
}

Response apiIndex(Context& c) {
    json links = json::array();
    links.push_back(
        {{"rel", "self"}, {"href", c.baseUrl + "/api/v1"}, {"type", "application/json"}});
    links.push_back({{"rel", "service-desc"},
                     {"href", c.baseUrl + "/api/v1/openapi.json"},
                     {"type", "application/vnd.oai.openapi+json;version=3.0"}});
    json entities = json::array();
    for (const auto& e : kEntities)
        entities.push_back({{"name", e.path},
                            {"title", e.title},
                            {"href", c.baseUrl + "/api/v1/" + std::string(e.path)},
                            {"writable", e.writable}});
    entities.push_back({{"name", "reports"},
                        {"title", "Reports as JSON or CSV"},
                        {"href", c.baseUrl + "/api/v1/reports"},
                        {"writable", false}});
    return jsonResponse(200, {{"title", "Koppelkans API v1"},
                              {"workspace", c.ws.path()},
                              {"user", c.principal.user},
                              {"access", std::string(toCode(c.principal.access))},
                              {"entities", entities},
                              {"links", links}});
}

}  // namespace

std::span<const EntityDef> entityDefs() {
    return kEntities;
}

const EntityDef* findEntity(std::string_view path) {
    for (const auto& e : kEntities)
        if (e.path == path)
            return &e;
    return nullptr;
}

Paging readPaging(const Target& t, std::int64_t defaultLimit, std::int64_t max) {
    auto number = [&](std::string_view name, std::int64_t fallback, std::int64_t min) {
        auto v = t.param(name);
        if (!v)
            return fallback;
        std::int64_t n = 0;
        if (v->empty() || v->size() > 12)
            fail(400, "request.bad_parameter", std::string(name) + " must be a whole number",
                 std::string(name), "e.g. " + std::string(name) + "=10");
        for (char ch : *v) {
            if (ch < '0' || ch > '9')
                fail(400, "request.bad_parameter", std::string(name) + " must be a whole number",
                     std::string(name), "e.g. " + std::string(name) + "=10");
            n = n * 10 + (ch - '0');
        }
        if (n < min)
            fail(400, "request.bad_parameter",
                 std::string(name) + " must be at least " + std::to_string(min), std::string(name));
        return n;
    };
    Paging p;
    p.limit = std::min(number("limit", defaultLimit, 1), max);
    p.offset = number("offset", 0, 0);
    return p;
}

std::string pageUrl(const Context& c, std::int64_t limit, std::int64_t offset) {
    std::string url = c.baseUrl;
    for (const auto& s : c.target.segments)
        url += "/" + percentEncode(s);
    std::string query;
    for (const auto& [k, v] : c.target.query) {
        if (k == "limit" || k == "offset")
            continue;
        query += (query.empty() ? "?" : "&") + percentEncode(k) + "=" + percentEncode(v);
    }
    query += (query.empty() ? "?" : "&") + std::string("limit=") + std::to_string(limit) +
             "&offset=" + std::to_string(offset);
    return url + query;
}

void putMoney(json& obj, const std::string& name, std::int64_t cents) {
    obj[name + "_cents"] = cents;
    obj[name + "_formatted"] = Money::fromCents(cents).format();
}

json rowToJson(const sql::Statement& st, std::string_view skipColumn) {
    json obj = json::object();
    for (int i = 0; i < st.columnCount(); ++i) {
        const std::string name = st.columnName(i);
        // "_"-prefixed columns are internal (feature id and geometry of OGC queries).
        if (name == skipColumn || (!name.empty() && name[0] == '_'))
            continue;
        const sql::Value v = st.get(i);
        if (std::holds_alternative<std::vector<std::uint8_t>>(v))
            continue;  // geometry etc.
        if (contains(kMoneyColumns, name) && std::holds_alternative<std::int64_t>(v)) {
            putMoney(obj, name, std::get<std::int64_t>(v));
        } else if (contains(kMoneyColumns, name) && std::holds_alternative<std::monostate>(v)) {
            obj[name + "_cents"] = nullptr;
        } else if (contains(kJsonColumns, name) && std::holds_alternative<std::string>(v)) {
            const auto& text = std::get<std::string>(v);
            json parsed = json::parse(text, nullptr, false);
            obj[name] = text.empty() ? json(nullptr) : parsed.is_discarded() ? json(text) : parsed;
        } else if (contains(kBoolColumns, name) && std::holds_alternative<std::int64_t>(v)) {
            obj[name] = std::get<std::int64_t>(v) != 0;
        } else if (std::holds_alternative<std::int64_t>(v)) {
            obj[name] = std::get<std::int64_t>(v);
        } else if (std::holds_alternative<double>(v)) {
            obj[name] = std::get<double>(v);
        } else if (std::holds_alternative<std::string>(v)) {
            obj[name] = std::get<std::string>(v);
        } else {
            obj[name] = nullptr;
        }
    }
    return obj;
}

json projectFunding(Workspace& ws, std::int64_t projectId) {
    json f = json::object();
    json byFund = json::array();
    std::int64_t granted = 0;
    std::int64_t candidate = 0;
    auto st = ws.db().prepare(
        "SELECT f.code, f.name, a.status, a.amount FROM kk_award a JOIN kk_fund f ON f.id = "
        "a.fund_id WHERE a.project_id = ? ORDER BY f.priority, f.code");
    st.bind(1, projectId);
    while (st.step()) {
        json row = {
            {"fund", st.getText(0)}, {"fund_name", st.getText(1)}, {"status", st.getText(2)}};
        putMoney(row, "amount", st.getInt(3));
        if (st.getText(2) == "granted")
            granted += st.getInt(3);
        if (st.getText(2) == "candidate")
            candidate += st.getInt(3);
        byFund.push_back(std::move(row));
    }
    auto sum = [&](const char* sqlText) {
        auto s = ws.db().prepare(sqlText);
        s.bind(1, projectId);
        return s.step() && !s.isNull(0) ? s.getInt(0) : std::int64_t{0};
    };
    const std::int64_t cost = sum("SELECT SUM(amount) FROM kk_cost_item WHERE project_id = ?");
    const std::int64_t eligible =
        sum("SELECT SUM(amount) FROM kk_cost_item WHERE project_id = ? AND eligible = 1");
    const std::int64_t spent = sum("SELECT SUM(amount) FROM kk_expense WHERE project_id = ?");
    f["by_fund"] = std::move(byFund);
    putMoney(f, "granted", granted);
    putMoney(f, "candidate", candidate);
    putMoney(f, "cost_total", cost);
    putMoney(f, "eligible_cost_total", eligible);
    putMoney(f, "expenses_total", spent);
    putMoney(f, "unfunded", cost - granted);
    return f;
}

std::optional<json> readEntity(Workspace& ws, const EntityDef& e, std::int64_t id) {
    auto st = ws.db().prepare("SELECT " + selectList(ws, e) + " FROM " + ident(e.table) +
                              " WHERE " + std::string(e.key) + " = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    json item = rowToJson(st);
    enrich(ws, e, item);
    return item;
}

Response handleRestRead(Context& c) {
    const auto& s = c.target.segments;  // {"api","v1",entity[,id]}
    if (s.size() == 2)
        return apiIndex(c);
    const EntityDef* e = findEntity(s[2]);
    if (!e || s.size() > 4)
        fail(404, "request.not_found", "no such resource: " + s[2], c.request.target,
             "GET /api/v1 lists the entities");
    const std::string from = " FROM " + ident(e->table);
    if (s.size() == 4) {
        auto item = readEntity(c.ws, *e, parseId(s[3]));
        if (!item)
            fail(404, "request.not_found", "no " + std::string(e->path) + " with id " + s[3],
                 c.request.target);
        return jsonResponse(200, *item);
    }

    const Paging paging = readPaging(c.target, 100, 10000);
    std::string where;
    std::vector<sql::Value> binds;
    const auto& cols = c.ws.columnsOf(e->table);
    for (const auto& [k, v] : c.target.query) {
        if (contains(kReserved, k))
            continue;
        const CodeFilter* cf = nullptr;
        for (const auto& f : kCodeFilters)
            if (f.entity == e->path && f.param == k)
                cf = &f;
        std::string cond;
        if (cf) {
            cond = std::string(cf->sql);
        } else if (k != "geom" && std::find(cols.begin(), cols.end(), k) != cols.end()) {
            cond = ident(k) + " = ?";
        } else {
            std::string known;
            for (const auto& col : cols)
                if (col != "geom")
                    known += (known.empty() ? "" : ", ") + col;
            fail(400, "request.unknown_filter", "unknown filter '" + k + "'", "query string",
                 "filter on a column (" + known + ") or use limit/offset");
        }
        where += (where.empty() ? " WHERE " : " AND ") + cond;
        binds.emplace_back(v);
    }
    auto count = c.ws.db().prepare("SELECT COUNT(*)" + from + where);
    count.bindAll(binds);
    const std::int64_t total = count.step() ? count.getInt(0) : 0;

    auto st = c.ws.db().prepare("SELECT " + selectList(c.ws, *e) + from + where + " ORDER BY " +
                                std::string(e->key) + (e->path == "audit" ? " DESC" : "") +
                                " LIMIT ? OFFSET ?");
    st.bindAll(binds);
    st.bind(static_cast<int>(binds.size()) + 1, paging.limit);
    st.bind(static_cast<int>(binds.size()) + 2, paging.offset);
    json items = json::array();
    while (st.step()) {
        json item = rowToJson(st);
        enrich(c.ws, *e, item);
        items.push_back(std::move(item));
    }
    json links = json::array();
    links.push_back({{"rel", "self"},
                     {"href", pageUrl(c, paging.limit, paging.offset)},
                     {"type", "application/json"}});
    if (paging.offset + paging.limit < total)
        links.push_back({{"rel", "next"},
                         {"href", pageUrl(c, paging.limit, paging.offset + paging.limit)},
                         {"type", "application/json"}});
    if (paging.offset > 0)
        links.push_back({{"rel", "prev"},
                         {"href", pageUrl(c, paging.limit,
                                          std::max<std::int64_t>(0, paging.offset - paging.limit))},
                         {"type", "application/json"}});
    const auto returned = static_cast<std::int64_t>(items.size());
    return jsonResponse(200, {{"items", std::move(items)},
                              {"total", total},
                              {"returned", returned},
                              {"limit", paging.limit},
                              {"offset", paging.offset},
                              {"links", std::move(links)}});
}

}  // namespace kk::server
