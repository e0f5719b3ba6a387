// Writes a report as an XLSX workbook with libxlsxwriter (typed cells, formats, charts).
#include "core/report/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>

#include "core/report/format.h"
#include "core/report/output_file.h"
#include "core/report/painter.h"
#include "core/report/scale.h"

namespace kk::report {
namespace {

constexpr lxw_row_t kHeaderRow = 2;  // 0-based: title, unit/source line, header
constexpr std::size_t kMaxSheetName = 31;

/// One exported sheet: what it shows and where its data came from.
struct SheetPlan {
    std::string name;
    const Block* block = nullptr;
    TableBlock table;  // the block's data as a table
};

std::size_t utf8Length(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string utf8Prefix(std::string_view s, std::size_t chars) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((s[i] & 0xC0) != 0x80 && n++ == chars)
            return std::string(s.substr(0, i));
    return std::string(s);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::vector<SheetPlan> planSheets(const Report& report) {
    std::vector<SheetPlan> plans;
    std::vector<std::string> taken{report.labels.cover, "History"};
    int n = 0;
    for (const Section& s : report.sections)
        for (const Block& b : s.blocks) {
            SheetPlan p;
            p.block = &b;
            if (const auto* t = std::get_if<TableBlock>(&b))
                p.table = *t;
            else if (const auto* c = std::get_if<ChartBlock>(&b))
                p.table = c->toTable(report.labels);
            else if (const auto* m = std::get_if<MapBlock>(&b))
                p.table = m->toTable(report.labels);
            else
                continue;
            ++n;
            p.name = sanitiseSheetName(infoOf(b).title, taken, "Tabel " + std::to_string(n));
            taken.push_back(p.name);
            plans.push_back(std::move(p));
        }
    return plans;
}

bool hasText(const Report& report) {
    for (const Section& s : report.sections)
        for (const Block& b : s.blocks)
            if (std::holds_alternative<TextBlock>(b))
                return true;
    return false;
}

std::string colName(lxw_col_t col) {
    std::string out;
    for (int c = static_cast<int>(col) + 1; c > 0; c = (c - 1) / 26)
        out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
    return out;
}

struct WorkbookCloser {
    void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

/// Formats are owned by the workbook; this only caches them by name.
class Formats {
  public:
    explicit Formats(lxw_workbook* wb) : m_wb(wb) {}
    lxw_format* get(const std::string& key, ColumnType type, int decimals, bool bold) {
        auto& f = m_cache[key];
        if (f)
            return f;
        f = workbook_add_format(m_wb);
        if (bold) {
            format_set_bold(f);
            format_set_top(f, LXW_BORDER_THIN);
        }
        switch (type) {
            case ColumnType::Money:
                format_set_num_format(f, "€ #,##0.00");
                break;
            case ColumnType::Rate:
                format_set_num_format(f, "0.00%");
                break;
            case ColumnType::Integer:
                format_set_num_format(f, decimals < 0 ? "0" : "#,##0");
                break;
            case ColumnType::Decimal: {
                std::string fmt = "#,##0";
                if (decimals > 0)
                    fmt += "." + std::string(static_cast<std::size_t>(decimals), '0');
                format_set_num_format(f, fmt.c_str());
                break;
            }
            case ColumnType::Date:
                format_set_num_format(f, "dd/mm/yyyy");
                break;
            case ColumnType::Text:
                break;
        }
        return f;
    }
    lxw_format* cell(const Column& c, bool bold) {
        // An ungrouped integer column (years) is keyed and formatted as decimals == -1.
        const int decimals = c.type == ColumnType::Integer && !c.grouping ? -1 : c.decimals;
        return get(std::to_string(static_cast<int>(c.type)) + "/" + std::to_string(decimals) +
                       (bold ? "/b" : ""),
                   c.type, decimals, bold);
    }
    lxw_format* custom(const std::string& key, void (*setup)(lxw_format*)) {
        auto& f = m_cache[key];
        if (!f) {
            f = workbook_add_format(m_wb);
            setup(f);
        }
        return f;
    }

  private:
    lxw_workbook* m_wb;
    std::map<std::string, lxw_format*> m_cache;
};

lxw_format* titleFormat(Formats& f) {
    return f.custom("title", [](lxw_format* x) {
        format_set_bold(x);
        format_set_font_size(x, 14);
    });
}
lxw_format* headerFormat(Formats& f) {
    return f.custom("header", [](lxw_format* x) {
        format_set_bold(x);
        format_set_bottom(x, LXW_BORDER_THIN);
        format_set_bg_color(x, 0xDDEBF7);
        format_set_text_wrap(x);
    });
}
lxw_format* noteFormat(Formats& f) {
    return f.custom("note", [](lxw_format* x) {
        format_set_italic(x);
        format_set_font_color(x, 0x595959);
    });
}

/// Writes one cell; money converts to euros as a double here, at the XLSX border.
void writeCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& cell, lxw_format* fmt) {
    const auto& v = cell.value();
    if (const auto* s = std::get_if<std::string>(&v))
        worksheet_write_string(ws, r, c, s->c_str(), fmt);
    else if (const auto* dt = std::get_if<Date>(&v)) {
        lxw_datetime d{dt->year(), dt->month(), dt->day(), 0, 0, 0.0};
        worksheet_write_datetime(ws, r, c, &d, fmt);
    } else if (const auto n = cell.toDouble())
        worksheet_write_number(ws, r, c, *n, fmt);
    else if (fmt)
        worksheet_write_blank(ws, r, c, fmt);
}

}  // namespace

std::string sanitiseSheetName(std::string_view title, const std::vector<std::string>& taken,
                              const std::string& fallback) {
    std::string clean;
    for (char c : title)
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos)
            clean += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    auto trim = [](std::string& s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\''))
            s.erase(0, 1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\''))
            s.pop_back();
    };
    trim(clean);
    clean = utf8Prefix(clean, kMaxSheetName);
    trim(clean);
    if (clean.empty())
        clean = fallback;
    auto isTaken = [&](const std::string& name) {
        return std::any_of(taken.begin(), taken.end(),
                           [&](const std::string& t) { return lower(t) == lower(name); });
    };
    std::string name = clean;
    for (int i = 2; isTaken(name); ++i) {
        const std::string suffix = " (" + std::to_string(i) + ")";
        std::string base = utf8Prefix(clean, kMaxSheetName - suffix.size());
        trim(base);
        name = base + suffix;
    }
    return name;
}

