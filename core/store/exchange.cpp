// CSV sources and sinks and the layout-faithful export of entity tables (import: import.cpp).
#include "core/store/exchange.h"

#include <fstream>

#include "core/base/csv.h"
#include "core/base/money.h"
#include "core/store/exchange_specs.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

using exchange::Col;
using exchange::Spec;

class CsvSource final : public TableSource {
  public:
    explicit CsvSource(const std::string& path) : m_name(path), m_in(path) {
        if (!m_in)
            throw KkError(makeError("import.unreadable", "cannot open the file", path,
                                    "check the path and permissions"));
        m_csv = std::make_unique<CsvReader>(m_in, path);
    }
    const std::string& name() const override { return m_name; }
    std::vector<std::string> header() override {
        std::vector<std::string> h;
        if (!m_csv->next(h))
            return {};
        for (auto& c : h) {
            while (!c.empty() && (c.back() == ' ' || c.back() == '\t'))
                c.pop_back();
            while (!c.empty() && (c.front() == ' ' || c.front() == '\t'))
                c.erase(0, 1);
        }
        return h;
    }
    bool next(std::vector<std::string>& row, int& line) override {
        if (!m_csv->next(row))
            return false;
        line = m_csv->line();
        return true;
    }

  private:
    std::string m_name;
    std::ifstream m_in;
    std::unique_ptr<CsvReader> m_csv;
};

class CsvSink final : public TableSink {
  public:
    explicit CsvSink(const std::string& path) : m_path(path), m_tmp(path + ".part"), m_out(m_tmp) {
        if (!m_out)
            throw KkError(makeError("export.unwritable", "cannot write the file", path,
                                    "check that the folder exists and is writable"));
        m_writer = std::make_unique<CsvWriter>(m_out);
    }
    ~CsvSink() override {
        if (!m_done) {
            m_out.close();
            std::remove(m_tmp.c_str());
        }
    }
    void header(const std::vector<std::string>& c) override { m_writer->write(c); }
    void row(const std::vector<std::string>& v) override { m_writer->write(v); }
    Status finish() override {
        m_out.close();
        if (!m_out || std::rename(m_tmp.c_str(), m_path.c_str()) != 0)
            return makeError("export.unwritable", "cannot finish writing the file", m_path);
        m_done = true;
        return {};
    }

  private:
    std::string m_path;
    std::string m_tmp;
    std::ofstream m_out;
    std::unique_ptr<CsvWriter> m_writer;
    bool m_done = false;
};

/// CSV to a stream (standard output for `export W ENTITY -`).
class StreamCsvSink final : public TableSink {
  public:
    explicit StreamCsvSink(std::ostream& out) : m_out(out), m_writer(out) {}
    void header(const std::vector<std::string>& c) override { m_writer.write(c); }
    void row(const std::vector<std::string>& v) override { m_writer.write(v); }
    Status finish() override {
        m_out.flush();
        if (!m_out)
            return makeError("export.unwritable", "cannot write to the output stream", "-");
        return {};
    }

  private:
    std::ostream& m_out;
    CsvWriter m_writer;
};

}  // namespace

std::unique_ptr<TableSink> openCsvSink(std::ostream& out) {
    return std::make_unique<StreamCsvSink>(out);
}

std::unique_ptr<TableSource> openCsvSource(const std::string& path) {
    return std::make_unique<CsvSource>(path);
}
std::unique_ptr<TableSink> openCsvSink(const std::string& path) {
    return std::make_unique<CsvSink>(path);
}

std::vector<std::string> exchangeEntities() {
    std::vector<std::string> out;
    for (const Spec& s : exchange::specs())
        out.push_back(s.entity);
    return out;
}

Result<std::vector<ExchangeColumn>> exchangeColumns(const std::string& entity) {
    const Spec* spec = exchange::findSpec(entity);
    if (!spec)
        return makeError("exchange.unknown_entity", "unknown entity '" + entity + "'");
    std::vector<ExchangeColumn> out;
    for (const Col& c : spec->cols)
        out.push_back({c.name, c.kind, c.required, c.description});
    return out;
}

Result<std::int64_t> exportTable(Workspace& ws, const std::string& entity, TableSink& sink) {
    const Spec* spec = exchange::findSpec(entity);
    if (!spec)
        return makeError("export.unknown_entity", "unknown entity '" + entity + "'");
    try {
        std::string sqlText = "SELECT ";
        std::vector<std::string> names;
        for (std::size_t i = 0; i < spec->cols.size(); ++i) {
            const Col& c = spec->cols[i];
            names.push_back(c.name);
            std::string expr;
            if (c.kind == "ref")
                expr = "(SELECT code FROM " + c.ref + " r WHERE r.id = t." + c.db + ")";
            else if (c.kind == "refs")
                expr =
                    "(SELECT group_concat(code, ';') FROM (SELECT g.code FROM "
                    "kk_project_programme pp JOIN kk_programme g ON g.id = pp.programme_id "
                    "WHERE pp.project_id = t.id ORDER BY g.code))";
            else
                expr = "t." + c.db;
            sqlText += (i ? ", " : "") + expr;
        }
        sqlText += " FROM " + spec->table + " t ORDER BY t.id";
        sink.header(names);
        auto st = ws.db().prepare(sqlText);
        std::int64_t n = 0;
        std::vector<std::string> values(spec->cols.size());
        while (st.step()) {
            for (std::size_t i = 0; i < spec->cols.size(); ++i) {
                const int col = static_cast<int>(i);
                if (st.isNull(col)) {
                    values[i].clear();
                } else if (spec->cols[i].kind == "money") {
                    values[i] = Money::fromCents(st.getInt(col)).toString();
                } else if (spec->cols[i].kind == "bool") {
                    values[i] = st.getInt(col) ? "yes" : "no";
                } else {
                    values[i] = st.getText(col);
                }
            }
            sink.row(values);
            ++n;
        }
        if (auto s = sink.finish(); !s)
            return s.error();
        return n;
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk
