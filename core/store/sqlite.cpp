// RAII wrappers around the SQLite C API.
#include "core/store/sqlite.h"

#include <sqlite3.h>

namespace kk::sql {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view context) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    std::string hint;
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        hint = "another program is writing to the workspace; try again in a moment";
    else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
        hint = "the file is damaged or not a workspace; restore a backup";
    else if ((code & 0xff) == SQLITE_READONLY)
        hint = "the workspace is read-only; check the file permissions";
    throw SqlError(
        makeError("sql." + std::to_string(code & 0xff), msg, std::string(context), hint));
}

}  // namespace

Db::Db(const std::string& path, bool create, bool readOnly) : m_path(path) {
    int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !readOnly)
        flags |= SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : "cannot allocate";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqlError(makeError("workspace.open", "cannot open the workspace: " + msg, path,
                                 create ? "check that the folder exists and is writable"
                                        : "check the path; create a workspace with 'init'"));
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
}

Db::~Db() {
    if (m_db)
        sqlite3_close_v2(m_db);
}

void Db::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw SqlError(makeError("sql.exec", msg, s.substr(0, 200)));
    }
}

Statement Db::prepare(std::string_view sql) {
    return Statement(*this, sql);
}
std::int64_t Db::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Db::changes() const {
    return sqlite3_changes(m_db);
}

std::int64_t Db::scalarInt(std::string_view sql, std::int64_t fallback) {
    Statement st(*this, sql);
    if (st.step() && !st.isNull(0))
        return st.getInt(0);
    return fallback;
}

bool Db::tableExists(std::string_view name) {
    Statement st(*this, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
    st.bind(1, name);
    return st.step();
}

void Db::backupTo(const std::string& path) {
    sqlite3* dest = nullptr;
    if (sqlite3_open(path.c_str(), &dest) != SQLITE_OK) {
        sqlite3_close(dest);
        throw SqlError(makeError("workspace.backup", "cannot create the backup file", path,
                                 "check that the folder is writable"));
    }
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", m_db, "main");
    if (!b) {
        const std::string msg = sqlite3_errmsg(dest);
        sqlite3_close(dest);
        throw SqlError(makeError("workspace.backup", msg, path));
    }
    sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    const int rc = sqlite3_errcode(dest);
    sqlite3_close(dest);
    if (rc != SQLITE_OK)
        throw SqlError(makeError("workspace.backup", "the backup did not complete", path));
}

Statement::Statement(Db& db, std::string_view sql) : m_db(&db), m_sql(sql) {
    if (sqlite3_prepare_v2(db.handle(), m_sql.data(), static_cast<int>(m_sql.size()), &m_stmt,
                           nullptr) != SQLITE_OK)
        fail(db.handle(), m_sql.substr(0, 200));
}

Statement::~Statement() {
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& o) noexcept
    : m_stmt(o.m_stmt), m_db(o.m_db), m_sql(std::move(o.m_sql)) {
    o.m_stmt = nullptr;
}

Statement& Statement::bind(int index, const Value& v) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(m_stmt, index);
    } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(m_stmt, index, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(m_stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(m_stmt, index, s->data(), static_cast<int>(s->size()),
                               SQLITE_TRANSIENT);
    } else if (const auto* b = std::get_if<std::vector<std::uint8_t>>(&v)) {
        rc = sqlite3_bind_blob(m_stmt, index, b->data(), static_cast<int>(b->size()),
                               SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK)
        fail(m_db->handle(), m_sql.substr(0, 200));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t v) {
    if (sqlite3_bind_int64(m_stmt, index, v) != SQLITE_OK)
        fail(m_db->handle(), m_sql);
    return *this;
}

Statement& Statement::bind(int index, std::string_view v) {
    if (sqlite3_bind_text(m_stmt, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        fail(m_db->handle(), m_sql);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement& Statement::bindAll(const std::vector<Value>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        bind(static_cast<int>(i + 1), values[i]);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(m_db->handle(), m_sql.substr(0, 200));
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const {
    return sqlite3_column_count(m_stmt);
}
std::string Statement::columnName(int i) const {
    return sqlite3_column_name(m_stmt, i);
}
bool Statement::isNull(int i) const {
    return sqlite3_column_type(m_stmt, i) == SQLITE_NULL;
}
std::int64_t Statement::getInt(int i) const {
    return sqlite3_column_int64(m_stmt, i);
}
double Statement::getDouble(int i) const {
    return sqlite3_column_double(m_stmt, i);
}

std::string Statement::getText(int i) const {
    const auto* p = sqlite3_column_text(m_stmt, i);
    if (!p)
        return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i)));
}

std::vector<std::uint8_t> Statement::getBlob(int i) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, i));
    const int n = sqlite3_column_bytes(m_stmt, i);
    if (!p || n <= 0)
        return {};
    return std::vector<std::uint8_t>(p, p + n);
}

Value Statement::get(int i) const {
    switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER:
            return getInt(i);
        case SQLITE_FLOAT:
            return getDouble(i);
        case SQLITE_TEXT:
            return getText(i);
        case SQLITE_BLOB:
            return getBlob(i);
        default:
            return std::monostate{};
    }
}

Savepoint::Savepoint(Db& db, std::string name) : m_db(db), m_name(std::move(name)) {
    m_db.exec("SAVEPOINT " + m_name);
}

Savepoint::~Savepoint() {
    if (m_active) {
        try {
            rollback();
        } catch (const SqlError&) {
            // Nothing sensible can be done in a destructor; SQLite keeps the file consistent.
        }
    }
}

void Savepoint::release() {
    m_db.exec("RELEASE " + m_name);
    m_active = false;
}

void Savepoint::rollback() {
    if (!m_active)
        return;
    m_active = false;
    m_db.exec("ROLLBACK TO " + m_name);
    m_db.exec("RELEASE " + m_name);
}

std::string toText(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v))
        return std::to_string(*d);
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    if (const auto* b = std::get_if<std::vector<std::uint8_t>>(&v))
        return "<" + std::to_string(b->size()) + " bytes>";
    return "";
}

}  // namespace kk::sql
