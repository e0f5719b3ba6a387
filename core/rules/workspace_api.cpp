// Lua-facing workspace access: entity proxies (userdata with a generation counter and the row
// as a user value), relation methods, kk.get/list/find/ids and staged measurements.
#include "core/rules/workspace_api.h"

#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/base/money.h"
#include "core/base/rate.h"
#include "core/rules/lua_detail.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"

// The kind table below is written as aggregates; `select` is filled in after construction.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace kk::rules {

namespace {

using detail::ScriptFault;

/// A column read into a proxy: SQL expression (over alias t or a join), field name, and how
/// the text is shaped for Lua ('v' as stored, 'b' boolean, 'l' ';'-separated list).
struct Column {
    const char* expr;
    const char* field;
    char shape;
};

/// A method on a proxy that returns related entities.
struct Relation {
    const char* method;
    const char* target;     ///< kind name
    const char* filter;     ///< WHERE clause over the target (alias t), one '?' parameter
    const char* bindField;  ///< field of the source row bound to '?'
    bool single;
};

struct Kind {
    const char* name;
    const char* plural;
    const char* from;        ///< FROM clause with alias t
    const char* codeColumn;  ///< natural key for kk.find, or nullptr
    std::vector<Column> columns;
    std::vector<Relation> relations;
    std::string select;                    ///< built once from columns
    std::string byId;                      ///< select ... WHERE key = ?
    std::string exists;                    ///< SELECT 1 ... WHERE key = ?
    std::vector<std::string> relationSql;  ///< per relation, the query of its target
    std::vector<int> relationTarget;       ///< per relation, the target kind index
    std::vector<bool> relationById;        ///< per relation, bound to the source's own id
};

std::vector<Column> simple(std::initializer_list<const char*> names) {
    std::vector<Column> out;
    for (const char* n : names)
        out.push_back({n, n, 'v'});
    return out;
}

std::vector<Kind> buildKinds() {
    std::vector<Kind> k;
    k.push_back({"government",
                 "governments",
                 "kk_government t",
                 "kbo",
                 simple({"id", "kbo", "name", "kind", "nis_code"}),
                 {{"actors", "actor", "t.government_id = ?", "id", false}}});
    k.push_back({"actor",
                 "actors",
                 "kk_actor t",
                 "code",
                 simple({"id", "code", "name", "kind", "kbo", "nis_code", "government_id",
                         "contact", "capacity_notes"}),
                 {{"government", "government", "t.id = ?", "government_id", true},
                  {"memberships", "coalition_member", "t.actor_id = ?", "id", false}}});
    k.push_back({"area",
                 "areas",
                 "areas t",
                 "code",
                 {{"t.fid", "id", 'v'},
                  {"kind", "kind", 'v'},
                  {"code", "code", 'v'},
                  {"name", "name", 'v'},
                  {"valid_from", "valid_from", 'v'},
                  {"valid_to", "valid_to", 'v'},
                  {"source", "source", 'v'}},
                 {{"projects", "project", "t.area_id = ?", "id", false},
                  {"coalitions", "coalition", "t.area_id = ?", "id", false}}});
    k.push_back(
        {"coalition",
         "coalitions",
         "kk_coalition t",
         "code",
         simple({"id", "code", "name", "area_id", "purpose", "agreement_from", "agreement_to",
                 "governance_form", "continuity_plan", "continuity_actor_id"}),
         {{"members", "coalition_member", "t.coalition_id = ?", "id", false},
          {"projects", "project", "t.coalition_id = ?", "id", false},
          {"area", "area", "t.fid = ?", "area_id", true},
          {"continuity_actor", "actor", "t.id = ?", "continuity_actor_id", true}}});
    k.push_back({"coalition_member",
                 "coalition_members",
                 "kk_coalition_member t",
                 nullptr,
                 simple({"id", "coalition_id", "actor_id", "role", "share", "mandate_function",
                         "joined", "left_on"}),
                 {{"actor", "actor", "t.id = ?", "actor_id", true},
                  {"coalition", "coalition", "t.id = ?", "coalition_id", true}}});
    k.push_back({"programme",
                 "programmes",
                 "kk_programme t",
                 "code",
                 simple({"id", "code", "name", "plugin_id", "valid_from", "valid_to"}),
                 {{"projects", "project",
                   "t.id IN (SELECT project_id FROM kk_project_programme WHERE programme_id = ?)",
                   "id", false},
                  {"funds", "fund", "t.programme_id = ?", "id", false},
                  {"calls", "call", "t.programme_id = ?", "id", false}}});
    {
        auto cols = simple({"id", "programme_id", "code", "name", "grantor", "type", "max_rate",
                            "rate_kind", "cap_per_project", "cap_per_partner", "cap_per_year",
                            "budget", "cumulation_group", "priority", "valid_from", "valid_to"});
        cols.push_back({"eligible_categories", "eligible_categories", 'l'});
        k.push_back({"fund",
                     "funds",
                     "kk_fund t",
                     "code",
                     cols,
                     {{"awards", "award", "t.fund_id = ?", "id", false},
                      {"programme", "programme", "t.id = ?", "programme_id", true}}});
    }
    k.push_back(
        {"call",
         "calls",
         "kk_call t",
         "code",
         simple({"id", "programme_id", "code", "name", "opens", "closes", "budget", "status"}),
         {{"criteria", "call_criterion", "t.call_id = ?", "id", false},
          {"programme", "programme", "t.id = ?", "programme_id", true},
          {"funds", "fund", "t.id IN (SELECT fund_id FROM kk_call_fund WHERE call_id = ?)", "id",
           false}}});
    k.push_back({"call_criterion",
                 "call_criteria",
                 "kk_call_criterion t",
                 nullptr,
                 simple({"id", "call_id", "code", "name", "weight", "max_score"}),
                 {}});
    {
        auto cols = simple({"id", "code", "name", "coalition_id", "area_id", "applicant_id",
                            "status", "start_date", "end_date", "description"});
        cols.push_back({"themes", "themes", 'l'});
        k.push_back(
            {"project",
             "projects",
             "kk_project t",
             "code",
             cols,
             {{"cost_items", "cost_item", "t.project_id = ?", "id", false},
              {"expenses", "expense", "t.project_id = ?", "id", false},
              {"awards", "award", "t.project_id = ?", "id", false},
              {"measurements", "measurement", "t.subject_kind = 'project' AND t.subject_id = ?",
               "id", false},
              {"programmes", "programme",
               "t.id IN (SELECT programme_id FROM kk_project_programme WHERE project_id = ?)", "id",
               false},
              {"coalition", "coalition", "t.id = ?", "coalition_id", true},
              {"area", "area", "t.fid = ?", "area_id", true},
              {"applicant", "actor", "t.id = ?", "applicant_id", true}}});
    }
    {
        auto cols = simple({"id", "code", "project_id", "category", "year", "partner_id", "amount",
                            "description", "bbc_account", "bbc_policy_field", "bbc_sector",
                            "bbc_action_id", "bbc_investment_project"});
        cols.push_back({"eligible", "eligible", 'b'});
        cols.push_back({"tags", "tags", 'l'});
        k.push_back({"cost_item",
                     "cost_items",
                     "kk_cost_item t",
                     "code",
                     cols,
                     {{"project", "project", "t.id = ?", "project_id", true},
                      {"partner", "actor", "t.id = ?", "partner_id", true},
                      {"expenses", "expense", "t.cost_item_id = ?", "id", false}}});
    }
    k.push_back({"expense",
                 "expenses",
                 "kk_expense t",
                 "code",
                 simple({"id", "code", "project_id", "cost_item_id", "date", "amount", "vat",
                         "document_ref", "description"}),
                 {{"project", "project", "t.id = ?", "project_id", true},
                  {"cost_item", "cost_item", "t.id = ?", "cost_item_id", true}}});
    {
        auto cols = simple({"t.id", "t.project_id", "t.fund_id", "t.call_id", "t.decided_on",
                            "t.amount", "t.rate", "t.status", "t.conditions"});
        for (auto& c : cols)
            c.field += 2;  // drop the "t." prefix for the field name
        cols.push_back({"f.type", "fund_type", 'v'});
        cols.push_back({"f.code", "fund_code", 'v'});
        k.push_back({"award",
                     "awards",
                     "kk_award t LEFT JOIN kk_fund f ON f.id = t.fund_id",
                     nullptr,
                     cols,
                     {{"project", "project", "t.id = ?", "project_id", true},
                      {"fund", "fund", "t.id = ?", "fund_id", true},
                      {"call", "call", "t.id = ?", "call_id", true}}});
    }
    k.push_back({"indicator",
                 "indicators",
                 "kk_indicator t",
                 "code",
                 simple({"id", "code", "name", "unit", "type", "direction", "aggregation",
                         "numerator", "denominator", "programme_id"}),
                 {{"measurements", "measurement", "t.indicator_id = ?", "id", false},
                  {"targets", "target", "t.indicator_id = ?", "id", false}}});
    {
        auto cols = simple(
            {"id", "indicator_id", "subject_kind", "subject_id", "year", "baseline", "value"});
        cols.push_back({"milestone", "milestone", 'b'});
        k.push_back({"target",
                     "targets",
                     "kk_target t",
                     nullptr,
                     cols,
                     {{"indicator", "indicator", "t.id = ?", "indicator_id", true}}});
    }
    k.push_back(
        {"measurement",
         "measurements",
         "kk_measurement t",
         nullptr,
         simple({"id", "indicator_id", "subject_kind", "subject_id", "year", "value", "source"}),
         {{"indicator", "indicator", "t.id = ?", "indicator_id", true}}});
    for (auto& kind : k) {
        kind.select = "SELECT ";
        for (std::size_t i = 0; i < kind.columns.size(); ++i)
            kind.select += (i ? ", " : "") + std::string(kind.columns[i].expr);
        kind.select += " FROM " + std::string(kind.from) + " ";
        kind.byId = kind.select + "WHERE " + std::string(kind.columns[0].expr) + " = ?";
        kind.exists = "SELECT 1 FROM " + std::string(kind.from) + " WHERE " +
                      std::string(kind.columns[0].expr) + " = ?";
    }
    for (auto& kind : k)
        for (const auto& rel : kind.relations)
            for (std::size_t t = 0; t < k.size(); ++t)
                if (std::strcmp(k[t].name, rel.target) == 0) {
                    kind.relationSql.push_back(k[t].select + "WHERE " + rel.filter + " ORDER BY 1");
                    kind.relationTarget.push_back(static_cast<int>(t));
                    kind.relationById.push_back(std::strcmp(rel.bindField, "id") == 0);
                }
    return k;
}

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k = buildKinds();
    return k;
}

