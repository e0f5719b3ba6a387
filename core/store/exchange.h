// Import and export of entity tables (actors, coalitions, members, projects, cost items,
// expenses, funds, awards, programmes) in a documented column layout (docs/cli.md). Imports
// are all-or-nothing: one bad row and nothing is written.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/base/progress.h"

namespace kk {

class Workspace;

/// Rows of a table file, with their line numbers (CSV, or XLSX through core/geo).
class TableSource {
  public:
    virtual ~TableSource() = default;
    virtual const std::string& name() const = 0;  ///< file name for messages
    virtual std::vector<std::string> header() = 0;
    /// The next row; false at the end. `line` is the row's number as the user sees it.
    virtual bool next(std::vector<std::string>& row, int& line) = 0;
};

/// Receives exported rows (CSV or XLSX writer).
class TableSink {
  public:
    virtual ~TableSink() = default;
    virtual void header(const std::vector<std::string>& columns) = 0;
    /// Values as text; `kinds` tell a typed writer which are money ("money"), integers
    /// ("int"), dates ("date") or text ("text").
    virtual void row(const std::vector<std::string>& values) = 0;
    virtual Status finish() = 0;
};

/// The entities that can be exchanged, by name: actors, programmes, funds, coalitions,
/// coalition_members, coalition_key_criteria, coalition_key_inputs, coalition_key_limits,
/// projects, project_fields, cost_items, expenses, awards.
std::vector<std::string> exchangeEntities();
/// The documented columns of one entity (first is the key), with their kinds.
struct ExchangeColumn {
    std::string name;
    std::string kind;  ///< text, code, int, year, money, date, rate, number, bool, enum, ref, kbo,
                       ///< nis, list
    bool required = false;
    std::string description;
};
Result<std::vector<ExchangeColumn>> exchangeColumns(const std::string& entity);

struct ImportReport {
    std::string entity;
    std::int64_t rowsRead = 0;
    std::int64_t rowsWritten = 0;
    bool dryRun = false;
    std::vector<Error> errors;  ///< at most 50, each with file, row and column
};

/// Imports every row of `source` into `entity`. With dryRun, checks everything and writes
/// nothing. On any error, writes nothing and returns the report with its errors (ok() is true
/// only when errors is empty).
Result<ImportReport> importTable(Workspace& ws, const std::string& entity, TableSource& source,
                                 bool dryRun, Progress& progress);

/// Writes every row of `entity` to `sink` in the documented layout.
Result<std::int64_t> exportTable(Workspace& ws, const std::string& entity, TableSink& sink);

/// CSV implementations.
std::unique_ptr<TableSource> openCsvSource(const std::string& path);
std::unique_ptr<TableSink> openCsvSink(const std::string& path);
/// CSV written to `out` as it goes (no temporary file).
std::unique_ptr<TableSink> openCsvSink(std::ostream& out);

}  // namespace kk
