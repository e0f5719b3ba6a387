// Command dispatch, shared option parsing and error printing.
#include "core/cli/cli.h"

#include <nlohmann/json.hpp>

#include <ostream>

#include "core/base/error.h"

namespace kk::cli {

namespace {

constexpr const char* kVersion = "0.1.0";

void printHelp(std::ostream& out) {
    out << "koppelkans-cli " << kVersion << " — area-based programme management for Flanders\n\n"
        << "usage: koppelkans-cli [--json] [--user NAME] COMMAND [ARGS]\n\n"
        << "workspace:\n"
        << "  init WORKSPACE                      create a workspace (GeoPackage) with reference "
           "data\n"
        << "  info WORKSPACE                      schema version and row counts\n"
        << "  check WORKSPACE                     integrity check and validation report\n"
        << "  demo WORKSPACE [--scale small|xl]   create a realistic demo workspace\n"
        << "  summary WORKSPACE                   planned cost per fund and year (CSV)\n"
        << "data:\n"
        << "  import WORKSPACE ENTITY FILE [--dry-run]       import CSV (all-or-nothing)\n"
        << "  export WORKSPACE ENTITY FILE [--format csv|xlsx]\n"
        << "        ENTITY: actors programmes funds coalitions coalition_members projects\n"
        << "                project_fields cost_items expenses awards coalition_key_criteria\n"
        << "                coalition_key_inputs coalition_key_limits (columns: docs/cli.md)\n"
        << "areas:\n"
        << "  areas import WORKSPACE FILE --key FIELD [--kind K] [--name F] [--layer L] [--crs "
           "EPSG:N] [--repair]\n"
        << "  areas list WORKSPACE [--kind K]\n"
        << "  areas export WORKSPACE FILE.gpkg|.geojson|.shp [--layer areas|projects] [--kind K]\n"
        << "  areas double-funding WORKSPACE\n"
        << "  areas rule-add WORKSPACE RULE.json | areas members WORKSPACE AREA [--instrument I] "
           "[--date D]\n"
        << "  areas member-of WORKSPACE NIS [--instrument I] [--date D]\n"
        << "rules:\n"
        << "  script [WORKSPACE] list|test|run|trust|revoke|hash ...   Lua rules "
           "(docs/lua-api.md)\n"
        << "server:\n"
        << "  serve WORKSPACE [--port N] [--bind ADDR] [--read-only] [--rotate-token] "
           "[--public-read]\n"
        << "reports:\n"
        << "  report NAME WORKSPACE --out FILE [--format xlsx|pdf|csv|html] [options]\n"
        << "        NAME: portfolio funding-mix budget-vs-realised allocation indicator-progress\n"
        << "              subsidy-calendar ('report --list' shows each one's options)\n"
        << "allocation:\n"
        << "  allocate WORKSPACE (--project CODE | --programme CODE | --all) [--strategy "
           "waterfall|pro_rata|maximise_external|lua:NAME]\n"
        << "        [--format table|json|xlsx] [--out FILE] [--save] [--explain] [--funds "
           "CODE,...] "
           "(docs/allocation.md)\n"
        << "  allocate WORKSPACE --project CODE --compare waterfall,maximise_external [--funds "
           "...]\n"
        << "  allocate-runs WORKSPACE [--diff RUN_ID]\n"
        << "plugins:\n"
        << "  plugins | plugin ID [COMMAND WORKSPACE [ARGS]]   list plugins; run a plugin command\n"
        << "history:\n"
        << "  undo WORKSPACE | redo WORKSPACE | log WORKSPACE [--limit N]\n\n"
        << "--json prints machine-readable output; exit codes: 0 ok, 1 failed, 2 usage.\n";
}

}  // namespace

bool Args::has(const std::string& name) const {
    for (const auto& [k, v] : options)
        if (k == name)
            return true;
    return false;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    for (const auto& [k, v] : options)
        if (k == name)
            return v;
    return fallback;
}

Args parseArgs(const std::vector<std::string>& args, const std::vector<std::string>& valued) {
    Args a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        if (s.rfind("--", 0) == 0) {
            const auto eq = s.find('=');
            std::string name = s.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            std::string value;
            if (eq != std::string::npos) {
                value = s.substr(eq + 1);
            } else if (std::find(valued.begin(), valued.end(), name) != valued.end() &&
                       i + 1 < args.size()) {
                value = args[++i];
            }
            a.options.emplace_back(std::move(name), std::move(value));
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

int fail(Context& ctx, const Error& e, int code) {
    if (ctx.json) {
        ctx.out << nlohmann::json{{"ok", false},
                                  {"error",
                                   {{"code", e.code},
                                    {"what", e.what},
                                    {"where", e.where},
                                    {"hint", e.hint}}}}
                       .dump(2)
                << "\n";
    } else {
        ctx.err << "error: " << e.message() << "\n";
    }
    return code;
}

int usage(Context& ctx, const std::string& synopsis) {
    ctx.err << "usage: koppelkans-cli " << synopsis << "\n";
    return 2;
}

int runWith(const std::vector<std::string>& argsIn, Context& ctx, std::span<const Command> commands,
            bool handOver) {
    std::vector<std::string> args;
    for (std::size_t i = 0; i < argsIn.size(); ++i) {
        if (argsIn[i] == "--json") {
            ctx.json = true;
        } else if (argsIn[i] == "--user" && i + 1 < argsIn.size()) {
            ctx.user = argsIn[++i];
        } else if (argsIn[i].rfind("--user=", 0) == 0) {
            ctx.user = argsIn[i].substr(7);
        } else {
            args.push_back(argsIn[i]);
        }
    }
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        printHelp(ctx.out);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        ctx.out << "koppelkans-cli " << kVersion << "\n";
        return 0;
    }
    const std::string& cmd = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const Command& c : commands) {
        if (c.name != cmd)
            continue;
        try {
            return c.run(rest, ctx);
        } catch (const KkError& e) {
            return fail(ctx, e.error());
        }
    }
    if (handOver)
        return kHandOver;
    ctx.err << "error: unknown command '" << cmd << "' (run 'koppelkans-cli help')\n";
    return 2;
}

}  // namespace kk::cli
