// Lua-facing workspace access: entity proxies (userdata with a generation counter and the row
// as a user value), relation methods, kk.get/list/find/ids and staged measurements.
#include "core/rules/workspace_api.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

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
    // Row queries are "SELECT <columns> FROM <from> " + one of these WHERE clauses.
    std::string byId;                      ///< WHERE key = ?
    std::string byCode;                    ///< WHERE code = ? ORDER BY 1 (when codeColumn)
    std::string all;                       ///< WHERE ? = 1 ORDER BY 1 (a dummy parameter)
    std::vector<std::string> relationSql;  ///< per relation, the WHERE clause over its target
    std::string exists;                    ///< SELECT 1 ... WHERE key = ?
    std::string allIds;                    ///< SELECT key ... ORDER BY 1 (a dummy parameter)
    std::uint64_t allColumns = 0;          ///< bit set of every column
    std::vector<int> relationTarget;       ///< per relation, the target kind index
    std::vector<int> relationBindColumn;   ///< per relation, source column bound; -1: own id
    int slot = 0;  ///< statement slots: slot + QuerySlot, then one per relation
};

/// The fixed queries of a kind, as offsets from Kind::slot.
enum QuerySlot { kExists, kById, kFullRow, kByCode, kAll, kAllIds, kFirstRelation };

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
    int slot = 0;
    for (auto& kind : k) {
        if (kind.columns.size() > 64)
            throw std::logic_error(std::string(kind.name) + " has more than 64 columns");
        kind.allColumns = kind.columns.size() == 64 ? ~std::uint64_t{0}
                                                    : (std::uint64_t{1} << kind.columns.size()) - 1;
        const std::string key = kind.columns[0].expr;
        kind.byId = "WHERE " + key + " = ?";
        kind.exists = "SELECT 1 FROM " + std::string(kind.from) + " WHERE " + key + " = ?";
        if (kind.codeColumn != nullptr)
            kind.byCode = "WHERE t." + std::string(kind.codeColumn) + " = ? ORDER BY 1";
        kind.all = "WHERE ? = 1 ORDER BY 1";
        kind.allIds = "SELECT " + key + " FROM " + kind.from + " WHERE ? = 1 ORDER BY 1";
        kind.slot = slot;
        slot += kFirstRelation + static_cast<int>(kind.relations.size());
    }
    for (auto& kind : k)
        for (const auto& rel : kind.relations) {
            int bindColumn = -1;
            for (std::size_t c = 1; c < kind.columns.size(); ++c)
                if (std::strcmp(kind.columns[c].field, rel.bindField) == 0)
                    bindColumn = static_cast<int>(c);
            if (bindColumn < 0 && std::strcmp(rel.bindField, "id") != 0)
                throw std::logic_error(std::string("relation ") + rel.method +
                                       " binds unknown field " + rel.bindField);
            for (std::size_t t = 0; t < k.size(); ++t)
                if (std::strcmp(k[t].name, rel.target) == 0) {
                    kind.relationSql.push_back("WHERE " + std::string(rel.filter) + " ORDER BY 1");
                    kind.relationTarget.push_back(static_cast<int>(t));
                    kind.relationBindColumn.push_back(bindColumn);
                }
        }
    return k;
}

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k = buildKinds();
    return k;
}

/// Number of statement slots: the fixed queries of every kind and relation.
int slotCount() {
    static const int n = [] {
        const Kind& last = kinds().back();
        return last.slot + kFirstRelation + static_cast<int>(last.relations.size());
    }();
    return n;
}

/// A column value copied out of SQLite; text lives after the cells of its row.
struct Cell {
    enum Type : std::uint32_t { kNull, kInteger, kReal, kText, kAbsent };
    Type type;
    std::uint32_t size;  ///< text bytes
    union {
        std::int64_t integer;
        double real;
        std::uint64_t offset;  ///< text: from the start of the row's text
    };
};

/// A proxy userdata: this header, then, for proxies made from a query, one cell per column of
/// the kind (kAbsent for columns the query did not fetch) and their text. Lua values are made
/// only for the fields a script reads. Subjects handed to a rule are made from an id alone.
/// Whenever a script reads a column the proxy lacks, the whole row is read once into user
/// value 1 (a plain userdata of cells and text); a rule that only follows relations costs no
/// read.
struct Proxy {
    std::int64_t id;
    std::uint64_t generation;
    std::int32_t kind;
    std::uint32_t inlineColumns;  ///< cells after the header; 0 when the row is not inline
};

constexpr char kProxyMeta[] = "kk.proxy";

