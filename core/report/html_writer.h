// HTML export: one standalone, escaped page with tables and inline SVG charts and maps.
#pragma once

#include <string>
#include <string_view>

#include "core/report/writer.h"

namespace kk::report {

struct HtmlOptions {
    double chartWidth = 640;  ///< SVG size in CSS pixels
    double chartHeight = 320;
    double mapHeight = 420;
    bool chartDataTables = true;  ///< a collapsible data table under every chart and map
};

/// Layout: header (title, subtitle, author, organisation, date, parameters), a linked table of
/// contents, one <section> per report section with its blocks (tables with <thead>/<tfoot>,
/// charts and maps as inline SVG drawn by the same painters as the PDF), a footer. No external
/// resources: the file works offline and can be mailed. All text is HTML-escaped.
class HtmlWriter final : public ReportWriter {
  public:
    explicit HtmlWriter(HtmlOptions options = {}) : m_options(options) {}
    Status write(const Report& report, const std::string& path, Progress& progress) const override;
    /// The page as a string (write() saves exactly this); an Error with code "cancelled"
    /// when the progress was cancelled.
    Result<std::string> render(const Report& report, Progress& progress) const;

  private:
    HtmlOptions m_options;
};

/// Escapes &, <, >, " and ' for text and attribute values.
std::string htmlEscape(std::string_view text);

}  // namespace kk::report
