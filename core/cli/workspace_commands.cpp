// init, info, check, undo, redo, log.
#include <nlohmann/json.hpp>

#include <ostream>

#include "core/base/paths.h"
#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/model/validation.h"
#include "core/plugin/plugin_manager.h"
#include "core/store/reference_data.h"
#include "core/store/repositories.h"
#include "core/store/summaries.h"
#include "core/store/workspace.h"
#include "core/store/workspace_checks.h"

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

int cmdCheck(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {});
    if (a.positional.size() != 1)
        return usage(ctx, "check WORKSPACE.gpkg");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, true);
    if (!ws)
        return code;
    std::vector<std::string> integrity;
    {
        auto st = ws->db().prepare("PRAGMA integrity_check");
        while (st.step())
            integrity.push_back(st.getText(0));
    }
    std::vector<Finding> findings;
    {
        auto st = ws->db().prepare("PRAGMA foreign_key_check");
        while (st.step())
            findings.push_back({Severity::Error, st.getText(0), st.getInt(1), "",
                                "refers to a missing " + st.getText(2) + " row",
                                "restore the missing row or delete this one"});
    }
    const auto core = checkWorkspace(*ws);
    findings.insert(findings.end(), core.begin(), core.end());
    // The programme plugins' own whole-workspace checks (composition of W+L+S coalitions,
    // regiodeal co-financing, BBC preflight, ...) join the core findings.
    if (!a.has("no-plugins")) {
        plugin::PluginManager plugins;
        plugins.loadFrom(plugin::PluginManager::defaultSearchPaths());
        try {
            auto more = plugins.validate(*ws);
            findings.insert(findings.end(), more.begin(), more.end());
        } catch (const KkError& e) {
            findings.push_back({Severity::Warning, "plugin", 0, "",
                                "a plugin check could not run: " + e.error().message(),
                                "run 'koppelkans-cli plugins' to see the loaded plugins"});
        }
    }
    int errors = 0;
    int warnings = 0;
    for (const auto& f : findings) {
        if (f.severity == Severity::Error)
            ++errors;
        if (f.severity == Severity::Warning)
            ++warnings;
    }
    const bool integrityOk = integrity.size() == 1 && integrity[0] == "ok";
    if (ctx.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& f : findings)
            list.push_back({{"severity", toCode(f.severity)},
                            {"entity", f.entity},
                            {"id", f.id},
                            {"field", f.field},
                            {"message", f.message},
                            {"hint", f.hint}});
        ctx.out << nlohmann::json{{"integrity", integrityOk ? "ok" : "damaged"},
                                  {"errors", errors},
                                  {"warnings", warnings},
                                  {"findings", list}}
                       .dump(2)
                << "\n";
    } else {
        ctx.out << "integrity: " << (integrityOk ? "ok" : "DAMAGED") << "\n";
        if (!integrityOk)
            for (const auto& l : integrity)
                ctx.out << "  " << l << "\n";
        for (const auto& f : findings)
            ctx.out << toCode(f.severity) << ": " << f.entity << " " << f.id
                    << (f.field.empty() ? "" : ", " + f.field) << ": " << f.message
                    << (f.hint.empty() ? "" : " (" + f.hint + ")") << "\n";
        ctx.out << errors << " errors, " << warnings << " warnings\n";
    }
    return integrityOk && errors == 0 ? 0 : 1;
}

int cmdUndo(const std::vector<std::string>& raw, Context& ctx, bool redo) {
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

}  // namespace kk::cli