WorkspaceApi& apiOf(lua_State* L) {
    WorkspaceApi* api = detail::hostOf(L).workspaceApi();
    if (api == nullptr)
        throw ScriptFault("no workspace is open for this script");
    return *api;
}

/// The proxy at `idx`, or null when the value there is something else.
Proxy* toProxy(lua_State* L, int idx) {
    if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx))
        return nullptr;
    lua_rawgetp(L, LUA_REGISTRYINDEX, kProxyMeta);
    const bool isProxy = lua_rawequal(L, -1, -2) != 0;
    lua_pop(L, 2);
    return isProxy ? static_cast<Proxy*>(lua_touserdata(L, idx)) : nullptr;
}

/// The proxy at `idx`, checked to be a live proxy.
const Proxy& liveProxy(lua_State* L, int idx) {
    const Proxy* p = toProxy(L, idx);
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

/// Copies the statement's current row into `row`, one value per column of the kind: the
/// columns in `columns` in order, std::monostate for the others.
void readRow(sql::Statement& st, std::vector<sql::Value>& row, std::size_t n,
             std::uint64_t columns) {
    row.resize(n);
    int next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (columns & (std::uint64_t{1} << i))
            row[i] = st.get(next++);
        else
            row[i] = std::monostate{};
    }
}

std::size_t rowBytes(const std::vector<sql::Value>& row) {
    std::size_t n = row.size() * sizeof(Cell);
    for (const auto& v : row)
        if (const auto* s = std::get_if<std::string>(&v))
            n += s->size();
    return n;
}

/// Writes `row` as cells and text to `dst` (rowBytes(row) bytes); columns not in `columns`
/// become kAbsent.
void writeRow(void* dst, const std::vector<sql::Value>& row, std::uint64_t columns) {
    auto* cells = static_cast<Cell*>(dst);
    char* text = reinterpret_cast<char*>(cells + row.size());
    std::uint64_t offset = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
        Cell& c = cells[i];
        c.size = 0;
        c.integer = 0;
        if (const auto* v = std::get_if<std::int64_t>(&row[i])) {
            c.type = Cell::kInteger;
            c.integer = *v;
        } else if (const auto* d = std::get_if<double>(&row[i])) {
            c.type = Cell::kReal;
            c.real = *d;
        } else if (const auto* s = std::get_if<std::string>(&row[i])) {
            c.type = Cell::kText;
            c.size = static_cast<std::uint32_t>(s->size());
            c.offset = offset;
            std::memcpy(text + offset, s->data(), s->size());
            offset += s->size();
        } else if (columns & (std::uint64_t{1} << i)) {
            c.type = Cell::kNull;  // NULL, or a blob: neither is a field value in Lua
        } else {
            c.type = Cell::kAbsent;
        }
    }
}

void setProxyMetatable(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, kProxyMeta);
    lua_setmetatable(L, -2);
}

/// Pushes a proxy holding `row` (one value per column of the kind; column 0 is the id).
void pushRowProxy(lua_State* L, int kindIdx, const std::vector<sql::Value>& row,
                  std::uint64_t columns) {
    const std::int64_t id = std::get<std::int64_t>(row.at(0));
    auto* p = static_cast<Proxy*>(lua_newuserdatauv(L, sizeof(Proxy) + rowBytes(row), 1));
    p->id = id;
    p->generation = detail::hostOf(L).generation();
    p->kind = kindIdx;
    p->inlineColumns = static_cast<std::uint32_t>(row.size());
    writeRow(p + 1, row, columns);
    setProxyMetatable(L);
}

/// Pushes the proxies of every row of a row query (Kind WHERE clause `where`), as an array.
void pushQueryList(lua_State* L, int kindIdx, int slot, const std::string& where,
                   const sql::Value& bind) {
    WorkspaceApi& api = apiOf(L);
    const std::uint64_t columns = api.demandedColumns(kindIdx);
    WorkspaceApi::Lease lease(api, slot, kindIdx, columns, where);
    sql::Statement& st = lease.statement();
    st.bind(1, bind);
    const std::size_t n = kinds()[kindIdx].columns.size();
    lua_newtable(L);
    lua_Integer i = 0;
    while (st.step()) {
        readRow(st, lease.row(), n, columns);
        pushRowProxy(L, kindIdx, lease.row(), columns);
        lua_rawseti(L, -2, ++i);
    }
}