/// What a proxy userdata holds; the row itself is the userdata's user value (a table).
struct Proxy {
    int kind;
    std::int64_t id;
    std::uint64_t generation;
};

constexpr char kProxyMeta[] = "kk.proxy";

WorkspaceApi& apiOf(lua_State* L) {
    WorkspaceApi* api = detail::hostOf(L).workspaceApi();
    if (api == nullptr)
        throw ScriptFault("no workspace is open for this script");
    return *api;
}

/// The proxy at `idx`, checked to be a live proxy.
const Proxy& liveProxy(lua_State* L, int idx) {
    auto* p = static_cast<Proxy*>(luaL_testudata(L, idx, kProxyMeta));
    if (p == nullptr)
        throw ScriptFault(std::string("expected an entity proxy, got ") + detail::typeName(L, idx));
    const LuaHost& host = detail::hostOf(L);
    if (p->generation != host.generation() || !host.inCall())
        throw ScriptFault(std::string("proxy used after its callback returned: ") +
                          kinds()[p->kind].name + " #" + std::to_string(p->id) +
                          " belongs to an earlier call; keep its id and look it up again with "
                          "kk.get('" +
                          kinds()[p->kind].name + "', id)");
    return *p;
}

void pushValue(lua_State* L, const sql::Value& v, char shape) {
    if (std::holds_alternative<std::int64_t>(v)) {
        if (shape == 'b')
            lua_pushboolean(L, std::get<std::int64_t>(v) != 0);
        else
            lua_pushinteger(L, std::get<std::int64_t>(v));
    } else if (std::holds_alternative<double>(v)) {
        lua_pushnumber(L, std::get<double>(v));
    } else if (std::holds_alternative<std::string>(v)) {
        const auto& s = std::get<std::string>(v);
        if (shape != 'l') {
            lua_pushlstring(L, s.data(), s.size());
            return;
        }
        lua_newtable(L);
        lua_Integer n = 0;
        std::size_t start = 0;
        while (start < s.size()) {
            std::size_t end = s.find(';', start);
            if (end == std::string::npos)
                end = s.size();
            if (end > start) {
                lua_pushlstring(L, s.data() + start, end - start);
                lua_rawseti(L, -2, ++n);
            }
            start = end + 1;
        }
    } else {
        lua_pushnil(L);
    }
}