std::vector<std::string> XlsxWriter::sheetNames(const Report& report) const {
    std::vector<std::string> names{report.labels.cover};
    for (const SheetPlan& p : planSheets(report))
        names.push_back(p.name);
    if (hasText(report)) {
        std::vector<std::string> taken = names;
        taken.push_back("History");
        names.push_back(sanitiseSheetName(report.labels.notes, taken, "Notes"));
    }
    return names;
}

Status XlsxWriter::write(const Report& report, const std::string& path, Progress& progress) const {
    if (const Status st = report.validate(); !st)
        return st;
    detail::OutputFile file(path);
    if (const Status st = file.checkFolder(); !st)
        return st;
    const std::vector<SheetPlan> plans = planSheets(report);
    const std::vector<std::string> names = sheetNames(report);
    std::int64_t total = 1;
    for (const SheetPlan& p : plans)
        total += 1 + static_cast<std::int64_t>(p.table.rows.size()) / detail::kRowBatch;
    detail::Steps steps(progress, total);

    std::deque<std::string> images;  // PNG bytes must outlive the workbook until it is closed
    std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(file.tempPath().c_str()));
    if (!wb)
        return makeError("report.write", "could not create the XLSX file", path,
                         "check that the folder is writable and the disk not full");
    Formats formats(wb.get());
    lxw_doc_properties props{};
    props.title = const_cast<char*>(report.title.c_str());
    props.subject = const_cast<char*>(report.subtitle.c_str());
    props.author = const_cast<char*>(report.author.c_str());
    props.company = const_cast<char*>(report.organisation.c_str());
    workbook_set_properties(wb.get(), &props);

    // Cover sheet.
    lxw_worksheet* cover = workbook_add_worksheet(wb.get(), names[0].c_str());
    worksheet_set_column(cover, 0, 0, 28, nullptr);
    worksheet_set_column(cover, 1, 1, 60, nullptr);
    lxw_row_t row = 0;
    worksheet_write_string(cover, row++, 0, report.title.c_str(), titleFormat(formats));
    if (!report.subtitle.empty())
        worksheet_write_string(cover, row++, 0, report.subtitle.c_str(), nullptr);
    ++row;
    auto coverLine = [&](const std::string& k, const std::string& v) {
        if (v.empty())
            return;
        worksheet_write_string(cover, row, 0, k.c_str(), headerFormat(formats));
        worksheet_write_string(cover, row++, 1, v.c_str(), nullptr);
    };
    coverLine(report.labels.author, report.author);
    coverLine(report.labels.organisation, report.organisation);
    worksheet_write_string(cover, row, 0, report.labels.generated.c_str(), headerFormat(formats));
    writeCell(cover, row++, 1, report.generatedAt,
              formats.get("date-left", ColumnType::Date, 0, false));
    for (const auto& [k, v] : report.parameters)
        coverLine(k, v);
    ++row;
    worksheet_write_string(cover, row++, 0, report.labels.contents.c_str(), titleFormat(formats));
    for (std::size_t i = 1; i < names.size(); ++i) {
        const std::string link = "internal:'" + names[i] + "'!A1";
        worksheet_write_url(cover, row, 0, link.c_str(), nullptr);
        worksheet_write_string(cover, row, 0, names[i].c_str(), nullptr);
        if (i - 1 < plans.size())
            worksheet_write_string(cover, row, 1, infoOf(*plans[i - 1].block).title.c_str(),
                                   nullptr);
        ++row;
    }
    if (!steps.advance(report.labels.cover))
        return detail::cancelledError(path);

    for (std::size_t p = 0; p < plans.size(); ++p) {
        const SheetPlan& plan = plans[p];
        const TableBlock& t = plan.table;
        const BlockInfo& info = infoOf(*plan.block);
        lxw_worksheet* ws = workbook_add_worksheet(wb.get(), plan.name.c_str());
        if (!ws)
            return makeError("report.xlsx", "could not add a sheet named '" + plan.name + "'",
                             path + ", block '" + info.title + "'",
                             "rename the block; sheet names must be unique");
        worksheet_write_string(ws, 0, 0, info.title.c_str(), titleFormat(formats));
        if (!info.unit.empty())
            worksheet_write_string(ws, 1, 0, info.unit.c_str(), noteFormat(formats));
        const auto nCols = static_cast<lxw_col_t>(t.columns.size());
        std::vector<std::size_t> widths(t.columns.size(), 8);
        for (lxw_col_t c = 0; c < nCols; ++c) {
            worksheet_write_string(ws, kHeaderRow, c, t.columns[c].headerWithUnit().c_str(),
                                   headerFormat(formats));
            widths[c] = std::max(widths[c], utf8Length(t.columns[c].headerWithUnit()) / 2 + 2);
        }
        lxw_row_t r = kHeaderRow + 1;
        for (std::size_t i = 0; i < t.rows.size(); ++i, ++r) {
            for (lxw_col_t c = 0; c < nCols; ++c) {
                writeCell(ws, r, c, t.rows[i][c], formats.cell(t.columns[c], false));
                widths[c] =
                    std::max(widths[c], utf8Length(formatDisplay(t.rows[i][c], t.columns[c])) + 2);
            }
            if ((i + 1) % detail::kRowBatch == 0 && !steps.advance(info.title, 1))
                return detail::cancelledError(path);
        }
        const lxw_row_t lastData = r - 1;
        if (t.showTotals && !t.rows.empty()) {
            const Row totals =
                t.totals(t.totalsLabel.empty() ? report.labels.total : t.totalsLabel);
            for (lxw_col_t c = 0; c < nCols; ++c) {
                lxw_format* fmt = formats.cell(t.columns[c], true);
                const Column& col = t.columns[c];
                const auto cached = totals[c].toDouble();
                const std::string excelRow = std::to_string(r + 1);
                if (col.total == TotalKind::Sum && cached) {
                    const std::string f = "=SUM(" + colName(c) + std::to_string(kHeaderRow + 2) +
                                          ":" + colName(c) + std::to_string(lastData + 1) + ")";
                    worksheet_write_formula_num(ws, r, c, f.c_str(), fmt, *cached);
                } else if (col.total == TotalKind::Ratio && cached) {
                    const auto [n, d] = col.ratioOf;
                    const std::string f = "=" + colName(static_cast<lxw_col_t>(n)) + excelRow +
                                          "/" + colName(static_cast<lxw_col_t>(d)) + excelRow;
                    worksheet_write_formula_num(ws, r, c, f.c_str(), fmt, *cached);
                } else {
                    writeCell(ws, r, c, totals[c], fmt);
                }
            }
            ++r;
        }
        if (!info.source.empty())
            worksheet_write_string(ws, r + 1, 0,
                                   (report.labels.source + ": " + info.source).c_str(),
                                   noteFormat(formats));
        for (lxw_col_t c = 0; c < nCols; ++c)
            worksheet_set_column(
                ws, c, c, static_cast<double>(std::min<std::size_t>(widths[c], 60)), nullptr);
        worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
        if (!t.rows.empty())
            worksheet_autofilter(ws, kHeaderRow, 0, lastData, nCols - 1);

        const lxw_col_t side = nCols + 1;
        if (const auto* chart = std::get_if<ChartBlock>(plan.block);
            chart && m_options.nativeCharts && !t.rows.empty()) {
            lxw_chart* ch = workbook_add_chart(wb.get(), chart->kind == ChartKind::StackedBar
                                                             ? LXW_CHART_COLUMN_STACKED
                                                             : LXW_CHART_LINE);
            for (lxw_col_t s = 1; s < nCols; ++s) {
                lxw_chart_series* series = chart_add_series(ch, nullptr, nullptr);
                chart_series_set_categories(series, plan.name.c_str(), kHeaderRow + 1, 0, lastData,
                                            0);
                chart_series_set_values(series, plan.name.c_str(), kHeaderRow + 1, s, lastData, s);
                chart_series_set_name_range(series, plan.name.c_str(), kHeaderRow, s);
                const lxw_color_t colour = seriesColour(s - 1).rgb24();
                if (chart->kind == ChartKind::StackedBar) {
                    lxw_chart_fill fill{colour, 0, 0};
                    chart_series_set_fill(series, &fill);
                } else {
                    lxw_chart_line line{colour, 0, 2.0f, 0, 0};
                    chart_series_set_line(series, &line);
                }
            }
            chart_title_set_name(ch, chart->title.c_str());
            if (!chart->xAxisTitle.empty())
                chart_axis_set_name(ch->x_axis, chart->xAxisTitle.c_str());
            if (!chart->yAxisTitle.empty())
                chart_axis_set_name(ch->y_axis, chart->yAxisTitle.c_str());
            if (chart->isMoney())
                chart_axis_set_num_format(ch->y_axis, "€ #,##0");
            chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
            lxw_chart_options opt{};
            opt.x_scale = 1.4;
            opt.y_scale = 1.4;
            worksheet_insert_chart_opt(ws, kHeaderRow, side, ch, &opt);
        }
        if (std::holds_alternative<MapBlock>(*plan.block) && m_options.mapImages) {
            images.push_back(renderPng(*plan.block, 480, 340, 2.0, styleFor(report.labels)));
            const std::string& png = images.back();
            if (!png.empty()) {
                lxw_image_options opt{};
                opt.x_scale = 0.5;  // drawn at 2 px per unit: sharp on HiDPI, normal size
                opt.y_scale = 0.5;
                opt.description = const_cast<char*>(info.title.c_str());
                worksheet_insert_image_buffer_opt(
                    ws, kHeaderRow, side, reinterpret_cast<const unsigned char*>(png.data()),
                    png.size(), &opt);
            }
        }
        if (!steps.advance(info.title))
            return detail::cancelledError(path);
    }

    if (hasText(report)) {
        lxw_worksheet* ws = workbook_add_worksheet(wb.get(), names.back().c_str());
        worksheet_set_column(ws, 0, 0, 100, nullptr);
        lxw_format* wrap = formats.custom("wrap", [](lxw_format* x) {
            format_set_text_wrap(x);
            format_set_align(x, LXW_ALIGN_VERTICAL_TOP);
        });
        lxw_row_t r = 0;
        for (const Section& s : report.sections)
            for (const Block& b : s.blocks)
                if (const auto* text = std::get_if<TextBlock>(&b)) {
                    const std::string title = text->title.empty() ? s.title : text->title;
                    worksheet_write_string(ws, r++, 0, title.c_str(), titleFormat(formats));
                    for (const std::string& para : text->paragraphs)
                        worksheet_write_string(
                            ws, r++, 0, para.c_str(),
                            text->style == TextStyle::Note ? noteFormat(formats) : wrap);
                    ++r;
                }
    }

    const lxw_error err = workbook_close(wb.release());
    if (err != LXW_NO_ERROR)
        return makeError("report.write",
                         std::string("could not write the XLSX file: ") + lxw_strerror(err), path,
                         "check free disk space and that the folder is writable");
    return file.commit();
}

}  // namespace kk::report