/// Pushes the proxy of the first row of a row query, or nil.
void pushQueryFirst(lua_State* L, int kindIdx, int slot, const std::string& where,
                    const sql::Value& bind) {
    WorkspaceApi& api = apiOf(L);
    const std::uint64_t columns = api.demandedColumns(kindIdx);
    WorkspaceApi::Lease lease(api, slot, kindIdx, columns, where);
    sql::Statement& st = lease.statement();
    st.bind(1, bind);
    if (!st.step()) {
        lua_pushnil(L);
        return;
    }
    readRow(st, lease.row(), kinds()[kindIdx].columns.size(), columns);
    pushRowProxy(L, kindIdx, lease.row(), columns);
}

struct CellRef {
    const Cell* cell;
    const char* text;  ///< the row's text
};

/// Column `column` of the proxy at `idx` (absolute), reading the whole row when the proxy
/// lacks it.
CellRef cellOf(lua_State* L, int idx, const Proxy& p, int column) {
    const Kind& kind = kinds()[p.kind];
    const std::size_t n = kind.columns.size();
    if (p.inlineColumns != 0) {
        const auto* cells = reinterpret_cast<const Cell*>(&p + 1);
        if (cells[column].type != Cell::kAbsent)
            return {cells + column, reinterpret_cast<const char*>(cells + n)};
    }
    WorkspaceApi& api = apiOf(L);
    api.demandColumn(p.kind, column);
    const void* data =
        lua_getiuservalue(L, idx, 1) == LUA_TUSERDATA ? lua_touserdata(L, -1) : nullptr;
    lua_pop(L, 1);  // the proxy keeps it alive
    if (data == nullptr) {
        WorkspaceApi::Lease lease(api, kind.slot + kFullRow, p.kind, kind.allColumns, kind.byId);
        sql::Statement& st = lease.statement();
        st.bind(1, p.id);
        if (!st.step())
            throw ScriptFault(std::string(kind.name) + " #" + std::to_string(p.id) +
                              " no longer exists");
        readRow(st, lease.row(), n, kind.allColumns);
        void* row = lua_newuserdatauv(L, rowBytes(lease.row()), 0);
        writeRow(row, lease.row(), kind.allColumns);
        lua_setiuservalue(L, idx, 1);
        data = row;
    }
    const auto* cells = static_cast<const Cell*>(data);
    return {cells + column, reinterpret_cast<const char*>(cells + n)};
}

/// Pushes a ';'-separated list as an array of its non-empty parts.
void pushList(lua_State* L, const char* s, std::size_t size) {
    lua_newtable(L);
    lua_Integer n = 0;
    std::size_t start = 0;
    while (start < size) {
        const void* sep = std::memchr(s + start, ';', size - start);
        const std::size_t end = sep ? static_cast<const char*>(sep) - s : size;
        if (end > start) {
            lua_pushlstring(L, s + start, end - start);
            lua_rawseti(L, -2, ++n);
        }
        start = end + 1;
    }
}

/// Pushes a column's value as Lua sees it, shaped by the column ('b', 'l' or as stored).
void pushCell(lua_State* L, const CellRef& ref, char shape) {
    const Cell& c = *ref.cell;
    switch (c.type) {
        case Cell::kInteger:
            if (shape == 'b')
                lua_pushboolean(L, c.integer != 0);
            else
                lua_pushinteger(L, c.integer);
            return;
        case Cell::kReal:
            lua_pushnumber(L, c.real);
            return;
        case Cell::kText:
            if (shape == 'l')
                pushList(L, ref.text + c.offset, c.size);
            else
                lua_pushlstring(L, ref.text + c.offset, c.size);
            return;
        case Cell::kNull:
        case Cell::kAbsent:
            break;
    }
    lua_pushnil(L);
}

int kindArg(lua_State* L, int idx, const char* fn) {
    const std::string name = detail::argString(L, idx, fn, "the entity kind");
    const int k = kindIndex(name);
    if (k < 0)
        throw ScriptFault(std::string(fn) + ": unknown entity kind '" + name + "'");
    return k;
}

// proxy.__index: one raw lookup in the kind's index table (registry, keyed by the Kind) finds
// a field's column number, the relation method or, for `entity`, the kind name.
int proxyIndex(lua_State* L) {
    const Proxy& p = liveProxy(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kinds()[p.kind]);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNUMBER)
        return 1;  // a relation method, the kind name or nil
    const auto column = static_cast<int>(lua_tointeger(L, -1));
    lua_pop(L, 2);
    pushCell(L, cellOf(L, 1, p, column), kinds()[p.kind].columns[column].shape);
    return 1;
}

int proxyNewIndex(lua_State* L) {
    throw ScriptFault("entity proxies are read-only; stage changes with kk.stage.measurement{...}");
}

