// Spreadsheet tables (XLSX, ODS) read through GDAL as import sources for core/store's exchange.
#pragma once

#include <memory>
#include <string>

#include "core/base/error.h"
#include "core/store/exchange.h"

namespace kk::geo {

class GeoRuntime;

/// Opens the first sheet (or the sheet named `sheet`) of an XLSX or ODS file. The first row is
/// the header; row numbers in errors are the spreadsheet's own row numbers.
Result<std::unique_ptr<TableSource>> openSpreadsheetSource(const GeoRuntime& runtime,
                                                           const std::string& path,
                                                           const std::string& sheet = {});

}  // namespace kk::geo
