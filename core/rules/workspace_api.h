// The `kk` read API of a script package: entities as short-lived proxies, relations as
// methods, money as integer cents, and writes staged until the script has succeeded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/error.h"
#include "core/store/sqlite.h"

struct lua_State;

namespace kk {
class Workspace;
}

namespace kk::rules {

/// A measurement a script asked to write (kk.stage.measurement{...}).
struct StagedMeasurement {
    std::int64_t indicatorId = 0;
    std::string subjectKind;
    std::int64_t subjectId = 0;
    int year = 0;
    std::string value;  ///< decimal text, as kk_measurement stores it
    std::string source;
};

/// Entity kinds visible to Lua, e.g. "project" (kk_project). Index into kindNames().
const std::vector<std::string>& kindNames();
/// Index of a kind name; -1 when unknown.
int kindIndex(std::string_view name);

/// Binds one LuaHost to one workspace (or to none: then every data call fails clearly).
class WorkspaceApi {
  public:
    explicit WorkspaceApi(Workspace* ws);
    ~WorkspaceApi();
    WorkspaceApi(const WorkspaceApi&) = delete;
    WorkspaceApi& operator=(const WorkspaceApi&) = delete;

    /// Adds the data functions to the global `kk` table (created when missing).
    void install(lua_State* L);
    /// Pushes a proxy of entity `kind` #id, or throws KkError when it does not exist. `known`:
    /// the caller read the id from the workspace in this call, so the existence query is
    /// skipped (a row that vanished is still reported when the script reads it).
    void pushProxy(lua_State* L, int kind, std::int64_t id, bool known = false);

    Workspace* workspace() const { return m_ws; }
    const std::vector<StagedMeasurement>& staged() const { return m_staged; }
    void stage(StagedMeasurement m) { m_staged.push_back(std::move(m)); }
    void dropStaged() { m_staged.clear(); }
    /// Writes the staged measurements as one ChangeSet labelled `label` (replacing a stored
    /// value with the same indicator, subject, year and source) and clears them.
    Status commitStaged(const std::string& label);

    // --- for the Lua-facing functions in workspace_api.cpp ---
    using Rows = std::vector<std::vector<sql::Value>>;
    Rows query(const std::string& sqlText, const sql::Value& bind);
    sql::Statement& statement(const std::string& sqlText);
    Workspace& requireWorkspace() const;
    /// Ids of every entity of kind `kind` (kindNames() index), ascending.
    std::vector<std::int64_t> ids(int kind);
    /// Ids of indicator codes, cached for staging.
    std::int64_t indicatorIdOf(const std::string& code);

  private:
    struct Slot;

  public:
    /// A prepared statement of one of the API's fixed queries (numbered by workspace_api.cpp),
    /// with a row buffer to copy results into. Held for the duration of one query; when the
    /// same query is already running further up the stack (a Lua finalizer calling back into
    /// the API), the lease gets a statement and a buffer of its own.
    class Lease {
      public:
        /// A fixed query.
        Lease(WorkspaceApi& api, int slot, const std::string& sqlText);
        /// A query of rows of kind `kind`: the columns in the bit set `columns` (bit i = the
        /// kind's column i), FROM the kind, then `where`. Result columns are in column order.
        Lease(WorkspaceApi& api, int slot, int kind, std::uint64_t columns,
              const std::string& where);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        sql::Statement& statement() { return *m_statement; }
        std::vector<sql::Value>& row() { return *m_row; }

      private:
        template <class MakeSql>
        void acquire(WorkspaceApi& api, int slot, std::uint64_t variant, MakeSql makeSql);

        Slot* m_slot = nullptr;
        sql::Statement* m_statement = nullptr;
        std::vector<sql::Value>* m_row = nullptr;
        std::unique_ptr<sql::Statement> m_ownStatement;
        std::vector<sql::Value> m_ownRow;
    };

    /// Columns of each kind that scripts of this package have read (bit i = column i; the id
    /// always). Row queries fetch only these; a proxy reads its whole row when a script first
    /// asks for another column, which is then fetched from the next query on.
    std::uint64_t demandedColumns(int kind) const;
    void demandColumn(int kind, int column);

  private:
    Workspace* m_ws;
    std::vector<std::uint64_t> m_demanded;  ///< by kind
    std::unordered_map<std::string, std::unique_ptr<sql::Statement>> m_statements;
    std::vector<std::unique_ptr<Slot>> m_slots;  ///< by query number
    std::unordered_map<std::string, std::int64_t> m_indicatorIds;
    std::vector<StagedMeasurement> m_staged;
};

}  // namespace kk::rules
