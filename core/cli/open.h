// Opening a workspace from a command, printing the error when that fails.
#pragma once

#include <memory>
#include <string>

#include "core/cli/cli.h"
#include "core/store/exchange.h"
#include "core/store/workspace.h"

namespace kk::cli {

/// Opens the workspace or prints why not (code receives the exit code).
std::unique_ptr<Workspace> openOrFail(Context& ctx, const std::string& path, int& code,
                                      bool readOnly);

inline constexpr const char* kImportSynopsis =
    "import WORKSPACE ENTITY FILE.csv|.xlsx|.ods [--sheet NAME] [--dry-run]";

/// True for the spreadsheet formats import reads through GDAL (.xlsx, .ods).
bool isSpreadsheet(const std::string& file);

/// The import command once its source is open: validates and writes all-or-nothing, prints
/// the report. `a` holds WORKSPACE ENTITY FILE and the options.
int importFrom(Context& ctx, const Args& a, TableSource& src);

}  // namespace kk::cli
