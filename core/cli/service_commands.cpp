// `script` (the Lua rules engine) and `serve` (the local API server), with the pieces from other
// modules plugged in: PROJ reprojection for OGC API output and the XLSX report writer.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include "core/base/progress.h"
#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/geo/crs.h"
#include "core/geo/runtime.h"
#include "core/report/report.h"
#include "core/report/writer.h"
#include "core/rules/script_command.h"
#include "core/server/server.h"

namespace kk::cli {
namespace {

/// Lambert 72 -> CRS84 (longitude, latitude) for OGC API Features output.
server::CoordinateTransform makeToCrs84() {
    auto runtime = std::make_shared<geo::GeoRuntime>();
    auto t = geo::CrsTransform::create("EPSG:31370", "EPSG:4326");
    if (!t)
        return {};
    auto transform = std::make_shared<geo::CrsTransform>(std::move(t).value());
    return [runtime, transform](double& x, double& y) {
        auto p = transform->apply(geo::Point{x, y});
        if (p) {
            x = p.value().x;
            y = p.value().y;
        }
    };
}

/// Renders an API report table as XLSX bytes through core/report.
server::ReportRenderer makeReportRenderer() {
    return [](const server::ReportTable& table, std::string_view format) -> Result<std::string> {
        if (format != "xlsx")
            return makeError("report.format", "format '" + std::string(format) + "' is not offered",
                             table.id, "ask for json, csv or xlsx");
        report::Report r;
        r.title = table.title;
        auto& block = r.addSection(table.title).addTable(table.title);
        for (const auto& c : table.columns) {
            if (c.kind == server::ReportTable::Kind::Money)
                block.money(c.name);
            else if (c.kind == server::ReportTable::Kind::Integer)
                block.integer(c.name);
            else
                block.text(c.name);
        }
        for (const auto& row : table.rows) {
            report::Row cells;
            for (std::size_t i = 0; i < row.size() && i < table.columns.size(); ++i) {
                const auto kind = table.columns[i].kind;
                if (row[i].empty())
                    cells.emplace_back();
                else if (kind == server::ReportTable::Kind::Money)
                    cells.emplace_back(Money::fromCents(std::stoll(row[i])));
                else if (kind == server::ReportTable::Kind::Integer)
                    cells.emplace_back(static_cast<std::int64_t>(std::stoll(row[i])));
                else
                    cells.emplace_back(row[i]);
            }
            block.addRow(std::move(cells));
        }
        const auto dir = std::filesystem::temp_directory_path();
        const auto path =
            dir /
            ("kk-api-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".xlsx");
        NoProgress progress;
        if (auto s = report::writeReport(r, path.string(), progress); !s)
            return s.error();
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        std::error_code ec;
        std::filesystem::remove(path, ec);
        return bytes.str();
    };
}

}  // namespace

int cmdScript(const std::vector<std::string>& raw, Context& ctx) {
    // script [WORKSPACE] list|test|run|trust|revoke|hash ...: the workspace comes first when
    // the first word names an existing .gpkg file.
    std::vector<std::string> args = raw;
    std::unique_ptr<Workspace> ws;
    if (!args.empty() && args[0].size() > 5 && args[0].substr(args[0].size() - 5) == ".gpkg") {
        int code = 0;
        ws = openOrFail(ctx, args[0], code, false);
        if (!ws)
            return code;
        args.erase(args.begin());
    }
    rules::ScriptCommandContext sc;
    sc.workspace = ws.get();
    auto r = rules::runScriptCommand(args, sc);
    ctx.out << r.out;
    ctx.err << r.err;
    return r.exitCode;
}

int cmdServe(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"port", "bind"});
    if (a.positional.size() != 1)
        return usage(ctx,
                     "serve WORKSPACE [--port N] [--bind ADDR] [--read-only] "
                     "[--rotate-token] [--public-read]");
    server::ServeSettings s;
    s.workspacePath = a.positional[0];
    s.bindAddress = a.get("bind", "127.0.0.1");
    try {
        const int port = std::stoi(a.get("port", "8765"));
        if (port < 0 || port > 65535)
            throw std::out_of_range("port");
        s.port = static_cast<unsigned short>(port);
    } catch (const std::exception&) {
        return fail(ctx,
                    makeError("serve.port", "'" + a.get("port") + "' is not a port number", {},
                              "use a number from 1 to 65535 (0: any free port)"),
                    2);
    }
    s.readOnly = a.has("read-only");
    s.rotateToken = a.has("rotate-token");
    s.publicOgcRead = a.has("public-read");
    s.user = ctx.user;
    s.toCrs84 = makeToCrs84();
    s.reportRenderer = makeReportRenderer();
    return server::serve(s, ctx.out, ctx.err);
}

}  // namespace kk::cli
