// ChangeSet: the single way to write to a workspace (ARCHITECTURE.md decision 3). It opens a
// SAVEPOINT, records an audit entry with before/after images, becomes one undo step and emits
// one change notification on commit. Destroyed without commit() it rolls everything back.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/store/sqlite.h"

namespace kk {

class Workspace;

/// Column names and values of one row, in matching order.
struct Row {
    std::vector<std::string> columns;
    std::vector<sql::Value> values;

    Row& set(std::string column, sql::Value value) {
        columns.push_back(std::move(column));
        values.push_back(std::move(value));
        return *this;
    }
    const sql::Value* find(std::string_view column) const;
};

/// What one committed change set (or an undo/redo of one) touched, per table.
struct ChangeNotice {
    enum class Kind { Change, Undo, Redo };
    Kind kind = Kind::Change;
    std::int64_t auditId = 0;
    std::string label;
    struct TableChange {
        std::int64_t inserted = 0;
        std::int64_t updated = 0;
        std::int64_t deleted = 0;
    };
    std::map<std::string, TableChange, std::less<>> tables;
    bool touches(std::string_view table) const { return tables.find(table) != tables.end(); }
};

class BulkInsert;

class ChangeSet {
  public:
    /// Starts a change set labelled for the audit log and the undo menu ("Import cost items").
    ChangeSet(Workspace& ws, std::string label);
    ~ChangeSet();
    ChangeSet(const ChangeSet&) = delete;
    ChangeSet& operator=(const ChangeSet&) = delete;

    /// Inserts a row and returns its id. Throws KkError / sql::SqlError on failure.
    std::int64_t insert(std::string_view table, const Row& row);
    /// Sets the given columns of row `id`. Records the before image.
    void update(std::string_view table, std::int64_t id, const Row& changes);
    /// Deletes row `id`. Records the before image.
    void remove(std::string_view table, std::int64_t id);
    /// Fast path for imports: many inserts into one table, audited as one id range.
    BulkInsert bulkInsert(std::string_view table, std::vector<std::string> columns);

    /// Makes the change permanent: one audit entry, one undo step, one notification.
    /// A change set with no changes commits nothing and records nothing.
    Status commit();
    /// Drops every change now (the destructor does the same).
    void rollback();
    bool empty() const { return m_changes.empty(); }
    /// Renames the change for the audit log and the undo menu (known only at the end).
    void setLabel(std::string label) { m_label = std::move(label); }
    Workspace& workspace() { return m_ws; }

  private:
    friend class BulkInsert;
    friend class Workspace;
    struct Change {
        std::string table;
        std::string op;  ///< insert, insert_range, update, delete
        std::int64_t rowId = 0;
        std::int64_t lastRowId = 0;
        std::string before;
        std::string after;
    };
    void record(Change c);

    Workspace& m_ws;
    std::string m_label;
    std::unique_ptr<sql::Savepoint> m_savepoint;
    std::vector<Change> m_changes;
    bool m_done = false;
};

/// Inserts rows into one table with one prepared statement. Rows get consecutive ids; the
/// audit records the range (and each id if they were not consecutive).
class BulkInsert {
  public:
    BulkInsert(BulkInsert&&) noexcept;
    ~BulkInsert();
    /// Values in the column order given to bulkInsert(). Returns the new row id.
    std::int64_t add(const std::vector<sql::Value>& values);
    /// Records the audit entry for the rows added; called by the destructor too.
    void finish();
    std::int64_t count() const { return m_count; }

  private:
    friend class ChangeSet;
    BulkInsert(ChangeSet& cs, std::string table, sql::Statement st);
    ChangeSet* m_cs;
    std::string m_table;
    std::optional<sql::Statement> m_st;
    std::int64_t m_first = 0;
    std::int64_t m_last = 0;
    std::int64_t m_count = 0;
    bool m_contiguous = true;
    std::vector<std::int64_t> m_ids;
    bool m_finished = false;
};

}  // namespace kk
