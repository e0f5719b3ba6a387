// Internal to core/report: the page-flow engine behind PdfWriter (one pass of the layout).
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "core/report/output_file.h"
#include "core/report/pdf_writer.h"
#include "core/report/report.h"

namespace kk::report::detail {

/// Page numbers a pass found; the next pass prints them.
struct PageNumbers {
    int pages = 0;
    std::vector<int> sections;             ///< first page of each section
    std::vector<std::vector<int>> blocks;  ///< page where each block starts
    bool operator==(const PageNumbers&) const = default;
};

/// Draws the whole report once onto `surface`, page by page.
class PdfLayout {
  public:
    PdfLayout(cairo_surface_t* surface, const Report& report, const PdfOptions& options,
              const PageNumbers& previous, Steps& steps, bool final);
    /// False when cancelled.
    bool run();
    const PageNumbers& numbers() const { return m_found; }

    static constexpr double kPageWidth = 595.2756;  // A4 in points
    static constexpr double kPageHeight = 841.8898;

  private:
    void newPage();
    void finishPage();
    void ensure(double height);
    void cover();
    void contents();
    bool section(std::size_t s);
    bool table(const TableBlock& t, std::size_t s, std::size_t b);
    void text(const TextBlock& t);
    void figure(const Block& block);
    void blockTitle(const BlockInfo& info, bool continued);
    void source(const BlockInfo& info);
    void font(double size, bool bold = false, bool italic = false);
    void grey(double level);
    double contentWidth() const { return m_right - m_left; }

    cairo_surface_t* m_surface;
    cairo_t* m_cr = nullptr;
    const Report& m_report;
    const PdfOptions& m_options;
    const PageNumbers& m_previous;
    Steps& m_steps;
    bool m_final;
    PageNumbers m_found;
    int m_page = 0;
    bool m_pageOpen = false;
    std::string m_runningSection;
    double m_left = 0;
    double m_right = 0;
    double m_top = 0;
    double m_bottom = 0;
    double m_y = 0;
};

}  // namespace kk::report::detail