void pushRow(lua_State* L, int kindIdx, const std::vector<sql::Value>& row) {
    const Kind& kind = kinds()[kindIdx];
    auto* p = static_cast<Proxy*>(lua_newuserdatauv(L, sizeof(Proxy), 1));
    p->kind = kindIdx;
    p->id = std::get<std::int64_t>(row[0]);
    p->generation = detail::hostOf(L).generation();
    luaL_setmetatable(L, kProxyMeta);
    lua_createtable(L, 0, static_cast<int>(row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
        pushValue(L, row[i], kind.columns[i].shape);
        lua_setfield(L, -2, kind.columns[i].field);
    }
    lua_setiuservalue(L, -2, 1);
}

/// Pushes a proxy for the statement's current row (columns in the kind's order).
void pushStatementRow(lua_State* L, int kindIdx, sql::Statement& st) {
    const Kind& kind = kinds()[kindIdx];
    auto* p = static_cast<Proxy*>(lua_newuserdatauv(L, sizeof(Proxy), 1));
    p->kind = kindIdx;
    p->id = st.getInt(0);
    p->generation = detail::hostOf(L).generation();
    luaL_setmetatable(L, kProxyMeta);
    const int n = static_cast<int>(kind.columns.size());
    lua_createtable(L, 0, n);
    for (int i = 0; i < n; ++i) {
        if (st.isNull(i))
            continue;
        pushValue(L, st.get(i), kind.columns[i].shape);
        lua_setfield(L, -2, kind.columns[i].field);
    }
    lua_setiuservalue(L, -2, 1);
}

/// Pushes a list of proxies straight from a query (no intermediate copy of the rows).
void pushQueryList(lua_State* L, WorkspaceApi& api, int kindIdx, const std::string& sqlText,
                   const sql::Value& bind) {
    lua_newtable(L);
    lua_Integer n = 0;
    api.forEachRow(sqlText, bind, [&](sql::Statement& st) {
        pushStatementRow(L, kindIdx, st);
        lua_rawseti(L, -2, ++n);
    });
}

void pushRows(lua_State* L, int kindIdx, const WorkspaceApi::Rows& rows) {
    lua_createtable(L, static_cast<int>(rows.size()), 0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        pushRow(L, kindIdx, rows[i]);
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
}

int kindArg(lua_State* L, int idx, const char* fn) {
    const std::string name = detail::argString(L, idx, fn, "the entity kind");
    const int k = kindIndex(name);
    if (k < 0)
        throw ScriptFault(std::string(fn) + ": unknown entity kind '" + name + "'");
    return k;
}

/// Pushes the row table of the proxy at `idx`, loading it on first use (subjects handed to a
/// rule are created without their row, so a rule that only follows relations costs no read).
void pushRowTable(lua_State* L, int idx, const Proxy& p) {
    if (lua_getiuservalue(L, idx, 1) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    const Kind& kind = kinds()[p.kind];
    auto rows = apiOf(L).query(kind.byId, sql::Value{p.id});
    if (rows.empty())
        throw ScriptFault(std::string(kind.name) + " #" + std::to_string(p.id) +
                          " no longer exists");
    lua_createtable(L, 0, static_cast<int>(rows[0].size()));
    for (std::size_t i = 0; i < rows[0].size(); ++i) {
        pushValue(L, rows[0][i], kind.columns[i].shape);
        lua_setfield(L, -2, kind.columns[i].field);
    }
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, idx, 1);
}

// proxy.__index: row fields, then `entity`, then relation methods.
int proxyIndex(lua_State* L) {
    const Proxy& p = liveProxy(L, 1);
    pushRowTable(L, 1, p);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL)
        return 1;
    lua_pop(L, 2);
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char* key = lua_tostring(L, 2);
        if (std::strcmp(key, "entity") == 0) {
            lua_pushstring(L, kinds()[p.kind].name);
            return 1;
        }
        // Relation methods live in the registry, one table per kind.
        lua_rawgetp(L, LUA_REGISTRYINDEX, &kinds()[p.kind]);
        lua_pushvalue(L, 2);
        lua_rawget(L, -2);
        return 1;
    }
    lua_pushnil(L);
    return 1;
}

