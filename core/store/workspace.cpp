// Workspace lifecycle: create, open, upgrade with backup, undo/redo replay, audit log.
#include "core/store/workspace.h"

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "core/store/gpkg_functions.h"
#include "core/store/row_json.h"

namespace kk {

Row readRow(Workspace& ws, std::string_view table, std::int64_t id);  // changeset.cpp

namespace {

constexpr std::int32_t kGpkgApplicationId = 0x47504B47;  // "GPKG"
constexpr int kGpkgUserVersion = 10300;                  // GeoPackage 1.3.0

std::string defaultUser() {
    if (const char* u = std::getenv("KK_USER"); u && *u)
        return u;
    if (const char* u = std::getenv("USER"); u && *u)
        return u;
    if (const char* u = getlogin(); u && *u)
        return u;
    return "unknown";
}

/// The entity tables reported by info(), with their display names.
constexpr std::pair<const char*, const char*> kEntityTables[] = {
    {"municipalities", "kk_municipality"},
    {"governments", "kk_government"},
    {"actors", "kk_actor"},
    {"areas", "areas"},
    {"coalitions", "kk_coalition"},
    {"coalition members", "kk_coalition_member"},
    {"programmes", "kk_programme"},
    {"funds", "kk_fund"},
    {"calls", "kk_call"},
    {"projects", "kk_project"},
    {"cost items", "kk_cost_item"},
    {"expenses", "kk_expense"},
    {"awards", "kk_award"},
    {"indicators", "kk_indicator"},
    {"measurements", "kk_measurement"},
    {"scripts", "kk_script"},
    {"allocation runs", "kk_allocation_run"},
    {"audit entries", "kk_audit"},
};

}  // namespace

int Workspace::currentSchemaVersion() {
    return coreMigrations().back().version;
}

std::string Workspace::nowUtc() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Workspace::Workspace(std::unique_ptr<sql::Db> db, std::string path, bool readOnly)
    : m_db(std::move(db)), m_path(std::move(path)), m_readOnly(readOnly), m_user(defaultUser()) {}

Workspace::~Workspace() = default;

void Workspace::configureConnection() {
    registerGpkgFunctions(m_db->handle());
    m_db->exec("PRAGMA foreign_keys = ON");
    if (!m_readOnly) {
        m_db->exec("PRAGMA journal_mode = WAL");
        m_db->exec("PRAGMA synchronous = NORMAL");
        // A desktop workspace can afford 64 MB of page cache; imports and summaries over the
        // xl workspace touch far more pages than SQLite's 8 MB default holds.
        m_db->exec("PRAGMA cache_size = -65536");
    }
}

Result<std::unique_ptr<Workspace>> Workspace::create(const std::string& path) {
    if (std::filesystem::exists(path))
        return makeError("workspace.exists", "a file already exists at this path", path,
                         "choose another name or remove the file first");
    try {
        auto db = std::make_unique<sql::Db>(path, true);
        std::unique_ptr<Workspace> ws(new Workspace(std::move(db), path, false));
        ws->m_db->exec("PRAGMA application_id = " + std::to_string(kGpkgApplicationId));
        ws->m_db->exec("PRAGMA user_version = " + std::to_string(kGpkgUserVersion));
        ws->configureConnection();
        if (auto s = ws->applyMigrations("core", coreMigrations()); !s) {
            ws.reset();
            std::filesystem::remove(path);
            return s.error();
        }
        auto st = ws->m_db->prepare("INSERT OR REPLACE INTO kk_meta (key, value) VALUES (?, ?)");
        st.bind(1, std::string_view("created_at")).bind(2, nowUtc()).run();
        st.bind(1, std::string_view("created_by")).bind(2, ws->m_user).run();
        return ws;
    } catch (const KkError& e) {
        std::error_code ec;
        std::filesystem::remove(path, ec);
        return e.error();
    }
}

Result<std::unique_ptr<Workspace>> Workspace::open(const std::string& path, bool readOnly) {
    if (!std::filesystem::exists(path))
        return makeError("workspace.missing", "no workspace at this path", path,
                         "check the path, or create one with 'koppelkans-cli init'");
    try {
        auto db = std::make_unique<sql::Db>(path, false, readOnly);
        std::unique_ptr<Workspace> ws(new Workspace(std::move(db), path, readOnly));
        // Reading the header proves it is a SQLite file at all.
        const auto appId = ws->m_db->scalarInt("PRAGMA application_id");
        if (appId != kGpkgApplicationId || !ws->m_db->tableExists("kk_meta"))
            return makeError("workspace.not_a_workspace", "the file is not a Koppelkans workspace",
                             path, "open a .gpkg made by Koppelkans, or create one with 'init'");
        ws->configureConnection();
        const int version = ws->schemaVersion("core");
        if (version > currentSchemaVersion())
            return makeError("workspace.too_new",
                             "the workspace has schema version " + std::to_string(version) +
                                 " but this program knows up to " +
                                 std::to_string(currentSchemaVersion()),
                             path, "update Koppelkans to open this workspace");
        if (version < currentSchemaVersion()) {
            if (readOnly)
                return makeError("workspace.needs_upgrade",
                                 "the workspace needs a schema upgrade but was opened read-only",
                                 path, "open it for writing once to upgrade it");
            if (auto s = ws->upgrade(); !s)
                return s.error();
        }
        return ws;
    } catch (const KkError& e) {
        // Low-level SQLite errors name a statement; the user needs the file.
        Error err = e.error();
        err.what = "cannot read the workspace: " + err.what;
        err.where = path;
        if (err.hint.empty())
            err.hint = "check that this is a Koppelkans workspace (.gpkg)";
        return err;
    }
}

Status Workspace::upgrade() {
    const int from = schemaVersion("core");
    // A copy of the workspace as it was, beside it, before any migration runs.
    std::string backup = m_path + ".v" + std::to_string(from) + ".backup";
    for (int n = 2; std::filesystem::exists(backup); ++n)
        backup = m_path + ".v" + std::to_string(from) + ".backup" + std::to_string(n);
    m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    m_db->backupTo(backup);
    m_lastBackup = backup;
    return applyMigrations("core", coreMigrations());
}

int Workspace::schemaVersion(std::string_view ns) {
    if (!m_db->tableExists("kk_meta"))
        return 0;
    auto st = m_db->prepare("SELECT value FROM kk_meta WHERE key = ?");
    st.bind(1, "schema_version:" + std::string(ns));
    if (!st.step())
        return 0;
    return std::stoi(st.getText(0));
}

Status Workspace::applyMigrations(std::string_view ns, const std::vector<Migration>& migrations) {
    // The version bookkeeping table exists before the first migration runs.
    m_db->exec("CREATE TABLE IF NOT EXISTS kk_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    int current = schemaVersion(ns);
    for (const Migration& m : migrations) {
        if (m.version <= current)
            continue;
        try {
            sql::Savepoint sp(*m_db, "kk_migration");
            m_db->exec(m.sql);
            auto st = m_db->prepare("INSERT OR REPLACE INTO kk_meta (key, value) VALUES (?, ?)");
            st.bind(1, "schema_version:" + std::string(ns)).bind(2, std::to_string(m.version));
            st.run();
            sp.release();
            current = m.version;
        } catch (const KkError& e) {
            return makeError("workspace.migration",
                             "schema migration " + m.name + " failed: " + e.error().what, m_path,
                             "restore the backup made before the upgrade and report this");
        }
    }
    m_tables.clear();
    return {};
}

const Workspace::TableInfo& Workspace::tableInfo(std::string_view table) {
    for (const auto& [name, info] : m_tables)
        if (name == table)
            return info;
    TableInfo info;
    // table_info takes the name as a bound argument through the table-valued pragma function.
    auto st = m_db->prepare("SELECT name, type, pk FROM pragma_table_info(?)");
    st.bind(1, table);
    int pkCount = 0;
    std::string pkName;
    std::string pkType;
    while (st.step()) {
        info.columns.push_back(st.getText(0));
        if (st.getInt(2) > 0) {
            ++pkCount;
            pkName = st.getText(0);
            pkType = st.getText(1);
        }
    }
    if (info.columns.empty())
        throw KkError(makeError("store.unknown_table", "no table " + std::string(table)));
    info.key = (pkCount == 1 && pkType == "INTEGER") ? pkName : "rowid";
    m_tables.emplace_back(std::string(table), std::move(info));
    return m_tables.back().second;
}

const std::vector<std::string>& Workspace::columnsOf(std::string_view table) {
    return tableInfo(table).columns;
}

const std::string& Workspace::keyOf(std::string_view table) {
    return tableInfo(table).key;
}

namespace {

void insertImage(Workspace& ws, const std::string& table, const Row& row) {
    const auto& cols = ws.columnsOf(table);
    std::string sqlText = "INSERT INTO \"" + table + "\" (";
    std::string marks;
    for (std::size_t i = 0; i < row.columns.size(); ++i) {
        const std::string& c = row.columns[i];
        if (c != "rowid" && std::find(cols.begin(), cols.end(), c) == cols.end())
            throw KkError(makeError("store.unknown_column", "no column " + c + " in " + table));
        sqlText += (i ? ",\"" : "\"") + c + "\"";
        marks += i ? ",?" : "?";
    }
    sqlText += ") VALUES (" + marks + ")";
    auto st = ws.db().prepare(sqlText);
    st.bindAll(row.values);
    st.run();
}

void applyColumns(Workspace& ws, const std::string& table, std::int64_t id, const Row& row) {
    const auto& cols = ws.columnsOf(table);
    std::string sqlText = "UPDATE \"" + table + "\" SET ";
    for (std::size_t i = 0; i < row.columns.size(); ++i) {
        if (std::find(cols.begin(), cols.end(), row.columns[i]) == cols.end())
            throw KkError(makeError("store.unknown_column", "no column " + row.columns[i]));
        sqlText += (i ? ",\"" : "\"") + row.columns[i] + "\" = ?";
    }
    sqlText += " WHERE " + ws.keyOf(table) + " = ?";
    auto st = ws.db().prepare(sqlText);
    st.bindAll(row.values);
    st.bind(static_cast<int>(row.values.size() + 1), id);
    st.run();
}

void deleteRows(Workspace& ws, const std::string& table, std::int64_t first, std::int64_t last) {
    auto st = ws.db().prepare("DELETE FROM \"" + table + "\" WHERE " + ws.keyOf(table) +
                              " BETWEEN ? AND ?");
    st.bind(1, first).bind(2, last).run();
}

}  // namespace

Result<ChangeNotice> Workspace::replay(bool undo) {
    if (m_readOnly)
        return makeError("workspace.read_only", "the workspace is open read-only", m_path);
    std::int64_t target = 0;
    std::string label;
    {
        auto st = m_db->prepare(undo ? "SELECT id, label FROM kk_audit WHERE state = 'done' "
                                       "ORDER BY id DESC LIMIT 1"
                                     : "SELECT id, label FROM kk_audit WHERE state = 'undone' "
                                       "ORDER BY id ASC LIMIT 1");
        if (!st.step())
            return makeError(undo ? "undo.nothing" : "redo.nothing",
                             undo ? "there is nothing to undo" : "there is nothing to redo");
        target = st.getInt(0);
        label = st.getText(1);
    }
    struct Step {
        std::int64_t seq;
        std::string table, op;
        std::int64_t rowId, lastRowId;
        std::string before, after;
    };
    std::vector<Step> steps;
    {
        auto st = m_db->prepare(
            "SELECT seq, tbl, op, row_id, last_row_id, before_json, after_json FROM "
            "kk_audit_change WHERE audit_id = ? ORDER BY seq");
        st.bind(1, target);
        while (st.step())
            steps.push_back({st.getInt(0), st.getText(1), st.getText(2), st.getInt(3), st.getInt(4),
                             st.getText(5), st.getText(6)});
    }
    ChangeNotice notice;
    notice.kind = undo ? ChangeNotice::Kind::Undo : ChangeNotice::Kind::Redo;
    notice.label = label;
    try {
        sql::Savepoint sp(*m_db, "kk_replay");
        auto saveAfter = m_db->prepare(
            "UPDATE kk_audit_change SET after_json = ? WHERE audit_id = ? AND seq = ?");
        if (undo)
            std::reverse(steps.begin(), steps.end());
        for (const Step& s : steps) {
            auto& t = notice.tables[s.table];
            if (s.op == "insert" || s.op == "insert_range") {
                if (undo) {
                    std::vector<Row> rows;
                    for (std::int64_t id = s.rowId; id <= s.lastRowId; ++id)
                        rows.push_back(readRow(*this, s.table, id));
                    saveAfter.bind(1, rows.size() == 1 && s.op == "insert"
                                          ? rowjson::encode(rows[0])
                                          : rowjson::encodeMany(rows));
                    saveAfter.bind(2, target).bind(3, s.seq).run();
                    deleteRows(*this, s.table, s.rowId, s.lastRowId);
                    t.deleted += s.lastRowId - s.rowId + 1;
                } else {
                    if (s.op == "insert")
                        insertImage(*this, s.table, rowjson::decode(s.after));
                    else
                        for (const Row& r : rowjson::decodeMany(s.after))
                            insertImage(*this, s.table, r);
                    t.inserted += s.lastRowId - s.rowId + 1;
                }
            } else if (s.op == "update") {
                applyColumns(*this, s.table, s.rowId, rowjson::decode(undo ? s.before : s.after));
                ++t.updated;
            } else if (s.op == "delete") {
                if (undo) {
                    insertImage(*this, s.table, rowjson::decode(s.before));
                    ++t.inserted;
                } else {
                    deleteRows(*this, s.table, s.rowId, s.rowId);
                    ++t.deleted;
                }
            }
        }
        auto mark = m_db->prepare("UPDATE kk_audit SET state = ? WHERE id = ?");
        mark.bind(1, std::string_view(undo ? "undone" : "done")).bind(2, target).run();
        auto a = m_db->prepare(
            "INSERT INTO kk_audit (user, at, label, state, target_id) VALUES (?, ?, ?, ?, ?)");
        a.bind(1, m_user).bind(2, nowUtc()).bind(3, (undo ? "Undo: " : "Redo: ") + label);
        a.bind(4, std::string_view(undo ? "undo" : "redo")).bind(5, target).run();
        notice.auditId = m_db->lastInsertId();
        sp.release();
    } catch (const KkError& e) {
        return makeError(undo ? "undo.failed" : "redo.failed",
                         std::string("cannot ") + (undo ? "undo" : "redo") + " '" + label +
                             "': " + e.error().what,
                         m_path, "later changes depend on it; undo those first");
    }
    changed.emit(notice);
    return notice;
}

Result<ChangeNotice> Workspace::undo() {
    return replay(true);
}
Result<ChangeNotice> Workspace::redo() {
    return replay(false);
}
bool Workspace::canUndo() {
    return m_db->scalarInt("SELECT count(*) FROM kk_audit WHERE state = 'done'") > 0;
}
bool Workspace::canRedo() {
    return m_db->scalarInt("SELECT count(*) FROM kk_audit WHERE state = 'undone'") > 0;
}

std::string Workspace::undoLabel() {
    auto st =
        m_db->prepare("SELECT label FROM kk_audit WHERE state = 'done' ORDER BY id DESC LIMIT 1");
    return st.step() ? st.getText(0) : std::string();
}

std::string Workspace::redoLabel() {
    auto st =
        m_db->prepare("SELECT label FROM kk_audit WHERE state = 'undone' ORDER BY id ASC LIMIT 1");
    return st.step() ? st.getText(0) : std::string();
}

std::vector<AuditEntry> Workspace::log(int limit) {
    std::vector<AuditEntry> out;
    auto st = m_db->prepare(
        "SELECT a.id, a.user, a.at, a.label, a.state, (SELECT count(*) FROM kk_audit_change c "
        "WHERE c.audit_id = a.id) FROM kk_audit a ORDER BY a.id DESC LIMIT ?");
    st.bind(1, static_cast<std::int64_t>(limit));
    while (st.step())
        out.push_back({st.getInt(0), st.getText(1), st.getText(2), st.getText(3), st.getText(4),
                       st.getInt(5)});
    return out;
}

WorkspaceInfo Workspace::info() {
    WorkspaceInfo i;
    i.path = m_path;
    i.schemaVersion = schemaVersion("core");
    auto meta = m_db->prepare("SELECT value FROM kk_meta WHERE key = ?");
    meta.bind(1, std::string_view("created_at"));
    if (meta.step())
        i.createdAt = meta.getText(0);
    meta.reset();
    meta.bind(1, std::string_view("created_by"));
    if (meta.step())
        i.createdBy = meta.getText(0);
    for (const auto& [name, table] : kEntityTables) {
        // Table names come from the constant list above, never from input.
        i.counts.emplace_back(name, m_db->scalarInt(std::string("SELECT count(*) FROM ") + table));
    }
    return i;
}

}  // namespace kk
