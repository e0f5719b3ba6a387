// The workspace: one GeoPackage file holding reference data, the domain entities, the audit
// trail and undo history (ARCHITECTURE.md decision 1).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/base/signal.h"
#include "core/model/entities.h"
#include "core/store/changeset.h"
#include "core/store/sqlite.h"

namespace kk {

/// One schema step, kept in its own file under core/store/migrations/ (or a plugin's folder).
struct Migration {
    int version;
    std::string name;
    std::string sql;
};

/// Information shown by `koppelkans-cli info`.
struct WorkspaceInfo {
    std::string path;
    int schemaVersion = 0;
    std::string createdAt;
    std::string createdBy;
    std::vector<std::pair<std::string, std::int64_t>> counts;  ///< entity -> rows
};

class Workspace {
  public:
    /// The schema version this build writes.
    static int currentSchemaVersion();
    /// Creates a new workspace file (refuses to overwrite an existing file).
    static Result<std::unique_ptr<Workspace>> create(const std::string& path);
    /// Opens an existing workspace, upgrading its schema (after a backup copy) when older.
    static Result<std::unique_ptr<Workspace>> open(const std::string& path, bool readOnly = false);

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    sql::Db& db() { return *m_db; }
    const std::string& path() const { return m_path; }
    bool readOnly() const { return m_readOnly; }

    /// Who is recorded in the audit trail (default: the login name).
    void setUser(std::string user) { m_user = std::move(user); }
    const std::string& user() const { return m_user; }

    /// Applies a namespace's migrations (core uses "core"; plugins their id), each in its own
    /// transaction, recording the version in kk_meta.
    Status applyMigrations(std::string_view ns, const std::vector<Migration>& migrations);
    int schemaVersion(std::string_view ns = "core");
    /// Path of the last backup made before an upgrade (empty when none was needed).
    const std::string& lastBackup() const { return m_lastBackup; }

    /// Undo the most recent change set / redo the most recently undone one.
    Result<ChangeNotice> undo();
    Result<ChangeNotice> redo();
    bool canUndo();
    bool canRedo();
    std::string undoLabel();
    std::string redoLabel();
    /// The audit log, newest first.
    std::vector<AuditEntry> log(int limit = 50);

    /// Emitted after every committed change set, undo and redo.
    Signal<const ChangeNotice&> changed;

    WorkspaceInfo info();

    /// Column names of a table (validated identifiers for SQL built from them).
    const std::vector<std::string>& columnsOf(std::string_view table);
    /// Name of the INTEGER PRIMARY KEY column of a table ("id", "fid"), or "rowid".
    const std::string& keyOf(std::string_view table);

    static std::string nowUtc();

  private:
    friend class ChangeSet;
    Workspace(std::unique_ptr<sql::Db> db, std::string path, bool readOnly);
    void configureConnection();
    Status upgrade();
    std::int64_t nextSavepoint() { return ++m_savepointCounter; }
    Result<ChangeNotice> replay(bool undo);

    std::unique_ptr<sql::Db> m_db;
    std::string m_path;
    bool m_readOnly = false;
    std::string m_user;
    std::string m_lastBackup;
    std::int64_t m_savepointCounter = 0;
    struct TableInfo {
        std::vector<std::string> columns;
        std::string key;
    };
    std::vector<std::pair<std::string, TableInfo>> m_tables;
    const TableInfo& tableInfo(std::string_view table);
};

/// The core schema migrations compiled into this build.
const std::vector<Migration>& coreMigrations();

}  // namespace kk
