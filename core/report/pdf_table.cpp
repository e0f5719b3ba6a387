// Tables in the PDF: column widths, wrapped text cells, page breaks with a repeated header.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/report/cairo_util.h"
#include "core/report/format.h"
#include "core/report/pdf_layout.h"

namespace kk::report::detail {
namespace {

constexpr double kPad = 3;
constexpr std::size_t kMaxCellLines = 6;

/// Column widths that fill `avail`: numbers and dates keep their natural width (they must not
/// wrap), text columns share what is left but never go below their `minimum` (longest word).
std::vector<double> columnWidths(const std::vector<double>& natural,
                                 const std::vector<double>& minimum,
                                 const std::vector<Column>& columns, double avail) {
    std::vector<double> w = natural;
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    std::vector<std::size_t> textCols;
    double fixed = 0;
    double textMin = 0;
    double textSlack = 0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].type == ColumnType::Text) {
            textCols.push_back(c);
            textMin += minimum[c];
            textSlack += natural[c] - minimum[c];
        } else {
            fixed += natural[c];
        }
    }
    if (sum <= avail) {
        const double extra = avail - sum;
        if (textCols.empty())
            for (double& x : w)
                x += extra / static_cast<double>(w.size());
        else {
            double textSum = 0;
            for (std::size_t c : textCols)
                textSum += natural[c];
            for (std::size_t c : textCols)
                w[c] += extra * natural[c] / textSum;
        }
        return w;
    }
    if (fixed + textMin <= avail) {
        const double share = avail - fixed - textMin;
        for (std::size_t c : textCols)
            w[c] = minimum[c] + (textSlack > 0 ? share * (natural[c] - minimum[c]) / textSlack
                                               : share / static_cast<double>(textCols.size()));
        return w;
    }
    // Too many numbers even at the smallest font: text columns keep (at most half the page for)
    // their minimum, numbers shrink evenly and are ellipsized, so a cut is visible.
    const double textSpace = std::min(textMin, avail / 2);
    for (std::size_t c : textCols)
        w[c] = textMin > 0 ? minimum[c] * textSpace / textMin : 0;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (columns[c].type != ColumnType::Text)
            w[c] *= (avail - textSpace) / fixed;
    return w;
}

double longestWord(cairo_t* cr, const std::string& text) {
    double longest = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find_first_of(" \n", start), text.size());
        longest = std::max(longest, textWidth(cr, text.substr(start, end - start)));
        start = end + 1;
    }
    return longest;
}

}  // namespace

