// import and export of entity tables (CSV; XLSX export through libxlsxwriter). Reading
// spreadsheets needs GDAL and lives in spreadsheet_import.cpp, in the full tool only.
#include <xlsxwriter.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/store/exchange.h"

namespace kk::cli {
namespace {

/// Writes one sheet: typed cells (money as euro numbers with a € format), frozen header.
class XlsxSink final : public TableSink {
  public:
    XlsxSink(std::string path, std::string sheet, std::vector<ExchangeColumn> cols)
        : m_path(std::move(path)), m_tmp(m_path + ".part.xlsx"), m_cols(std::move(cols)) {
        m_book = workbook_new(m_tmp.c_str());
        if (!m_book)
            throw KkError(makeError("export.unwritable", "cannot create the file", m_path,
                                    "check that the folder exists and is writable"));
        m_sheet = workbook_add_worksheet(m_book, sheet.substr(0, 31).c_str());
        m_bold = workbook_add_format(m_book);
        format_set_bold(m_bold);
        m_euro = workbook_add_format(m_book);
        format_set_num_format(m_euro, "€ #,##0.00");
    }
    ~XlsxSink() override {
        if (m_book) {
            workbook_close(m_book);
            std::remove(m_tmp.c_str());
        }
    }
    void header(const std::vector<std::string>& c) override {
        for (std::size_t i = 0; i < c.size(); ++i) {
            worksheet_write_string(m_sheet, 0, static_cast<lxw_col_t>(i), c[i].c_str(), m_bold);
            worksheet_set_column(m_sheet, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i),
                                 m_cols[i].kind == "text" ? 30 : 16, nullptr);
        }
        worksheet_freeze_panes(m_sheet, 1, 0);
    }
    void row(const std::vector<std::string>& v) override {
        ++m_row;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const auto col = static_cast<lxw_col_t>(i);
            if (v[i].empty())
                continue;
            const std::string& kind = m_cols[i].kind;
            if (kind == "money") {
                // Cents to euros at the file border: amounts up to 2^53 cents are exact.
                const auto m = Money::parse(v[i]).value();
                worksheet_write_number(m_sheet, m_row, col, static_cast<double>(m.cents()) / 100.0,
                                       m_euro);
            } else if (kind == "int" || kind == "year") {
                worksheet_write_number(m_sheet, m_row, col, std::stod(v[i]), nullptr);
            } else {
                worksheet_write_string(m_sheet, m_row, col, v[i].c_str(), nullptr);
            }
        }
    }
    Status finish() override {
        const lxw_error e = workbook_close(m_book);
        m_book = nullptr;
        if (e != LXW_NO_ERROR || std::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
            std::remove(m_tmp.c_str());
            return makeError("export.unwritable",
                             std::string("cannot write the XLSX file: ") + lxw_strerror(e), m_path);
        }
        return {};
    }

  private:
    std::string m_path;
    std::string m_tmp;
    std::vector<ExchangeColumn> m_cols;
    lxw_workbook* m_book = nullptr;
    lxw_worksheet* m_sheet = nullptr;
    lxw_format* m_bold = nullptr;
    lxw_format* m_euro = nullptr;
    lxw_row_t m_row = 0;
};

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool isSpreadsheet(const std::string& file) {
    return endsWith(file, ".xlsx") || endsWith(file, ".ods");
}

int cmdImportCsv(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"sheet"});
    if (a.positional.size() != 3)
        return usage(ctx, kImportSynopsis);
    if (isSpreadsheet(a.positional[2]))
        return kHandOver;
    std::unique_ptr<TableSource> src;
    try {
        src = openCsvSource(a.positional[2]);
    } catch (const KkError& e) {
        return fail(ctx, e.error());
    }
    return importFrom(ctx, a, *src);
}

int importFrom(Context& ctx, const Args& a, TableSource& src) {
    const std::string& file = a.positional[2];
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, false);
    if (!ws)
        return code;
    NoProgress progress;
    auto r = importTable(*ws, a.positional[1], src, a.has("dry-run"), progress);
    if (!r)
        return fail(ctx, r.error());
    const ImportReport& rep = r.value();
    if (ctx.json) {
        nlohmann::json errs = nlohmann::json::array();
        for (const auto& e : rep.errors)
            errs.push_back(
                {{"code", e.code}, {"what", e.what}, {"where", e.where}, {"hint", e.hint}});
        ctx.out << nlohmann::json{{"ok", rep.errors.empty()},  {"entity", rep.entity},
                                  {"rows_read", rep.rowsRead}, {"rows_written", rep.rowsWritten},
                                  {"dry_run", rep.dryRun},     {"errors", errs}}
                       .dump(2)
                << "\n";
    } else {
        for (const auto& e : rep.errors)
            ctx.err << "error: " << e.message() << "\n";
        if (!rep.errors.empty())
            ctx.err << rep.errors.size() << (rep.errors.size() >= 50 ? "+" : "") << " errors in "
                    << file << "; nothing was imported\n";
        else if (rep.dryRun)
            ctx.out << "dry run: " << rep.rowsRead << " " << rep.entity
                    << " rows are valid; nothing was written\n";
        else
            ctx.out << "imported " << rep.rowsWritten << " " << rep.entity << " from " << file
                    << "\n";
    }
    return rep.errors.empty() ? 0 : 1;
}

int cmdExport(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"format"});
    if (a.positional.size() != 3)
        return usage(ctx, "export WORKSPACE ENTITY FILE [--format csv|xlsx]");
    const std::string& file = a.positional[2];
    std::string format = a.get("format", endsWith(file, ".xlsx") ? "xlsx" : "csv");
    if (format != "csv" && format != "xlsx")
        return fail(ctx,
                    makeError("export.format", "unknown format '" + format + "'", {},
                              "use --format csv or --format xlsx"),
                    2);
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, true);
    if (!ws)
        return code;
    auto cols = exchangeColumns(a.positional[1]);
    if (!cols)
        return fail(ctx, cols.error());
    try {
        const bool toStdout = file == "-";
        if (toStdout && format == "xlsx")
            return fail(ctx,
                        makeError("export.format", "an XLSX file cannot go to standard output", "-",
                                  "name a file, e.g. projects.xlsx, or use --format csv"),
                        2);
        std::unique_ptr<TableSink> sink;
        if (format == "xlsx")
            sink = std::make_unique<XlsxSink>(file, a.positional[1], cols.value());
        else if (toStdout)
            sink = openCsvSink(ctx.out);
        else
            sink = openCsvSink(file);
        auto n = exportTable(*ws, a.positional[1], *sink);
        if (!n)
            return fail(ctx, n.error());
        if (toStdout)
            return 0;  // the rows are the output
        if (ctx.json)
            ctx.out << nlohmann::json{{"ok", true}, {"rows", n.value()}, {"file", file}}.dump(2)
                    << "\n";
        else
            ctx.out << "exported " << n.value() << " " << a.positional[1] << " to " << file << "\n";
    } catch (const KkError& e) {
        return fail(ctx, e.error());
    }
    return 0;
}

}  // namespace kk::cli