int proxyNewIndex(lua_State* L) {
    throw ScriptFault("entity proxies are read-only; stage changes with kk.stage.measurement{...}");
}

int proxyToString(lua_State* L) {
    const auto* p = static_cast<Proxy*>(luaL_testudata(L, 1, kProxyMeta));
    if (p == nullptr)
        throw ScriptFault("tostring: not a proxy");
    lua_pushfstring(L, "%s#%I", kinds()[p->kind].name, static_cast<lua_Integer>(p->id));
    return 1;
}

int proxyEq(lua_State* L) {
    const auto* a = static_cast<Proxy*>(luaL_testudata(L, 1, kProxyMeta));
    const auto* b = static_cast<Proxy*>(luaL_testudata(L, 2, kProxyMeta));
    lua_pushboolean(L, a && b && a->kind == b->kind && a->id == b->id);
    return 1;
}

// A relation method: upvalues are the source kind and the relation index.
int relationCall(lua_State* L) {
    const int kindIdx = static_cast<int>(lua_tointeger(L, lua_upvalueindex(1)));
    const int relIdx = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
    const Relation& rel = kinds()[kindIdx].relations[relIdx];
    const Proxy& p = liveProxy(L, 1);
    if (p.kind != kindIdx)
        throw ScriptFault(std::string("method ") + rel.method + " called on a " +
                          kinds()[p.kind].name + "; use ':' (e.g. project:" + rel.method + "())");
    int isInt = 1;
    lua_Integer key = p.id;
    if (!kinds()[kindIdx].relationById[relIdx]) {
        pushRowTable(L, 1, p);
        lua_getfield(L, -1, rel.bindField);
        key = lua_tointegerx(L, -1, &isInt);
        lua_pop(L, 2);
    }
    const int target = kinds()[kindIdx].relationTarget[relIdx];
    if (!isInt) {  // e.g. a project without a coalition
        if (rel.single)
            lua_pushnil(L);
        else
            lua_newtable(L);
        return 1;
    }
    if (!rel.single) {
        pushQueryList(L, apiOf(L), target, kinds()[kindIdx].relationSql[relIdx],
                      sql::Value{std::int64_t{key}});
        return 1;
    }
    auto rows = apiOf(L).query(kinds()[kindIdx].relationSql[relIdx], sql::Value{std::int64_t{key}});
    if (rel.single) {
        if (rows.empty())
            lua_pushnil(L);
        else
            pushRow(L, target, rows.front());
    } else {
        pushRows(L, target, rows);
    }
    return 1;
}

