// Reading plugin data files with located errors.
#include "core/plugin/data_table.h"

#include <algorithm>
#include <fstream>

#include "core/base/csv.h"

namespace kk::plugin {
namespace {

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

}  // namespace

Result<DataTable> DataTable::read(const std::string& path, std::string displayName,
                                  const std::vector<std::string>& required) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("plugin.data_missing", "cannot read the data file", displayName,
                         "reinstall the plugin, or restore the file at " + path);
    DataTable t;
    t.m_shape = std::make_shared<DataShape>();
    t.m_shape->name = std::move(displayName);
    try {
        CsvReader reader(in, t.m_shape->name);
        std::vector<std::string> fields;
        if (!reader.next(fields))
            return makeError("plugin.data_empty", "the data file is empty", t.m_shape->name,
                             "restore the header row and the data");
        for (auto& f : fields)
            t.m_shape->header.push_back(trim(f));
        std::vector<std::string> need = required;
        need.push_back("source");
        for (const auto& r : need)
            if (t.column(r) < 0)
                return makeError("plugin.data_column", "the data file has no column '" + r + "'",
                                 t.m_shape->name + " line 1",
                                 "add the column to the header (see docs/plugins.md)");
        while (reader.next(fields)) {
            if (fields.size() == 1 && trim(fields[0]).empty())
                continue;
            if (fields.size() != t.m_shape->header.size())
                return makeError("plugin.data_row",
                                 "the row has " + std::to_string(fields.size()) +
                                     " fields but the header has " +
                                     std::to_string(t.m_shape->header.size()),
                                 t.m_shape->name + " line " + std::to_string(reader.line()),
                                 "quote fields that contain commas");
            for (auto& f : fields)
                f = trim(f);
            t.m_rows.emplace_back(t.m_shape, fields, reader.line());
            if (t.m_rows.back().text("source").empty())
                return makeError("plugin.data_source", "the row names no source",
                                 t.m_rows.back().where("source"),
                                 "say where the figure comes from (document and line)");
        }
    } catch (const KkError& e) {
        return e.error();
    }
    return t;
}

int DataShape::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return static_cast<int>(i);
    return -1;
}

std::vector<const DataRow*> DataTable::validOn(const Date& date) const {
    std::vector<const DataRow*> out;
    for (const auto& r : m_rows)
        if (r.validOn(date))
            out.push_back(&r);
    return out;
}

std::vector<const DataRow*> DataTable::where(std::string_view column,
                                             std::string_view value) const {
    std::vector<const DataRow*> out;
    for (const auto& r : m_rows)
        if (r.text(column) == value)
            out.push_back(&r);
    return out;
}

const std::string& DataRow::text(std::string_view column) const {
    const int c = m_shape->column(column);
    if (c < 0)
        throw KkError(makeError("plugin.data_column",
                                "the data file has no column '" + std::string(column) + "'",
                                m_shape->name, "add the column to the header"));
    return m_fields[static_cast<std::size_t>(c)];
}

std::string DataRow::where(std::string_view column) const {
    std::string w = m_shape->name + " line " + std::to_string(m_line);
    if (!column.empty())
        w += ", column " + std::string(column);
    return w;
}

Money DataRow::money(std::string_view column) const {
    auto m = Money::parse(text(column));
    if (!m)
        throw KkError(makeError("plugin.data_value", "'" + text(column) + "' is not an amount",
                                where(column), "write euros like 60000 or 60000.00"));
    return m.value();
}

std::optional<Money> DataRow::optionalMoney(std::string_view column) const {
    if (empty(column))
        return std::nullopt;
    return money(column);
}

Rate DataRow::rate(std::string_view column) const {
    auto r = Rate::parse(text(column));
    if (!r)
        throw KkError(makeError("plugin.data_value", "'" + text(column) + "' is not a rate",
                                where(column), "write 80%, 0.8 or 4/5"));
    return r.value();
}

std::int64_t DataRow::integer(std::string_view column) const {
    const std::string& t = text(column);
    std::size_t used = 0;
    std::int64_t v = 0;
    try {
        v = std::stoll(t, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (t.empty() || used != t.size())
        throw KkError(makeError("plugin.data_value", "'" + t + "' is not a whole number",
                                where(column), "write a whole number"));
    return v;
}

Date DataRow::date(std::string_view column) const {
    auto d = Date::parse(text(column));
    if (!d)
        throw KkError(makeError("plugin.data_value", "'" + text(column) + "' is not a date",
                                where(column), "write dates as 2025-01-01"));
    return d.value();
}

std::optional<Date> DataRow::optionalDate(std::string_view column) const {
    if (empty(column))
        return std::nullopt;
    return date(column);
}

std::vector<std::string> DataRow::list(std::string_view column) const {
    std::vector<std::string> out;
    const std::string& t = text(column);
    std::size_t start = 0;
    while (start <= t.size()) {
        const auto end = t.find(';', start);
        std::string part =
            trim(t.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (!part.empty())
            out.push_back(std::move(part));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return out;
}

bool DataRow::flag(std::string_view column) const {
    const std::string& t = text(column);
    if (t == "yes" || t == "true" || t == "1" || t == "ja")
        return true;
    if (t == "no" || t == "false" || t == "0" || t == "nee" || t.empty())
        return false;
    throw KkError(makeError("plugin.data_value", "'" + t + "' is not yes or no", where(column),
                            "write yes or no"));
}

bool DataRow::validOn(const Date& d) const {
    const Date from = date("valid_from");
    const auto to = optionalDate("valid_to");
    return from <= d && (!to || d <= *to);
}

}  // namespace kk::plugin
