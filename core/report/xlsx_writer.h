// XLSX export via libxlsxwriter: a cover sheet and one typed, filterable sheet per table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/report/writer.h"

namespace kk::report {

struct XlsxOptions {
    bool nativeCharts = true;  ///< chart blocks get an Excel chart beside their data
    bool mapImages = true;     ///< map blocks get a PNG of the map beside their data
};

/// Layout: sheet 1 is the cover (title, subtitle, author, organisation, date, parameters and a
/// contents list with links to every sheet). Then one sheet per table, chart (its data plus a
/// native stacked-column or line chart) and map (label, value, class plus a picture), in
/// report order; text blocks go to one notes sheet at the end. On each data sheet: title in
/// row 1, unit/source line in row 2, header in row 3 (frozen, with autofilter), data below,
/// then the totals row as SUM formulas carrying the exact cached totals, then the source.
///
/// Money is stored as a number of euros (cents / 100 as a double, the nearest binary value;
/// exact to the cent when displayed for amounts below 10^13 euro) with format "€ #,##0.00";
/// rates as fractions with format "0.00%"; dates as Excel dates "dd/mm/yyyy".
class XlsxWriter final : public ReportWriter {
  public:
    explicit XlsxWriter(XlsxOptions options = {}) : m_options(options) {}
    Status write(const Report& report, const std::string& path, Progress& progress) const override;
    /// The sheet names write() uses, cover first.
    std::vector<std::string> sheetNames(const Report& report) const;

  private:
    XlsxOptions m_options;
};

/// An Excel sheet name for `title`: without []:*?/\, no leading/trailing apostrophe or space,
/// at most 31 characters, unique against `taken` (case-insensitive) by appending " (2)",
/// " (3)", ...; `fallback` when nothing is left.
std::string sanitiseSheetName(std::string_view title, const std::vector<std::string>& taken,
                              const std::string& fallback);

}  // namespace kk::report