int apiGet(lua_State* L) {
    const int k = kindArg(L, 1, "kk.get");
    const std::int64_t id = detail::argInteger(L, 2, "kk.get", "the id");
    const Kind& kind = kinds()[k];
    const std::string keyExpr = kind.columns[0].expr;
    auto rows = apiOf(L).query(kind.select + "WHERE " + keyExpr + " = ?", sql::Value{id});
    if (rows.empty())
        lua_pushnil(L);
    else
        pushRow(L, k, rows.front());
    return 1;
}

int apiList(lua_State* L) {
    const int k = kindArg(L, 1, "kk.list");
    const Kind& kind = kinds()[k];
    auto rows = apiOf(L).query(kind.select + "WHERE ? = 1 ORDER BY 1", sql::Value{std::int64_t{1}});
    pushRows(L, k, rows);
    return 1;
}

int apiIds(lua_State* L) {
    const int k = kindArg(L, 1, "kk.ids");
    const Kind& kind = kinds()[k];
    auto rows = apiOf(L).query("SELECT " + std::string(kind.columns[0].expr) + " FROM " +
                                   kind.from + " WHERE ? = 1 ORDER BY 1",
                               sql::Value{std::int64_t{1}});
    lua_createtable(L, static_cast<int>(rows.size()), 0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        lua_pushinteger(L, std::get<std::int64_t>(rows[i][0]));
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
    return 1;
}

int apiFind(lua_State* L) {
    const int k = kindArg(L, 1, "kk.find");
    const std::string code = detail::argString(L, 2, "kk.find", "the code");
    const Kind& kind = kinds()[k];
    if (kind.codeColumn == nullptr)
        throw ScriptFault(std::string("kk.find: ") + kind.name +
                          " has no code; use kk.get with an id");
    auto rows = apiOf(L).query(kind.select + "WHERE t." + kind.codeColumn + " = ? ORDER BY 1",
                               sql::Value{code});
    if (rows.empty())
        lua_pushnil(L);
    else
        pushRow(L, k, rows.front());
    return 1;
}

// Shortcut closures kk.project(id) / kk.projects(): upvalue 1 is the kind index.
int shortcutGet(lua_State* L) {
    const int k = static_cast<int>(lua_tointeger(L, lua_upvalueindex(1)));
    const std::int64_t id = detail::argInteger(L, 1, kinds()[k].name, "the id");
    const Kind& kind = kinds()[k];
    auto rows = apiOf(L).query(kind.select + "WHERE " + std::string(kind.columns[0].expr) + " = ?",
                               sql::Value{id});
    if (rows.empty())
        lua_pushnil(L);
    else
        pushRow(L, k, rows.front());
    return 1;
}

int shortcutList(lua_State* L) {
    const int k = static_cast<int>(lua_tointeger(L, lua_upvalueindex(1)));
    auto rows =
        apiOf(L).query(kinds()[k].select + "WHERE ? = 1 ORDER BY 1", sql::Value{std::int64_t{1}});
    pushRows(L, k, rows);
    return 1;
}

/// Decimal text for a measurement value: integers exactly, other numbers with 12 digits.
std::string decimalText(lua_State* L, int idx) {
    if (lua_isinteger(L, idx))
        return std::to_string(lua_tointeger(L, idx));
    if (lua_type(L, idx) == LUA_TNUMBER) {
        const double v = lua_tonumber(L, idx);
        if (!std::isfinite(v))
            throw ScriptFault("kk.stage.measurement: value must be a finite number");
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.12g", v);
        return buf;
    }
    if (lua_type(L, idx) == LUA_TSTRING) {
        std::string s = lua_tostring(L, idx);
        char* end = nullptr;
        std::strtod(s.c_str(), &end);
        if (s.empty() || end == nullptr || *end != '\0')
            throw ScriptFault("kk.stage.measurement: value '" + s + "' is not a decimal number");
        return s;
    }
    throw ScriptFault(std::string("kk.stage.measurement: value must be a number, got ") +
                      detail::typeName(L, idx));
}

int stageMeasurement(lua_State* L) {
    detail::argTable(L, 1, "kk.stage.measurement", "the argument");
    WorkspaceApi& api = apiOf(L);
    StagedMeasurement m;
    const int t = 1;
    if (detail::rawField(L, t, "indicator") == LUA_TSTRING) {
        m.indicatorId = api.indicatorIdOf(lua_tostring(L, -1));
    } else {
        m.indicatorId = detail::argInteger(L, -1, "kk.stage.measurement", "indicator (code or id)");
    }
    lua_pop(L, 1);
    if (detail::rawField(L, t, "subject") != LUA_TNIL) {
        const Proxy& p = liveProxy(L, -1);
        m.subjectKind = kinds()[p.kind].name;
        m.subjectId = p.id;
    } else {
        lua_pop(L, 1);
        detail::rawField(L, t, "subject_kind");
        m.subjectKind = detail::argString(L, -1, "kk.stage.measurement", "subject_kind");
        lua_pop(L, 1);
        detail::rawField(L, t, "subject_id");
        m.subjectId = detail::argInteger(L, -1, "kk.stage.measurement", "subject_id");
    }
    lua_pop(L, 1);
    if (m.subjectKind != "project" && m.subjectKind != "coalition" && m.subjectKind != "area" &&
        m.subjectKind != "programme")
        throw ScriptFault(
            "kk.stage.measurement: subject must be a project, coalition, area or "
            "programme, not " +
            m.subjectKind);
    detail::rawField(L, t, "year");
    const std::int64_t year = detail::argInteger(L, -1, "kk.stage.measurement", "year");
    lua_pop(L, 1);
    if (year < 1900 || year > 2200)
        throw ScriptFault("kk.stage.measurement: year " + std::to_string(year) +
                          " is outside 1900-2200");
    m.year = static_cast<int>(year);
    detail::rawField(L, t, "value");
    m.value = decimalText(L, -1);
    lua_pop(L, 1);
    if (detail::rawField(L, t, "source") == LUA_TSTRING)
        m.source = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (m.source.empty())
        m.source = "script:" + detail::hostOf(L).packageName();
    api.stage(std::move(m));
    lua_pushinteger(L, static_cast<lua_Integer>(api.staged().size()));
    return 1;
}

int formatMoney(lua_State* L) {
    const std::int64_t cents = detail::argInteger(L, 1, "kk.format_money", "the amount in cents");
    const std::string s = Money::fromCents(cents).format();
    lua_pushlstring(L, s.data(), s.size());
    return 1;
}

int rateValue(lua_State* L) {
    const std::string text = detail::argString(L, 1, "kk.rate", "the rate text");
    const auto rate = Rate::parse(text);
    if (!rate.ok())
        throw ScriptFault("kk.rate: '" + text + "' is not a rate like \"3/4\"");
    lua_pushnumber(L, rate->toDouble());
    lua_pushinteger(L, rate->num());
    lua_pushinteger(L, rate->den());
    return 3;
}

void setFn(lua_State* L, const char* name, lua_CFunction fn) {
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, name);
}

}  // namespace

