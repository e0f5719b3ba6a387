// The writer interface every output format implements, and the choice of writer by file name.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/report/report.h"

namespace kk::report {

enum class ReportFormat { Csv, Xlsx, Html, Pdf };

/// Turns a Report into a file. Contract for every writer:
/// - validates the report first and returns its error unchanged (code "report.*");
/// - calls progress.step() per block and per batch of rows;
/// - when progress.cancelled() turns true it stops and returns code "cancelled";
/// - writes to a temporary file beside `path` and renames it only on success, so a failed or
///   cancelled run never leaves a half-written file at `path`.
class ReportWriter {
  public:
    virtual ~ReportWriter() = default;
    virtual Status write(const Report& report, const std::string& path,
                         Progress& progress) const = 0;
};

/// The format for a file name by its extension (.csv, .xlsx, .html/.htm, .pdf), any case.
std::optional<ReportFormat> formatForPath(const std::string& path);
/// A writer with default options for a format.
std::unique_ptr<ReportWriter> makeWriter(ReportFormat format);
/// Picks the writer by extension and writes; an unknown extension is an error.
Status writeReport(const Report& report, const std::string& path, Progress& progress);

}  // namespace kk::report
