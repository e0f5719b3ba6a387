// Writes a report as one standalone HTML page with inline SVG from the shared painters.
#include "core/report/html_writer.h"

#include <fstream>
#include <sstream>

#include "core/report/format.h"
#include "core/report/output_file.h"
#include "core/report/painter.h"

namespace kk::report {
namespace {

constexpr const char* kStyle = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:14px;color:#222;max-width:60em;
margin:2em auto;padding:0 1em;line-height:1.4}
h1{font-size:1.8em;margin-bottom:.2em}.subtitle{font-size:1.2em;color:#555;margin-top:0}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.meta dt{font-weight:bold}
dl.meta dd{margin:0}nav ol{padding-left:1.4em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}caption{text-align:left;font-weight:bold;
padding:.3em 0}th,td{padding:.25em .6em;border-bottom:1px solid #ddd}thead th{background:#ddebf7;
border-bottom:1px solid #888;vertical-align:bottom}tfoot td{font-weight:bold;border-top:1px solid #444}
tbody tr:nth-child(even){background:#f6f8fa}.num{text-align:right;white-space:nowrap}
.center{text-align:center}.source,.note{color:#666;font-size:.85em;font-style:italic}
figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}svg{max-width:100%;height:auto}
footer{margin-top:3em;color:#666;font-size:.85em;border-top:1px solid #ccc;padding-top:.5em}
)";

const char* alignClass(const Column& c) {
    switch (c.effectiveAlign()) {
        case Align::Right:
            return " class=\"num\"";
        case Align::Center:
            return " class=\"center\"";
        default:
            return "";
    }
}

std::string titleWithUnit(const BlockInfo& info) {
    return info.unit.empty() ? info.title : info.title + " (" + info.unit + ")";
}

void writeTable(std::ostringstream& out, const TableBlock& t, const ReportLabels& labels,
                bool caption) {
    out << "<table>";
    if (caption && !t.title.empty())
        out << "<caption>" << htmlEscape(titleWithUnit(t)) << "</caption>";
    out << "<thead><tr>";
    for (const Column& c : t.columns)
        out << "<th" << alignClass(c) << " scope=\"col\">" << htmlEscape(c.headerWithUnit())
            << "</th>";
    out << "</tr></thead>";
    auto row = [&](const Row& r) {
        out << "<tr>";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            out << "<td" << alignClass(t.columns[c]);
            // The exact machine value rides along for scripts that read the page.
            if (!r[c].isEmpty() && t.columns[c].type != ColumnType::Text)
                out << " data-value=\"" << htmlEscape(formatMachine(r[c])) << "\"";
            out << ">" << htmlEscape(formatDisplay(r[c], t.columns[c])) << "</td>";
        }
        out << "</tr>";
    };
    if (t.showTotals && !t.rows.empty()) {
        out << "<tfoot>";
        row(t.totals(t.totalsLabel.empty() ? labels.total : t.totalsLabel));
        out << "</tfoot>";
    }
    out << "<tbody>";
    for (const Row& r : t.rows)
        row(r);
    out << "</tbody></table>\n";
}

}  // namespace

std::string htmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

Result<std::string> HtmlWriter::render(const Report& report, Progress& progress) const {
    if (const Status st = report.validate(); !st)
        return st.error();
    detail::Steps steps(progress, report.blockCount() + 1);
    const ReportLabels& L = report.labels;
    const PaintStyle style = styleFor(L);
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"" << htmlEscape(L.language)
        << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << htmlEscape(report.title) << "</title>\n";
    if (!report.author.empty())
        out << "<meta name=\"author\" content=\"" << htmlEscape(report.author) << "\">\n";
    out << "<style>" << kStyle << "</style>\n</head>\n<body>\n<header>\n<h1>"
        << htmlEscape(report.title) << "</h1>\n";
    if (!report.subtitle.empty())
        out << "<p class=\"subtitle\">" << htmlEscape(report.subtitle) << "</p>\n";
    out << "<dl class=\"meta\">";
    auto meta = [&](const std::string& k, const std::string& v) {
        if (!v.empty())
            out << "<dt>" << htmlEscape(k) << "</dt><dd>" << htmlEscape(v) << "</dd>";
    };
    meta(L.author, report.author);
    meta(L.organisation, report.organisation);
    meta(L.generated, formatDisplay(report.generatedAt, Column{}));
    for (const auto& [k, v] : report.parameters)
        meta(k, v);
    out << "</dl>\n</header>\n<nav>\n<h2>" << htmlEscape(L.contents) << "</h2>\n<ol>\n";
    for (std::size_t s = 0; s < report.sections.size(); ++s) {
        const Section& sec = report.sections[s];
        out << "<li><a href=\"#s" << s + 1 << "\">" << htmlEscape(sec.title) << "</a>";
        bool any = false;
        for (std::size_t b = 0; b < sec.blocks.size(); ++b) {
            const std::string& title = infoOf(sec.blocks[b]).title;
            if (title.empty())
                continue;
            out << (any ? "" : "<ol>") << "<li><a href=\"#s" << s + 1 << "-b" << b + 1 << "\">"
                << htmlEscape(title) << "</a></li>";
            any = true;
        }
        out << (any ? "</ol>" : "") << "</li>\n";
    }
    out << "</ol>\n</nav>\n";
    if (!steps.advance(report.title))
        return detail::cancelledError({});

    int figure = 0;
    for (std::size_t s = 0; s < report.sections.size(); ++s) {
        const Section& sec = report.sections[s];
        out << "<section id=\"s" << s + 1 << "\">\n<h2>" << s + 1 << ". " << htmlEscape(sec.title)
            << "</h2>\n";
        for (std::size_t b = 0; b < sec.blocks.size(); ++b) {
            const Block& block = sec.blocks[b];
            const BlockInfo& info = infoOf(block);
            const std::string id = "s" + std::to_string(s + 1) + "-b" + std::to_string(b + 1);
            out << "<div class=\"block\" id=\"" << id << "\">\n";
            if (const auto* t = std::get_if<TableBlock>(&block)) {
                writeTable(out, *t, L, true);
            } else if (const auto* text = std::get_if<TextBlock>(&block)) {
                if (!text->title.empty())
                    out << "<h3>" << htmlEscape(text->title) << "</h3>\n";
                for (const std::string& p : text->paragraphs)
                    out << "<p" << (text->style == TextStyle::Note ? " class=\"note\"" : "") << ">"
                        << htmlEscape(p) << "</p>\n";
            } else {
                const bool isMap = std::holds_alternative<MapBlock>(block);
                const double h = isMap ? m_options.mapHeight : m_options.chartHeight;
                out << "<figure>\n<figcaption>" << htmlEscape(titleWithUnit(info))
                    << "</figcaption>\n"
                    << renderSvg(block, m_options.chartWidth, h,
                                 "f" + std::to_string(++figure) + "-", style);
                if (m_options.chartDataTables) {
                    out << "<details><summary>" << htmlEscape(L.data) << "</summary>\n";
                    if (const auto* c = std::get_if<ChartBlock>(&block))
                        writeTable(out, c->toTable(L), L, false);
                    else
                        writeTable(out, std::get<MapBlock>(block).toTable(L), L, false);
                    out << "</details>\n";
                }
                out << "</figure>\n";
            }
            if (!info.source.empty())
                out << "<p class=\"source\">" << htmlEscape(L.source) << ": "
                    << htmlEscape(info.source) << "</p>\n";
            out << "</div>\n";
            if (!steps.advance(info.title))
                return detail::cancelledError({});
        }
        out << "</section>\n";
    }
    out << "<footer>" << htmlEscape(report.title) << " \xE2\x80\x94 " << htmlEscape(L.generated)
        << " " << htmlEscape(formatDisplay(report.generatedAt, Column{})) << "</footer>\n"
        << "</body>\n</html>\n";
    return out.str();
}

Status HtmlWriter::write(const Report& report, const std::string& path, Progress& progress) const {
    detail::OutputFile file(path);
    if (const Status st = file.checkFolder(); !st)
        return st;
    Result<std::string> page = render(report, progress);
    if (!page) {
        Error e = page.error();
        if (e.code == "cancelled")
            e.where = path;
        return e;
    }
    {
        std::ofstream out(file.tempPath(), std::ios::binary);
        out << *page;
        out.flush();
        if (!out)
            return makeError("report.write", "could not write the HTML file", path,
                             "check free disk space and that the folder is writable");
    }
    return file.commit();
}

}  // namespace kk::report
