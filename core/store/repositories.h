// Typed access to every entity of the workspace. Reads are plain queries; writes go through a
// ChangeSet and are validated first (core/model/validation.h plus the checks that need the
// workspace, such as "is this NIS code a known municipality").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/entities.h"
#include "core/model/validation.h"
#include "core/store/changeset.h"

namespace kk {

class Workspace;

/// A simple filter: column = value pairs (AND), an order column, paging.
struct Query {
    std::vector<std::pair<std::string, sql::Value>> equals;
    std::string orderBy;  ///< a column name of the entity; default: id
    bool descending = false;
    std::int64_t limit = -1;
    std::int64_t offset = 0;

    Query& where(std::string column, sql::Value v) {
        equals.emplace_back(std::move(column), std::move(v));
        return *this;
    }
};

/// Repository of one entity type E (explicitly instantiated for every entity in
/// repositories.cpp). Methods throw KkError for validation failures, with where = entity/field.
template <class E>
class Repository {
  public:
    explicit Repository(Workspace& ws) : m_ws(ws) {}

    std::optional<E> get(std::int64_t id) const;
    /// By the entity's natural key (code, or kbo for governments); nullopt if absent.
    std::optional<E> findByCode(std::string_view code) const;
    std::vector<E> list(const Query& q = {}) const;
    std::int64_t count(const Query& q = {}) const;

    /// Validates and inserts; returns the new id.
    std::int64_t insert(ChangeSet& cs, const E& e) const;
    /// Validates and stores every field of e (by e.id).
    void update(ChangeSet& cs, const E& e) const;
    void remove(ChangeSet& cs, std::int64_t id) const;

    /// The table and column names (for imports, exports and the API).
    static std::string_view table();
    static std::vector<std::string> columns();
    /// Converts to and from a stored row (columns() order, without the id).
    static Row toRow(const E& e);
    static E fromRow(const Row& r);

  private:
    Workspace& m_ws;
};

/// Cross-entity checks that need the workspace (known NIS codes, referenced ids exist...).
std::vector<Finding> validateInWorkspace(Workspace& ws, const Actor& a);
std::vector<Finding> validateInWorkspace(Workspace& ws, const Government& g);
bool isKnownMunicipality(Workspace& ws, std::string_view nisCode,
                         const std::optional<Date>& on = {});

/// Extra associations that are not entities of their own.
/// setProjectProgrammes makes the project's programmes exactly `ids`: a link that goes away is
/// removed with the project's form of that programme (core/store/project_fields.h), new links
/// are inserted, unchanged ones are left alone.
void setProjectProgrammes(ChangeSet& cs, ProjectId project, const std::vector<ProgrammeId>& ids);
std::vector<ProgrammeId> projectProgrammes(Workspace& ws, ProjectId project);
std::int64_t addCallFund(ChangeSet& cs, CallId call, FundId fund);
std::vector<FundId> callFunds(Workspace& ws, CallId call);

}  // namespace kk
