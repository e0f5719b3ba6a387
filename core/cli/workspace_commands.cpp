// init, info, undo, redo, log, summary: the commands that need only the workspace store.
#include <nlohmann/json.hpp>

#include <array>
#include <ostream>

#include "core/base/paths.h"
#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/store/reference_data.h"
#include "core/store/repositories.h"
#include "core/store/summaries.h"
#include "core/store/workspace.h"

namespace kk::cli {

std::unique_ptr<Workspace> openOrFail(Context& ctx, const std::string& path, int& code,
                                      bool readOnly) {
    auto ws = Workspace::open(path, readOnly);
    if (!ws) {
        code = fail(ctx, ws.error());
        return nullptr;
    }
    if (!ctx.user.empty())
        ws.value()->setUser(ctx.user);
    if (!ws.value()->lastBackup().empty() && !ctx.json)
        ctx.err << "note: the workspace was upgraded; a copy of the old one is at "
                << ws.value()->lastBackup() << "\n";
    return std::move(ws).value();
}

int cmdInit(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {});
    if (a.positional.size() != 1)
        return usage(ctx, "init WORKSPACE.gpkg");
    auto ws = Workspace::create(a.positional[0]);
    if (!ws)
        return fail(ctx, ws.error());
    auto loaded = loadReferenceData(*ws.value(), dataDirectory());
    if (!loaded) {
        ws.value().reset();
        std::remove(a.positional[0].c_str());
        return fail(ctx, loaded.error());
    }
    if (ctx.json) {
        ctx.out << nlohmann::json{{"ok", true},
                                  {"workspace", a.positional[0]},
                                  {"municipalities", loaded.value().municipalities},
                                  {"classes", loaded.value().classes},
                                  {"mergers", loaded.value().mergers}}
                       .dump(2)
                << "\n";
    } else {
        ctx.out << "created " << a.positional[0] << " with " << loaded.value().municipalities
                << " municipality records, " << loaded.value().classes << " classifications and "
                << loaded.value().mergers << " mergers\n";
    }
    return 0;
}

int cmdInfo(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {});
    if (a.positional.size() != 1)
        return usage(ctx, "info WORKSPACE.gpkg");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, true);
    if (!ws)
        return code;
    const WorkspaceInfo info = ws->info();
    if (ctx.json) {
        nlohmann::json counts = nlohmann::json::object();
        for (const auto& [k, v] : info.counts)
            counts[k] = v;
        ctx.out << nlohmann::json{{"path", info.path},
                                  {"schema_version", info.schemaVersion},
                                  {"created_at", info.createdAt},
                                  {"created_by", info.createdBy},
                                  {"counts", counts}}
                       .dump(2)
                << "\n";
        return 0;
    }
    ctx.out << "workspace:      " << info.path << "\n"
            << "schema version: " << info.schemaVersion << "\n"
            << "created:        " << info.createdAt << " by " << info.createdBy << "\n";
    for (const auto& [k, v] : info.counts) {
        std::string label = k + ":";
        label.resize(20, ' ');
        ctx.out << "  " << label << v << "\n";
    }
    return 0;
}

namespace {

int undoOrRedo(const std::vector<std::string>& raw, Context& ctx, bool redo) {
    const Args a = parseArgs(raw, {});
    if (a.positional.size() != 1)
        return usage(ctx, redo ? "redo WORKSPACE" : "undo WORKSPACE");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, false);
    if (!ws)
        return code;
    auto r = redo ? ws->redo() : ws->undo();
    if (!r)
        return fail(ctx, r.error());
    if (ctx.json) {
        ctx.out << nlohmann::json{{"ok", true}, {redo ? "redone" : "undone", r.value().label}}.dump(
                       2)
                << "\n";
    } else {
        ctx.out << (redo ? "redone: " : "undone: ") << r.value().label << "\n";
    }
    return 0;
}

}  // namespace

int cmdUndo(const std::vector<std::string>& args, Context& ctx) {
    return undoOrRedo(args, ctx, false);
}
int cmdRedo(const std::vector<std::string>& args, Context& ctx) {
    return undoOrRedo(args, ctx, true);
}

int cmdLog(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"limit"});
    if (a.positional.size() != 1)
        return usage(ctx, "log WORKSPACE [--limit N]");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, true);
    if (!ws)
        return code;
    const int limit = std::stoi(a.get("limit", "50"));
    const auto entries = ws->log(limit);
    if (ctx.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& e : entries)
            list.push_back({{"id", e.id},
                            {"user", e.user},
                            {"at", e.at},
                            {"label", e.label},
                            {"state", e.state},
                            {"changes", e.changes}});
        ctx.out << list.dump(2) << "\n";
        return 0;
    }
    for (const auto& e : entries)
        ctx.out << "#" << e.id << "  " << e.at << "  " << e.user << "  [" << e.state << "]  "
                << e.label << "\n";
    return 0;
}

int cmdSummary(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {});
    if (a.positional.size() != 1)
        return usage(ctx, "summary WORKSPACE");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, true);
    if (!ws)
        return code;
    auto rows = budgetPerFundPerYear(*ws);
    if (!rows)
        return fail(ctx, rows.error());
    if (ctx.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : rows.value())
            list.push_back({{"fund", r.fundCode},
                            {"year", r.year},
                            {"planned_cents", r.planned.cents()},
                            {"awarded_cents", r.awarded.cents()}});
        ctx.out << list.dump(2) << "\n";
        return 0;
    }
    ctx.out << "fund,year,planned,awarded\n";
    for (const auto& r : rows.value())
        ctx.out << r.fundCode << "," << r.year << "," << r.planned.toString() << ","
                << r.awarded.toString() << "\n";
    return 0;
}

std::span<const Command> storeCommands() {
    static constexpr std::array<Command, 8> kCommands{{
        {"init", cmdInit},
        {"info", cmdInfo},
        {"undo", cmdUndo},
        {"redo", cmdRedo},
        {"log", cmdLog},
        {"summary", cmdSummary},
        {"import", cmdImportCsv},
        {"export", cmdExport},
    }};
    return kCommands;
}

}  // namespace kk::cli