int proxyToString(lua_State* L) {
    const Proxy* p = toProxy(L, 1);
    if (p == nullptr)
        throw ScriptFault("tostring: not a proxy");
    lua_pushfstring(L, "%s#%I", kinds()[p->kind].name, static_cast<lua_Integer>(p->id));
    return 1;
}

int proxyEq(lua_State* L) {
    const Proxy* a = toProxy(L, 1);
    const Proxy* b = toProxy(L, 2);
    lua_pushboolean(L, a && b && a->kind == b->kind && a->id == b->id);
    return 1;
}

// A relation method: upvalues are the source kind and the relation index.
int relationCall(lua_State* L) {
    const int kindIdx = static_cast<int>(lua_tointeger(L, lua_upvalueindex(1)));
    const int relIdx = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
    const Kind& kind = kinds()[kindIdx];
    const Relation& rel = kind.relations[relIdx];
    const Proxy& p = liveProxy(L, 1);
    if (p.kind != kindIdx)
        throw ScriptFault(std::string("method ") + rel.method + " called on a " +
                          kinds()[p.kind].name + "; use ':' (e.g. project:" + rel.method + "())");
    std::int64_t key = p.id;
    if (const int column = kind.relationBindColumn[relIdx]; column >= 0) {
        const Cell& c = *cellOf(L, 1, p, column).cell;
        if (c.type != Cell::kInteger) {  // e.g. a project without a coalition
            if (rel.single)
                lua_pushnil(L);
            else
                lua_newtable(L);
            return 1;
        }
        key = c.integer;
    }
    const int target = kind.relationTarget[relIdx];
    const int slot = kind.slot + kFirstRelation + relIdx;
    if (rel.single)
        pushQueryFirst(L, target, slot, kind.relationSql[relIdx], sql::Value{key});
    else
        pushQueryList(L, target, slot, kind.relationSql[relIdx], sql::Value{key});
    return 1;
}

int apiGet(lua_State* L) {
    const int k = kindArg(L, 1, "kk.get");
    const std::int64_t id = detail::argInteger(L, 2, "kk.get", "the id");
    const Kind& kind = kinds()[k];
    pushQueryFirst(L, k, kind.slot + kById, kind.byId, sql::Value{id});
    return 1;
}

int apiList(lua_State* L) {
    const int k = kindArg(L, 1, "kk.list");
    const Kind& kind = kinds()[k];
    pushQueryList(L, k, kind.slot + kAll, kind.all, sql::Value{std::int64_t{1}});
    return 1;
}

