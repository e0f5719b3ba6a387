// import from a spreadsheet (.xlsx, .ods) through GDAL; CSV goes the lean way.
#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/geo/runtime.h"
#include "core/geo/table_source.h"

namespace kk::cli {

int cmdImport(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"sheet"});
    if (a.positional.size() != 3)
        return usage(ctx, kImportSynopsis);
    if (!isSpreadsheet(a.positional[2]))
        return cmdImportCsv(raw, ctx);
    geo::GeoRuntime runtime;
    auto opened = geo::openSpreadsheetSource(runtime, a.positional[2], a.get("sheet"));
    if (!opened)
        return fail(ctx, opened.error());
    return importFrom(ctx, a, *opened.value());
}

}  // namespace kk::cli