const std::vector<std::string>& kindNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& k : kinds())
            n.emplace_back(k.name);
        return n;
    }();
    return names;
}

int kindIndex(std::string_view name) {
    const auto& k = kinds();
    for (std::size_t i = 0; i < k.size(); ++i)
        if (name == k[i].name)
            return static_cast<int>(i);
    return -1;
}

Workspace& WorkspaceApi::requireWorkspace() const {
    if (m_ws == nullptr)
        throw ScriptFault("no workspace is open for this script");
    return *m_ws;
}

sql::Statement& WorkspaceApi::statement(const std::string& sqlText) {
    Workspace& ws = requireWorkspace();
    auto it = m_statements.find(sqlText);
    if (it == m_statements.end())
        it = m_statements
                 .emplace(sqlText, std::make_unique<sql::Statement>(ws.db().prepare(sqlText)))
                 .first;
    return *it->second;
}

WorkspaceApi::Rows WorkspaceApi::query(const std::string& sqlText, const sql::Value& bind) {
    sql::Statement& st = statement(sqlText);
    st.reset();
    st.bind(1, bind);
    Rows rows;
    while (st.step()) {
        std::vector<sql::Value> row;
        const int n = st.columnCount();
        row.reserve(n);
        for (int i = 0; i < n; ++i)
            row.push_back(st.get(i));
        rows.push_back(std::move(row));
    }
    st.reset();
    return rows;
}

