// Choosing a report writer by file extension.
#include "core/report/writer.h"

#include <algorithm>
#include <filesystem>

#include "core/report/csv_writer.h"
#include "core/report/html_writer.h"
#include "core/report/pdf_writer.h"
#include "core/report/xlsx_writer.h"

namespace kk::report {

std::optional<ReportFormat> formatForPath(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".csv")
        return ReportFormat::Csv;
    if (ext == ".xlsx")
        return ReportFormat::Xlsx;
    if (ext == ".html" || ext == ".htm")
        return ReportFormat::Html;
    if (ext == ".pdf")
        return ReportFormat::Pdf;
    return std::nullopt;
}

std::unique_ptr<ReportWriter> makeWriter(ReportFormat format) {
    switch (format) {
        case ReportFormat::Csv:
            return std::make_unique<CsvWriter>();
        case ReportFormat::Xlsx:
            return std::make_unique<XlsxWriter>();
        case ReportFormat::Html:
            return std::make_unique<HtmlWriter>();
        case ReportFormat::Pdf:
            return std::make_unique<PdfWriter>();
    }
    return nullptr;
}

Status writeReport(const Report& report, const std::string& path, Progress& progress) {
    const auto format = formatForPath(path);
    if (!format)
        return makeError("report.format", "unknown report format", path,
                         "end the file name in .pdf, .xlsx, .html or .csv");
    return makeWriter(*format)->write(report, path, progress);
}

}  // namespace kk::report