bool PdfLayout::table(const TableBlock& t, std::size_t s, std::size_t b) {
    const std::size_t nCols = t.columns.size();
    const std::string totalsLabel = t.totalsLabel.empty() ? m_report.labels.total : t.totalsLabel;
    const bool withTotals = t.showTotals && !t.rows.empty();
    const Row totals = withTotals ? t.totals(totalsLabel) : Row{};

    // Natural width: the widest cell (headers wrap, so only their longest word counts).
    // Minimum of a text column: its longest word, capped so one long name cannot take the page.
    std::vector<double> natural(nCols, 0.0);
    std::vector<double> minimum(nCols, 0.0);
    auto measure = [&](double size) {
        std::fill(natural.begin(), natural.end(), 0.0);
        std::fill(minimum.begin(), minimum.end(), 0.0);
        font(size, true);
        for (std::size_t c = 0; c < nCols; ++c) {
            natural[c] = longestWord(m_cr, t.columns[c].headerWithUnit());
            if (withTotals)
                natural[c] =
                    std::max(natural[c], textWidth(m_cr, formatDisplay(totals[c], t.columns[c])));
            minimum[c] = natural[c];
        }
        font(size);
        for (const Row& row : t.rows)
            for (std::size_t c = 0; c < nCols; ++c) {
                const std::string text = formatDisplay(row[c], t.columns[c]);
                natural[c] = std::max(natural[c], textWidth(m_cr, text));
                if (t.columns[c].type == ColumnType::Text)
                    minimum[c] = std::max(minimum[c], std::min(longestWord(m_cr, text), 90.0));
            }
        double need = 0;
        for (std::size_t c = 0; c < nCols; ++c) {
            natural[c] += 2 * kPad;
            minimum[c] += 2 * kPad;
            need += t.columns[c].type == ColumnType::Text ? minimum[c] : natural[c];
        }
        return need;
    };
    // Wide tables get a smaller font (down to 6 pt) before anything is cut.
    double fs = m_options.tableSize;
    double need = measure(fs);
    if (need > contentWidth()) {
        // Widths are not proportional to the size (padding, capped minimums): estimate, then
        // step down until it fits.
        fs = std::max(6.0, std::floor(fs * contentWidth() / need * 4) / 4);
        need = measure(fs);
        while (need > contentWidth() && fs > 6.0) {
            fs -= 0.25;
            need = measure(fs);
        }
    }
    const double lineH = fs * 1.3;
    const std::vector<double> widths = columnWidths(natural, minimum, t.columns, contentWidth());

    auto cellLines = [&](const Cell& cell, std::size_t c) {
        const std::string text = formatDisplay(cell, t.columns[c]);
        const double inner = widths[c] - 2 * kPad;
        if (t.columns[c].type != ColumnType::Text)
            return std::vector<std::string>{ellipsize(m_cr, text, inner)};
        auto lines = wrapText(m_cr, text, inner);
        if (lines.size() > kMaxCellLines) {
            lines.resize(kMaxCellLines);
            lines.back() = ellipsize(m_cr, lines.back() + " \xE2\x80\xA6", inner);
        }
        return lines;
    };
    auto drawRow = [&](const Row& row, bool bold, bool shade) {
        font(fs, bold);
        std::vector<std::vector<std::string>> lines(nCols);
        std::size_t maxLines = 1;
        for (std::size_t c = 0; c < nCols; ++c) {
            lines[c] = cellLines(row[c], c);
            maxLines = std::max(maxLines, lines[c].size());
        }
        const double h = static_cast<double>(maxLines) * lineH + 2 * kPad;
        return std::make_pair(h, [&, lines, h, bold, shade]() {
            if (shade) {
                cairo_set_source_rgb(m_cr, 0.965, 0.973, 0.98);
                cairo_rectangle(m_cr, m_left, m_y, contentWidth(), h);
                cairo_fill(m_cr);
            }
            if (bold) {
                grey(0.25);
                cairo_set_line_width(m_cr, 0.8);
                cairo_move_to(m_cr, m_left, m_y);
                cairo_line_to(m_cr, m_right, m_y);
                cairo_stroke(m_cr);
            }
            font(fs, bold);
            grey(0.1);
            double x = m_left;
            for (std::size_t c = 0; c < nCols; ++c) {
                const Align a = t.columns[c].effectiveAlign();
                const double tx = a == Align::Right    ? x + widths[c] - kPad
                                  : a == Align::Center ? x + widths[c] / 2
                                                       : x + kPad;
                for (std::size_t l = 0; l < lines[c].size(); ++l)
                    drawText(m_cr, tx, m_y + kPad + lineH * (static_cast<double>(l) + 0.78),
                             lines[c][l], a);
                x += widths[c];
            }
            m_y += h;
        });
    };
    auto header = [&]() {
        font(fs, true);
        std::vector<std::vector<std::string>> lines(nCols);
        std::size_t maxLines = 1;
        for (std::size_t c = 0; c < nCols; ++c) {
            lines[c] = wrapText(m_cr, t.columns[c].headerWithUnit(), widths[c] - 2 * kPad);
            maxLines = std::max(maxLines, lines[c].size());
        }
        const double h = static_cast<double>(maxLines) * lineH + 2 * kPad;
        cairo_set_source_rgb(m_cr, 0.867, 0.922, 0.969);
        cairo_rectangle(m_cr, m_left, m_y, contentWidth(), h);
        cairo_fill(m_cr);
        grey(0.1);
        double x = m_left;
        for (std::size_t c = 0; c < nCols; ++c) {
            const Align a = t.columns[c].effectiveAlign();
            const double tx = a == Align::Right    ? x + widths[c] - kPad
                              : a == Align::Center ? x + widths[c] / 2
                                                   : x + kPad;
            // Bottom-aligned header text, as in spreadsheets.
            const double first =
                m_y + h - kPad - lineH * (static_cast<double>(lines[c].size()) - 0.78);
            for (std::size_t l = 0; l < lines[c].size(); ++l)
                drawText(m_cr, tx, first + lineH * static_cast<double>(l), lines[c][l], a);
            x += widths[c];
        }
        m_y += h;
        grey(0.45);
        cairo_set_line_width(m_cr, 0.6);
        cairo_move_to(m_cr, m_left, m_y);
        cairo_line_to(m_cr, m_right, m_y);
        cairo_stroke(m_cr);
        return h;
    };

    // Title, header and the first row stay together.
    const double firstRow = t.rows.empty() ? 0 : drawRow(t.rows.front(), false, false).first;
    ensure(40 + lineH * 3 + firstRow);
    m_found.blocks[s][b] = m_page;
    blockTitle(t, false);
    header();
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        auto [h, draw] = drawRow(t.rows[r], false, r % 2 == 1);
        if (m_y + h > m_bottom) {
            newPage();
            blockTitle(t, true);
            header();
        }
        draw();
        if ((r + 1) % kRowBatch == 0 && !m_steps.advance(t.title, 1))
            return false;
    }
    if (withTotals) {
        auto [h, draw] = drawRow(totals, true, false);
        if (m_y + h > m_bottom) {
            newPage();
            blockTitle(t, true);
            header();
        }
        draw();
    }
    grey(0.45);
    cairo_set_line_width(m_cr, 0.6);
    cairo_move_to(m_cr, m_left, m_y);
    cairo_line_to(m_cr, m_right, m_y);
    cairo_stroke(m_cr);
    return true;
}

}  // namespace kk::report::detail
