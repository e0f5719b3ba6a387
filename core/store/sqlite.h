// A thin RAII layer over SQLite: connections, prepared statements with bound parameters,
// savepoints that roll back unless committed. Only core/store includes sqlite3.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kk::sql {

/// A value in a row: NULL, integer, real, text or blob.
using Value =
    std::variant<std::monostate, std::int64_t, double, std::string, std::vector<std::uint8_t>>;

/// Raised for SQLite failures; carries the statement and SQLite's message.
class SqlError : public KkError {
  public:
    using KkError::KkError;
};

class Statement;

/// An open SQLite connection.
class Db {
  public:
    /// Opens (or creates, when `create`) the file. Throws SqlError.
    Db(const std::string& path, bool create, bool readOnly = false);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    /// Runs a query that returns one integer (or `fallback` when no row/NULL).
    std::int64_t scalarInt(std::string_view sql, std::int64_t fallback = 0);
    bool tableExists(std::string_view name);
    /// Copies the whole database to `path` with SQLite's online backup API.
    void backupTo(const std::string& path);

  private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

/// A prepared statement. bind() is 1-based like SQLite; column() is 0-based.
class Statement {
  public:
    Statement(Db& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& o) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    Statement& bind(int index, const Value& v);
    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, std::string_view v);
    Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bindNull(int index);
    /// Binds each value in order starting at 1.
    Statement& bindAll(const std::vector<Value>& values);

    /// Advances to the next row; false when done. Throws SqlError on failure.
    bool step();
    /// Runs a statement that returns no rows.
    void run();
    void reset();

    int columnCount() const;
    std::string columnName(int i) const;
    bool isNull(int i) const;
    std::int64_t getInt(int i) const;
    double getDouble(int i) const;
    std::string getText(int i) const;
    std::vector<std::uint8_t> getBlob(int i) const;
    Value get(int i) const;

  private:
    sqlite3_stmt* m_stmt = nullptr;
    Db* m_db = nullptr;
    std::string m_sql;
};

/// A SAVEPOINT that is rolled back on destruction unless release() was called. Nests.
class Savepoint {
  public:
    Savepoint(Db& db, std::string name);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release();
    void rollback();
    bool active() const { return m_active; }

  private:
    Db& m_db;
    std::string m_name;
    bool m_active = true;
};

/// Text form of a value for audit records and messages.
std::string toText(const Value& v);

}  // namespace kk::sql
