// A plugin data file (data/*.csv): a header row, a `source` column on every row and, for
// versioned figures, `valid_from`/`valid_to` columns. Plugins read their amounts, ranges,
// lists and weights from these files so users can change them without rebuilding.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/money.h"
#include "core/base/rate.h"

namespace kk::plugin {

/// The file name (for messages) and the header of a data file, shared by its rows.
struct DataShape {
    std::string name;
    std::vector<std::string> header;
    /// Column position or -1.
    int column(std::string_view column) const;
};

/// One row, with typed getters whose errors name the file, line and column.
class DataRow {
  public:
    DataRow(std::shared_ptr<const DataShape> shape, std::vector<std::string> fields, int line)
        : m_shape(std::move(shape)), m_fields(std::move(fields)), m_line(line) {}
    /// The text of a column; throws KkError when the file has no such column.
    const std::string& text(std::string_view column) const;
    bool empty(std::string_view column) const { return text(column).empty(); }
    /// Money in euros as written ("60000", "60000.00"); throws KkError naming the cell.
    Money money(std::string_view column) const;
    std::optional<Money> optionalMoney(std::string_view column) const;
    Rate rate(std::string_view column) const;
    std::int64_t integer(std::string_view column) const;
    Date date(std::string_view column) const;
    std::optional<Date> optionalDate(std::string_view column) const;
    /// ';'-separated list, trimmed, empty entries dropped.
    std::vector<std::string> list(std::string_view column) const;
    /// "yes"/"no", "true"/"false", "1"/"0".
    bool flag(std::string_view column) const;
    /// valid_from <= date <= valid_to (an empty valid_to is open-ended).
    bool validOn(const Date& date) const;
    int line() const { return m_line; }
    /// "data/instruments.csv line 4, column max_award"
    std::string where(std::string_view column = {}) const;

  private:
    std::shared_ptr<const DataShape> m_shape;
    std::vector<std::string> m_fields;
    int m_line;
};

class DataTable {
  public:
    /// Reads a CSV file; `required` columns must be in the header ("source" always is).
    /// `displayName` is used in messages (e.g. "stadsvernieuwing: data/instruments.csv").
    static Result<DataTable> read(const std::string& path, std::string displayName,
                                  const std::vector<std::string>& required);

    const std::vector<DataRow>& rows() const { return m_rows; }
    /// Rows valid on `date` (the file must have valid_from).
    std::vector<const DataRow*> validOn(const Date& date) const;
    /// The rows whose `column` equals `value`.
    std::vector<const DataRow*> where(std::string_view column, std::string_view value) const;
    int column(std::string_view name) const { return m_shape->column(name); }
    const std::string& name() const { return m_shape->name; }

  private:
    std::shared_ptr<DataShape> m_shape;
    std::vector<DataRow> m_rows;
};

}  // namespace kk::plugin