std::int64_t WorkspaceApi::indicatorIdOf(const std::string& code) {
    if (auto it = m_indicatorIds.find(code); it != m_indicatorIds.end())
        return it->second;
    auto rows = query("SELECT id FROM kk_indicator WHERE code = ?", sql::Value{code});
    if (rows.empty())
        throw ScriptFault("unknown indicator '" + code +
                          "'; define it in the workspace (indicators) before storing values");
    const std::int64_t id = std::get<std::int64_t>(rows[0][0]);
    m_indicatorIds.emplace(code, id);
    return id;
}

std::vector<std::int64_t> WorkspaceApi::ids(int kind) {
    const Kind& k = kinds().at(kind);
    auto rows = query(
        "SELECT " + std::string(k.columns[0].expr) + " FROM " + k.from + " WHERE ? = 1 ORDER BY 1",
        sql::Value{std::int64_t{1}});
    std::vector<std::int64_t> out;
    out.reserve(rows.size());
    for (const auto& r : rows)
        out.push_back(std::get<std::int64_t>(r[0]));
    return out;
}

void WorkspaceApi::pushProxy(lua_State* L, int kind, std::int64_t id) {
    const Kind& k = kinds().at(kind);
    if (query(k.exists, sql::Value{id}).empty())
        throw KkError(makeError("rules.no_subject",
                                std::string("there is no ") + k.name + " #" + std::to_string(id),
                                {}, "check the id"));
    auto* p = static_cast<Proxy*>(lua_newuserdatauv(L, sizeof(Proxy), 1));
    p->kind = kind;
    p->id = id;
    p->generation = detail::hostOf(L).generation();
    luaL_setmetatable(L, kProxyMeta);
}

