// CSV export: one RFC 4180 file per table (charts and maps export their data as tables).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/report/writer.h"

namespace kk::report {

struct CsvOptions {
    char separator = ',';
    char decimalSeparator = '.';   ///< in money, rates and decimals
    bool byteOrderMark = false;    ///< UTF-8 BOM so Excel detects UTF-8 (needed for "€", "ë")
    bool includeTotals = false;    ///< append the totals row of tables that show one
    bool includeChartData = true;  ///< charts and maps as data tables (text blocks never)

    /// For Excel with Dutch/Belgian regional settings: ';' between fields, decimal comma,
    /// a BOM, totals included.
    static CsvOptions excelDutch();
};

/// File naming: a report with one exported table is written to `path` itself. With several,
/// each goes to "<folder>/<stem>-<NN>-<slug><ext>" beside `path` (NN = 01, 02, ... in report
/// order, slug = the block title in lower-case ASCII, other characters as '-', at most 40
/// characters; "tabel" when there is no title) and no file is made at `path` itself.
class CsvWriter final : public ReportWriter {
  public:
    explicit CsvWriter(CsvOptions options = {}) : m_options(options) {}
    Status write(const Report& report, const std::string& path, Progress& progress) const override;
    /// The files write() creates for this report and path, in order.
    std::vector<std::string> fileNames(const Report& report, const std::string& path) const;

  private:
    CsvOptions m_options;
};

/// One field quoted per RFC 4180: in double quotes when it holds the separator, a quote, CR
/// or LF (quotes doubled), as is otherwise.
std::string csvField(std::string_view text, char separator);
/// "Financieringsmix per project (€)" → "financieringsmix-per-project". Accented Latin
/// letters lose their accent; at most `maxLength` characters.
std::string slugify(std::string_view title, std::size_t maxLength = 40);

}  // namespace kk::report
