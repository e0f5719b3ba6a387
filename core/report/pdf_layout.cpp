// Page flow for the PDF writer: cover, contents, sections, text, figures, header and footer.
#include "core/report/pdf_layout.h"

#include <cairo-pdf.h>

#include <algorithm>

#include "core/report/cairo_util.h"
#include "core/report/format.h"
#include "core/report/painter.h"

namespace kk::report::detail {

PdfLayout::PdfLayout(cairo_surface_t* surface, const Report& report, const PdfOptions& options,
                     const PageNumbers& previous, Steps& steps, bool final)
    : m_surface(surface),
      m_report(report),
      m_options(options),
      m_previous(previous),
      m_steps(steps),
      m_final(final) {
    const double margin = options.marginMm / 25.4 * 72;
    m_left = margin;
    m_right = kPageWidth - margin;
    m_top = margin + 8;
    m_bottom = kPageHeight - margin - 8;
}

void PdfLayout::font(double size, bool bold, bool italic) {
    setFont(m_cr, m_options.fontFamily, size, bold, italic);
}

void PdfLayout::grey(double level) {
    setGrey(m_cr, level);
}

bool PdfLayout::run() {
    CairoPtr cr(cairo_create(m_surface));
    m_cr = cr.get();
    m_found = PageNumbers{};
    m_found.sections.assign(m_report.sections.size(), 0);
    for (const Section& s : m_report.sections)
        m_found.blocks.emplace_back(s.blocks.size(), 0);
    newPage();
    cover();
    contents();
    for (std::size_t s = 0; s < m_report.sections.size(); ++s)
        if (!section(s))
            return false;
    finishPage();
    m_found.pages = m_page;
    m_cr = nullptr;
    return true;
}

void PdfLayout::newPage() {
    if (m_pageOpen) {
        finishPage();
        cairo_show_page(m_cr);
    }
    ++m_page;
    m_pageOpen = true;
    m_y = m_top;
    if (m_page > 1) {
        // Running header: report title left, current section right, a hairline below.
        font(7.5);
        grey(0.4);
        const double hy = m_top - 14;
        const double half = contentWidth() / 2 - 6;
        drawText(m_cr, m_left, hy, ellipsize(m_cr, m_report.title, half));
        drawText(m_cr, m_right, hy, ellipsize(m_cr, m_runningSection, half), Align::Right);
        cairo_set_line_width(m_cr, 0.4);
        cairo_move_to(m_cr, m_left, hy + 4);
        cairo_line_to(m_cr, m_right, hy + 4);
        cairo_stroke(m_cr);
    }
}

void PdfLayout::finishPage() {
    if (!m_pageOpen)
        return;
    font(7.5);
    grey(0.4);
    const double fy = m_bottom + 22;
    cairo_set_line_width(m_cr, 0.4);
    cairo_move_to(m_cr, m_left, fy - 10);
    cairo_line_to(m_cr, m_right, fy - 10);
    cairo_stroke(m_cr);
    drawText(m_cr, m_left, fy,
             m_report.labels.generated + " " + formatDisplay(m_report.generatedAt, Column{}));
    // Pass 1 does not know N yet; the footer's width never moves anything else.
    const int total = m_previous.pages > 0 ? m_previous.pages : 0;
    // "X / N" as three runs with a wide gap: text extractors (pdftotext, screen readers) drop
    // a normal space next to '/' and would read "1/8".
    const std::string parts[] = {std::to_string(m_page), "/", std::to_string(total)};
    const double gap = textWidth(m_cr, " ") * 1.8;
    double x = m_right - textWidth(m_cr, parts[0]) - textWidth(m_cr, parts[1]) -
               textWidth(m_cr, parts[2]) - 2 * gap;
    for (const std::string& part : parts) {
        drawText(m_cr, x, fy, part);
        x += textWidth(m_cr, part) + gap;
    }
    m_pageOpen = false;
}

void PdfLayout::ensure(double height) {
    if (m_y + height > m_bottom)
        newPage();
}

void PdfLayout::cover() {
    m_y = m_top + 40;
    font(22, true);
    grey(0.1);
    for (const std::string& line : wrapText(m_cr, m_report.title, contentWidth())) {
        m_y += 26;
        drawText(m_cr, m_left, m_y, line);
    }
    if (!m_report.subtitle.empty()) {
        font(13);
        grey(0.35);
        m_y += 8;
        for (const std::string& line : wrapText(m_cr, m_report.subtitle, contentWidth())) {
            m_y += 17;
            drawText(m_cr, m_left, m_y, line);
        }
    }
    m_y += 24;
    cairo_set_source_rgb(m_cr, 0.0, 0.447, 0.698);  // the first series colour as an accent
    cairo_rectangle(m_cr, m_left, m_y, 60, 3);
    cairo_fill(m_cr);
    m_y += 14;
    std::vector<std::pair<std::string, std::string>> meta;
    const ReportLabels& L = m_report.labels;
    if (!m_report.author.empty())
        meta.emplace_back(L.author, m_report.author);
    if (!m_report.organisation.empty())
        meta.emplace_back(L.organisation, m_report.organisation);
    meta.emplace_back(L.generated, formatDisplay(m_report.generatedAt, Column{}));
    for (const auto& p : m_report.parameters)
        meta.push_back(p);
    font(m_options.bodySize, true);
    double keyW = 0;
    for (const auto& [k, v] : meta)
        keyW = std::min(std::max(keyW, textWidth(m_cr, k)), contentWidth() / 3);
    for (const auto& [k, v] : meta) {
        m_y += m_options.bodySize * 1.5;
        font(m_options.bodySize, true);
        grey(0.2);
        drawText(m_cr, m_left, m_y, ellipsize(m_cr, k, keyW));
        font(m_options.bodySize);
        drawText(m_cr, m_left + keyW + 12, m_y, ellipsize(m_cr, v, contentWidth() - keyW - 12));
    }
    m_y += 30;
}

void PdfLayout::contents() {
    const ReportLabels& L = m_report.labels;
    ensure(60);
    font(14, true);
    grey(0.1);
    m_y += 14;
    drawText(m_cr, m_left, m_y, L.contents);
    m_y += 8;
    const double lineH = m_options.bodySize * 1.6;
    const double numberW = 30;  // fixed, so page numbers never change the layout
    auto entry = [&](const std::string& title, int page, double indent, bool bold) {
        ensure(lineH);
        m_y += lineH;
        font(m_options.bodySize, bold);
        grey(bold ? 0.1 : 0.3);
        const std::string shown = ellipsize(m_cr, title, contentWidth() - indent - numberW - 10);
        const bool link = m_final && page > 0;
        if (link)
            cairo_tag_begin(m_cr, CAIRO_TAG_LINK, ("page=" + std::to_string(page)).c_str());
        drawText(m_cr, m_left + indent, m_y, shown);
        const double textEnd = m_left + indent + textWidth(m_cr, shown) + 4;
        drawText(m_cr, m_right, m_y, page > 0 ? std::to_string(page) : "", Align::Right);
        if (link)
            cairo_tag_end(m_cr, CAIRO_TAG_LINK);
        // Dotted leader between title and page number.
        grey(0.7);
        cairo_set_line_width(m_cr, 0.6);
        const double dashes[] = {0.6, 2.4};
        cairo_set_dash(m_cr, dashes, 2, 0);
        cairo_move_to(m_cr, textEnd, m_y);
        cairo_line_to(m_cr, m_right - numberW, m_y);
        cairo_stroke(m_cr);
        cairo_set_dash(m_cr, nullptr, 0, 0);
    };
    for (std::size_t s = 0; s < m_report.sections.size(); ++s) {
        const Section& sec = m_report.sections[s];
        const int page = s < m_previous.sections.size() ? m_previous.sections[s] : 0;
        entry(std::to_string(s + 1) + ". " + sec.title, page, 0, true);
        for (std::size_t b = 0; b < sec.blocks.size(); ++b) {
            const std::string& title = infoOf(sec.blocks[b]).title;
            if (title.empty())
                continue;
            const int bp = s < m_previous.blocks.size() && b < m_previous.blocks[s].size()
                               ? m_previous.blocks[s][b]
                               : 0;
            entry(title, bp, 16, false);
        }
    }
}

bool PdfLayout::section(std::size_t s) {
    const Section& sec = m_report.sections[s];
    m_runningSection = std::to_string(s + 1) + ". " + sec.title;
    newPage();
    m_found.sections[s] = m_page;
    if (m_final && !m_previous.sections.empty())
        cairo_pdf_surface_add_outline(m_surface, CAIRO_PDF_OUTLINE_ROOT, m_runningSection.c_str(),
                                      ("page=" + std::to_string(m_page)).c_str(),
                                      static_cast<cairo_pdf_outline_flags_t>(0));
    font(16, true);
    grey(0.1);
    for (const std::string& line : wrapText(m_cr, m_runningSection, contentWidth())) {
        m_y += 20;
        drawText(m_cr, m_left, m_y, line);
    }
    m_y += 10;
    for (std::size_t b = 0; b < sec.blocks.size(); ++b) {
        const Block& block = sec.blocks[b];
        const BlockInfo& info = infoOf(block);
        if (const auto* t = std::get_if<TableBlock>(&block)) {
            if (!table(*t, s, b))
                return false;
        } else if (const auto* text = std::get_if<TextBlock>(&block)) {
            ensure(m_options.bodySize * 4);
            m_found.blocks[s][b] = m_page;
            this->text(*text);
        } else {
            const double h = std::holds_alternative<MapBlock>(block) ? m_options.mapHeight
                                                                     : m_options.chartHeight;
            ensure(h + 30);
            m_found.blocks[s][b] = m_page;
            blockTitle(info, false);
            figure(block);
        }
        source(info);
        m_y += 14;
        if (!m_steps.advance(info.title))
            return false;
    }
    return true;
}

void PdfLayout::blockTitle(const BlockInfo& info, bool continued) {
    if (info.title.empty())
        return;
    std::string title = info.unit.empty() ? info.title : info.title + " (" + info.unit + ")";
    if (continued)
        title += " (" + m_report.labels.continued + ")";
    font(11, true);
    grey(0.15);
    for (const std::string& line : wrapText(m_cr, title, contentWidth())) {
        m_y += 14;
        drawText(m_cr, m_left, m_y, line);
    }
    m_y += 6;
}

void PdfLayout::source(const BlockInfo& info) {
    if (info.source.empty())
        return;
    font(7.5, false, true);
    const auto lines = wrapText(m_cr, m_report.labels.source + ": " + info.source, contentWidth());
    ensure(static_cast<double>(lines.size()) * 10 + 4);
    grey(0.4);
    m_y += 2;
    for (const std::string& line : lines) {
        m_y += 10;
        drawText(m_cr, m_left, m_y, line);
    }
}

void PdfLayout::text(const TextBlock& t) {
    const bool note = t.style == TextStyle::Note;
    if (!t.title.empty()) {
        ensure(40);
        blockTitle(t, false);
    }
    const double size = note ? m_options.bodySize * 0.88 : m_options.bodySize;
    const double lineH = size * 1.4;
    const double indent = note ? 10 : 0;
    for (const std::string& para : t.paragraphs) {
        font(size, false, note);
        for (const std::string& line : wrapText(m_cr, para, contentWidth() - indent)) {
            ensure(lineH);
            m_y += lineH;
            font(size, false, note);
            grey(note ? 0.35 : 0.15);
            drawText(m_cr, m_left + indent, m_y, line);
        }
        m_y += size * 0.6;
    }
}

void PdfLayout::figure(const Block& block) {
    const double h =
        std::holds_alternative<MapBlock>(block) ? m_options.mapHeight : m_options.chartHeight;
    PaintStyle style = styleFor(m_report.labels);
    style.fontFamily = m_options.fontFamily;
    paintBlock(m_cr, block, m_left, m_y, contentWidth(), h, style);
    m_y += h;
}

}  // namespace kk::report::detail
