// Writes every table of a report as CSV (RFC 4180: quoted fields, CRLF line ends).
#include "core/report/csv_writer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/report/format.h"
#include "core/report/output_file.h"

namespace kk::report {
namespace {

/// A table to export with the title its file name comes from.
struct Exported {
    std::string title;
    TableBlock table;
};

std::vector<Exported> exportedTables(const Report& report, const CsvOptions& options) {
    std::vector<Exported> out;
    for (const Section& s : report.sections)
        for (const Block& b : s.blocks) {
            if (const auto* t = std::get_if<TableBlock>(&b))
                out.push_back({t->title, *t});
            else if (options.includeChartData) {
                if (const auto* c = std::get_if<ChartBlock>(&b))
                    out.push_back({c->title, c->toTable(report.labels)});
                else if (const auto* m = std::get_if<MapBlock>(&b))
                    out.push_back({m->title, m->toTable(report.labels)});
            }
        }
    return out;
}

/// Folds the Latin-1 supplement letters used in Dutch and French names to ASCII.
char foldLatin1(unsigned code) {
    static const char* kMap =  // U+00C0 .. U+00FF
        "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
    if (code >= 0xC0 && code <= 0xFF)
        return kMap[code - 0xC0];
    return '-';
}

}  // namespace

CsvOptions CsvOptions::excelDutch() {
    CsvOptions o;
    o.separator = ';';
    o.decimalSeparator = ',';
    o.byteOrderMark = true;
    o.includeTotals = true;
    return o;
}

std::string csvField(std::string_view text, char separator) {
    if (text.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

std::string slugify(std::string_view title, std::size_t maxLength) {
    std::string out;
    for (std::size_t i = 0; i < title.size(); ++i) {
        const auto c = static_cast<unsigned char>(title[i]);
        char folded = '-';
        if (c < 0x80) {
            folded = std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '-';
        } else if ((c & 0xE0) == 0xC0 && i + 1 < title.size()) {
            const unsigned code = ((c & 0x1Fu) << 6) | (title[i + 1] & 0x3Fu);
            folded = static_cast<char>(std::tolower(foldLatin1(code)));
            if (!std::isalnum(static_cast<unsigned char>(folded)))
                folded = '-';
            ++i;
        } else {
            // Other multi-byte characters (€, quotes, dashes) become separators.
            while (i + 1 < title.size() &&
                   (static_cast<unsigned char>(title[i + 1]) & 0xC0) == 0x80)
                ++i;
        }
        if (folded == '-' && (out.empty() || out.back() == '-'))
            continue;
        out += folded;
        if (out.size() >= maxLength)
            break;
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "tabel" : out;
}

std::vector<std::string> CsvWriter::fileNames(const Report& report, const std::string& path) const {
    const auto tables = exportedTables(report, m_options);
    if (tables.size() <= 1)
        return {path};
    namespace fs = std::filesystem;
    const fs::path p(path);
    const std::string ext = p.has_extension() ? p.extension().string() : ".csv";
    const int width = tables.size() >= 100 ? 3 : 2;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        std::string nn = std::to_string(i + 1);
        nn.insert(0, static_cast<std::size_t>(std::max(0, width - static_cast<int>(nn.size()))),
                  '0');
        names.push_back((p.parent_path() /
                         (p.stem().string() + "-" + nn + "-" + slugify(tables[i].title) + ext))
                            .string());
    }
    return names;
}

Status CsvWriter::write(const Report& report, const std::string& path, Progress& progress) const {
    if (const Status st = report.validate(); !st)
        return st;
    const auto tables = exportedTables(report, m_options);
    if (tables.empty())
        return makeError("report.csv", "the report has no table to export as CSV", path,
                         "export it as PDF or HTML, or add a table");
    const auto names = fileNames(report, path);
    std::int64_t totalRows = 0;
    for (const auto& t : tables)
        totalRows += static_cast<std::int64_t>(t.table.rows.size()) + 1;
    detail::Steps steps(progress, totalRows);

    std::vector<detail::OutputFile> files;
    const std::string eol = "\r\n";
    const char sep = m_options.separator;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        files.emplace_back(names[i]);
        if (const Status st = files.back().checkFolder(); !st)
            return st;
        std::ofstream out(files.back().tempPath(), std::ios::binary);
        if (!out)
            return makeError("report.write", "could not create the CSV file", names[i],
                             "check that the folder is writable");
        if (m_options.byteOrderMark)
            out << "\xEF\xBB\xBF";
        const TableBlock& t = tables[i].table;
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            out << (c ? std::string(1, sep) : "") << csvField(t.columns[c].headerWithUnit(), sep);
        out << eol;
        auto writeRow = [&](const Row& row) {
            for (std::size_t c = 0; c < row.size(); ++c)
                out << (c ? std::string(1, sep) : "")
                    << csvField(formatMachine(row[c], m_options.decimalSeparator), sep);
            out << eol;
        };
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            writeRow(t.rows[r]);
            if ((r + 1) % detail::kRowBatch == 0 &&
                !steps.advance(tables[i].title, detail::kRowBatch))
                return detail::cancelledError(path);
        }
        if (m_options.includeTotals && t.showTotals)
            writeRow(t.totals(t.totalsLabel.empty() ? report.labels.total : t.totalsLabel));
        out.flush();
        if (!out)
            return makeError("report.write", "could not write the CSV file (disk full?)", names[i],
                             "free disk space and export again");
        if (!steps.advance(tables[i].title,
                           static_cast<std::int64_t>(t.rows.size() % detail::kRowBatch) + 1))
            return detail::cancelledError(path);
    }
    for (auto& f : files)
        if (const Status st = f.commit(); !st)
            return st;
    return {};
}

}  // namespace kk::report