void WorkspaceApi::install(lua_State* L) {
    // The proxy metatable (shared by every kind; the kind is in the userdata).
    luaL_newmetatable(L, kProxyMeta);
    setFn(L, "__index", detail::guarded<proxyIndex>);
    setFn(L, "__newindex", detail::guarded<proxyNewIndex>);
    setFn(L, "__tostring", detail::guarded<proxyToString>);
    setFn(L, "__eq", detail::guarded<proxyEq>);
    lua_pushstring(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    // Relation methods, one registry table per kind.
    const auto& ks = kinds();
    for (std::size_t k = 0; k < ks.size(); ++k) {
        lua_newtable(L);
        for (std::size_t r = 0; r < ks[k].relations.size(); ++r) {
            lua_pushinteger(L, static_cast<lua_Integer>(k));
            lua_pushinteger(L, static_cast<lua_Integer>(r));
            lua_pushcclosure(L, detail::guarded<relationCall>, 2);
            lua_setfield(L, -2, ks[k].relations[r].method);
        }
        lua_rawsetp(L, LUA_REGISTRYINDEX, &ks[k]);
    }
    if (lua_getglobal(L, "kk") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setglobal(L, "kk");
    }
    setFn(L, "get", detail::guarded<apiGet>);
    setFn(L, "list", detail::guarded<apiList>);
    setFn(L, "ids", detail::guarded<apiIds>);
    setFn(L, "find", detail::guarded<apiFind>);
    setFn(L, "format_money", detail::guarded<formatMoney>);
    setFn(L, "rate", detail::guarded<rateValue>);
    for (std::size_t k = 0; k < ks.size(); ++k) {
        // kk.indicator is the rule definition function; indicators are read with kk.get.
        if (std::strcmp(ks[k].name, "indicator") != 0) {
            lua_pushinteger(L, static_cast<lua_Integer>(k));
            lua_pushcclosure(L, detail::guarded<shortcutGet>, 1);
            lua_setfield(L, -2, ks[k].name);
        }
        lua_pushinteger(L, static_cast<lua_Integer>(k));
        lua_pushcclosure(L, detail::guarded<shortcutList>, 1);
        lua_setfield(L, -2, ks[k].plural);
    }
    lua_newtable(L);
    setFn(L, "measurement", detail::guarded<stageMeasurement>);
    lua_setfield(L, -2, "stage");
    lua_newtable(L);
    for (std::size_t k = 0; k < ks.size(); ++k) {
        lua_pushstring(L, ks[k].name);
        lua_rawseti(L, -2, static_cast<lua_Integer>(k + 1));
    }
    lua_setfield(L, -2, "kinds");
    lua_pop(L, 1);
}

Status WorkspaceApi::commitStaged(const std::string& label) {
    if (m_staged.empty())
        return {};
    if (m_ws == nullptr)
        return makeError("rules.no_workspace",
                         "the script staged measurements but no workspace "
                         "is open",
                         {}, "open a workspace and run it again");
    try {
        ChangeSet cs(*m_ws, label);
        for (const auto& m : m_staged) {
            auto find = m_ws->db().prepare(
                "SELECT id FROM kk_measurement WHERE indicator_id = ? AND subject_kind = ? AND "
                "subject_id = ? AND year = ? AND source = ?");
            find.bind(1, m.indicatorId).bind(2, m.subjectKind).bind(3, m.subjectId);
            find.bind(4, std::int64_t{m.year}).bind(5, m.source);
            if (find.step()) {
                const std::int64_t id = find.getInt(0);
                find.reset();
                cs.update("kk_measurement", id, Row().set("value", m.value));
            } else {
                find.reset();
                cs.insert("kk_measurement", Row()
                                                .set("indicator_id", m.indicatorId)
                                                .set("subject_kind", m.subjectKind)
                                                .set("subject_id", m.subjectId)
                                                .set("year", std::int64_t{m.year})
                                                .set("value", m.value)
                                                .set("source", m.source));
            }
        }
        auto st = cs.commit();
        if (!st.ok())
            return st;
    } catch (const KkError& e) {
        m_staged.clear();
        return e.error();
    }
    m_staged.clear();
    return {};
}

}  // namespace kk::rules