int apiIds(lua_State* L) {
    const int k = kindArg(L, 1, "kk.ids");
    const Kind& kind = kinds()[k];
    WorkspaceApi::Lease lease(apiOf(L), kind.slot + kAllIds, kind.allIds);
    sql::Statement& st = lease.statement();
    st.bind(1, std::int64_t{1});
    lua_newtable(L);
    lua_Integer n = 0;
    while (st.step()) {
        lua_pushinteger(L, st.getInt(0));
        lua_rawseti(L, -2, ++n);
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
    pushQueryFirst(L, k, kind.slot + kByCode, kind.byCode, sql::Value{code});
    return 1;
}

// Shortcut closures kk.project(id) / kk.projects(): upvalue 1 is the kind index.
int shortcutGet(lua_State* L) {
    const int k = static_cast<int>(lua_tointeger(L, lua_upvalueindex(1)));
    const std::int64_t id = detail::argInteger(L, 1, kinds()[k].name, "the id");
    const Kind& kind = kinds()[k];
    pushQueryFirst(L, k, kind.slot + kById, kind.byId, sql::Value{id});
    return 1;
}

int shortcutList(lua_State* L) {
    const int k = static_cast<int>(lua_tointeger(L, lua_upvalueindex(1)));
    const Kind& kind = kinds()[k];
    pushQueryList(L, k, kind.slot + kAll, kind.all, sql::Value{std::int64_t{1}});
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
    Lease lease(*this, k.slot + kAllIds, k.allIds);
    lease.statement().bind(1, std::int64_t{1});
    std::vector<std::int64_t> out;
    while (lease.statement().step())
        out.push_back(lease.statement().getInt(0));
    return out;
}

void WorkspaceApi::pushProxy(lua_State* L, int kind, std::int64_t id, bool known) {
    const Kind& k = kinds().at(kind);
    bool exists = known;
    if (!known) {
        Lease lease(*this, k.slot + kExists, k.exists);
        lease.statement().bind(1, id);
        exists = lease.statement().step();
    }
    if (!exists)
        throw KkError(makeError("rules.no_subject",
                                std::string("there is no ") + k.name + " #" + std::to_string(id),
                                {}, "check the id"));
    auto* p = static_cast<Proxy*>(lua_newuserdatauv(L, sizeof(Proxy), 1));
    p->id = id;
    p->generation = detail::hostOf(L).generation();
    p->kind = kind;
    p->inlineColumns = 0;
    setProxyMetatable(L);
}

struct WorkspaceApi::Slot {
    std::unique_ptr<sql::Statement> statement;
    std::vector<sql::Value> row;
    std::uint64_t variant = 0;  ///< the column set the statement selects
    bool busy = false;
};

WorkspaceApi::WorkspaceApi(Workspace* ws) : m_ws(ws), m_demanded(kinds().size(), 1) {}

WorkspaceApi::~WorkspaceApi() = default;

template <class MakeSql>
void WorkspaceApi::Lease::acquire(WorkspaceApi& api, int slot, std::uint64_t variant,
                                  MakeSql makeSql) {
    Workspace& ws = api.requireWorkspace();
    if (api.m_slots.empty())
        api.m_slots.resize(static_cast<std::size_t>(slotCount()));
    auto& s = api.m_slots.at(static_cast<std::size_t>(slot));
    if (!s)
        s = std::make_unique<Slot>();
    if (s->busy) {
        m_ownStatement = std::make_unique<sql::Statement>(ws.db().prepare(makeSql()));
        m_statement = m_ownStatement.get();
        m_row = &m_ownRow;
        return;
    }
    if (!s->statement || s->variant != variant) {
        s->statement.reset();
        s->statement = std::make_unique<sql::Statement>(ws.db().prepare(makeSql()));
        s->variant = variant;
    }
    s->busy = true;
    m_slot = s.get();
    m_statement = s->statement.get();
    m_row = &s->row;
}

WorkspaceApi::Lease::Lease(WorkspaceApi& api, int slot, const std::string& sqlText) {
    acquire(api, slot, 0, [&] { return sqlText; });
}

WorkspaceApi::Lease::Lease(WorkspaceApi& api, int slot, int kind, std::uint64_t columns,
                           const std::string& where) {
    acquire(api, slot, columns, [&] {
        const Kind& k = kinds().at(kind);
        std::string sqlText = "SELECT ";
        const char* sep = "";
        for (std::size_t i = 0; i < k.columns.size(); ++i)
            if (columns & (std::uint64_t{1} << i)) {
                sqlText.append(sep).append(k.columns[i].expr);
                sep = ", ";
            }
        return sqlText.append(" FROM ").append(k.from).append(" ").append(where);
    });
}

std::uint64_t WorkspaceApi::demandedColumns(int kind) const {
    return m_demanded[static_cast<std::size_t>(kind)];
}

void WorkspaceApi::demandColumn(int kind, int column) {
    m_demanded[static_cast<std::size_t>(kind)] |= std::uint64_t{1} << column;
}

WorkspaceApi::Lease::~Lease() {
    m_statement->reset();  // ends the read and clears the binding
    if (m_slot != nullptr)
        m_slot->busy = false;
}

void WorkspaceApi::install(lua_State* L) {
    // The proxy metatable (shared by every kind; the kind is in the userdata), also kept under
    // a light-userdata key for a lookup without hashing a name.
    luaL_newmetatable(L, kProxyMeta);
    setFn(L, "__index", detail::guarded<proxyIndex>);
    setFn(L, "__newindex", detail::guarded<proxyNewIndex>);
    setFn(L, "__tostring", detail::guarded<proxyToString>);
    setFn(L, "__eq", detail::guarded<proxyEq>);
    lua_pushstring(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, kProxyMeta);
    // One index table per kind, in the registry keyed by the Kind: relation methods, `entity`,
    // then the fields (a field would win over a method of the same name).
    const auto& ks = kinds();
    for (std::size_t k = 0; k < ks.size(); ++k) {
        lua_newtable(L);
        for (std::size_t r = 0; r < ks[k].relations.size(); ++r) {
            lua_pushinteger(L, static_cast<lua_Integer>(k));
            lua_pushinteger(L, static_cast<lua_Integer>(r));
            lua_pushcclosure(L, detail::guarded<relationCall>, 2);
            lua_setfield(L, -2, ks[k].relations[r].method);
        }
        lua_pushstring(L, ks[k].name);
        lua_setfield(L, -2, "entity");
        for (std::size_t c = 0; c < ks[k].columns.size(); ++c) {
            lua_pushinteger(L, static_cast<lua_Integer>(c));
            lua_setfield(L, -2, ks[k].columns[c].field);
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
