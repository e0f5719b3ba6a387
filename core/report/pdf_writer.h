// PDF export via cairo: A4 portrait with cover, table of contents, running header and footer.
#pragma once

#include <string>

#include "core/report/writer.h"

namespace kk::report {

struct PdfOptions {
    double marginMm = 20;
    std::string fontFamily = "DejaVu Sans";
    double bodySize = 9.5;     ///< paragraphs, points
    double tableSize = 8;      ///< table cells, points
    double chartHeight = 260;  ///< points; charts use the full text width
    double mapHeight = 360;
};

/// Layout: page 1 is the cover (title, subtitle, author, organisation, date, parameters)
/// followed by the table of contents (sections and their block titles with page numbers and
/// links; it continues on the next pages when long). Every section starts on a new page.
/// Every page but the cover has a header (report title left, section title right); every page
/// has a footer (generation date left, "X / N" right). Tables break across pages and repeat
/// their header row under the title marked "(vervolg)"; text cells wrap, numbers never do.
/// Charts and maps are drawn by ChartPainter / MapPainter straight onto the PDF surface.
///
/// Two-pass layout: the first pass lays the document out on a discarding PDF surface (same
/// font metrics as the real one) to learn N and every section's page; the second draws for
/// real with those numbers. Should the numbers still move (they do not, as TOC lines have a
/// fixed height), a further pass runs.
class PdfWriter final : public ReportWriter {
  public:
    explicit PdfWriter(PdfOptions options = {}) : m_options(std::move(options)) {}
    Status write(const Report& report, const std::string& path, Progress& progress) const override;

  private:
    PdfOptions m_options;
};

}  // namespace kk::report
