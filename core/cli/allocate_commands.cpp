// allocate and allocate-runs: cost allocation of a project, a programme or the whole workspace
// (core/allocate), what-if comparisons of strategies, stored runs and what changed since.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <sstream>

#include "core/allocate/allocation_report.h"
#include "core/allocate/json.h"
#include "core/allocate/lua_strategy.h"
#include "core/allocate/run_store.h"
#include "core/allocate/workspace_problem.h"
#include "core/base/progress.h"
#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/plugin/allocation_problems.h"
#include "core/plugin/plugin_manager.h"
#include "core/report/writer.h"
#include "core/rules/script_library.h"
#include "core/rules/trust.h"

namespace kk::cli {
namespace {

constexpr const char* kAllocateSynopsis =
    "allocate WORKSPACE (--project CODE | --programme CODE | --all) "
    "[--strategy waterfall|pro_rata|maximise_external|lua:NAME] [--format table|json|xlsx] "
    "[--out FILE] [--save [--note TEXT]] [--explain] [--funds CODE,...] "
    "[--key CRITERION=WEIGHT,...] [--key-inputs FILE.csv] [--min-own RATE] "
    "[--ceiling GROUP=RATE,...] [--no-territory]\n"
    "       koppelkans-cli allocate WORKSPACE --project CODE --compare STRATEGY,STRATEGY[,...] "
    "[--funds CODE,...]";

/// The options that shape the problems; stored with a run so `--diff` maps the same way.
const std::vector<std::string> kMappingFlags = {"funds",   "key",     "key-inputs",
                                                "min-own", "ceiling", "no-territory"};

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ','))
        if (!part.empty())
            out.push_back(part);
    return out;
}

/// "a=50%,b=1/2" -> pairs of name and rate; errors name the flag and the entry.
Result<std::vector<std::pair<std::string, Rate>>> parseRates(const std::string& flag,
                                                             const std::string& text) {
    std::vector<std::pair<std::string, Rate>> out;
    for (const std::string& part : splitList(text)) {
        const auto eq = part.find('=');
        auto rate = eq == std::string::npos ? Result<Rate>(makeError("", ""))
                                            : Rate::parse(part.substr(eq + 1));
        if (eq == std::string::npos || !rate)
            return makeError("allocate.bad_option", "'" + part + "' is not NAME=RATE", "--" + flag,
                             "write e.g. --" + flag + " public=80%");
        out.emplace_back(part.substr(0, eq), rate.value());
    }
    return out;
}

Result<alloc::MappingOptions> mappingOptions(
    const std::vector<std::pair<std::string, std::string>>& flags) {
    alloc::MappingOptions o;
    for (const auto& [flag, value] : flags) {
        if (flag == "funds") {
            o.candidateFunds = splitList(value);
        } else if (flag == "key") {
            auto r = parseRates("key", value);
            if (!r)
                return r.error();
            o.keyWeights = std::move(r).value();
        } else if (flag == "key-inputs") {
            auto t = alloc::readKeyInputsCsv(value);
            if (!t)
                return t.error();
            o.keyInputs = std::move(t).value();
        } else if (flag == "min-own") {
            auto r = Rate::parse(value);
            if (!r)
                return makeError("allocate.bad_option", "'" + value + "' is not a rate",
                                 "--min-own", "write e.g. --min-own 10%");
            o.minOwnRate = r.value();
        } else if (flag == "ceiling") {
            auto r = parseRates("ceiling", value);
            if (!r)
                return r.error();
            for (const auto& [group, rate] : r.value())
                o.ceilings.push_back({group, rate});
        } else if (flag == "no-territory") {
            o.territory = false;
        }
    }
    return o;
}

/// Builds the problems of a scope ("project:X", "programme:X", "workspace") with the loaded
/// plugins' allocation hooks, as the workbench does.
Result<std::vector<alloc::ProjectProblem>> problemsFor(Workspace& ws, const std::string& scope,
                                                       alloc::MappingOptions options) {
    plugin::PluginManager plugins;
    plugins.loadFrom(plugin::PluginManager::defaultSearchPaths());
    return plugin::allocationProblems(plugins, ws, scope, std::move(options));
}

struct StrategyHandle {
    std::unique_ptr<rules::TrustStore> trust;
    std::unique_ptr<rules::ScriptLibrary> library;
    std::unique_ptr<alloc::AllocationStrategy> strategy;
};

Result<StrategyHandle> strategyFor(Workspace& ws, const std::string& name) {
    StrategyHandle h;
    if (name.rfind("lua:", 0) == 0) {
        auto trust = rules::TrustStore::load(rules::TrustStore::defaultPath());
        if (!trust)
            return trust.error();
        h.trust = std::make_unique<rules::TrustStore>(std::move(trust).value());
        h.library = std::make_unique<rules::ScriptLibrary>(
            rules::ScriptLibrary::defaultBundledDir(), &ws, h.trust.get());
    }
    auto s = alloc::makeAnyStrategy(name, h.library.get());
    if (!s)
        return s.error();
    h.strategy = std::move(s).value();
    return h;
}

void writeRunJson(Context& ctx, const alloc::AllocationRun& run) {
    nlohmann::json projects = nlohmann::json::array();
    for (std::size_t k = 0; k < run.allocations.size(); ++k)
        projects.push_back({{"project", run.problems[k].projectCode},
                            {"name", run.problems[k].projectName},
                            {"notes", run.problems[k].notes},
                            {"allocation", alloc::toJson(run.allocations[k])}});
    nlohmann::json out = {{"ok", true},
                          {"scope", run.scope},
                          {"strategy", run.strategy},
                          {"projects", std::move(projects)}};
    if (run.id)
        out["run_id"] = run.id;
    ctx.out << out.dump(2) << "\n";
}

void writeRunTable(std::ostream& out, const alloc::AllocationRun& run, bool explain) {
    for (std::size_t k = 0; k < run.allocations.size(); ++k) {
        const auto& p = run.problems[k];
        out << "project " << p.projectCode << " — " << p.projectName << " — strategy "
            << run.strategy << "\n";
        if (explain)
            for (const auto& n : p.notes)
                out << "  input: " << n << "\n";
        out << alloc::allocationTableText(run.allocations[k]);
        if (explain)
            out << "explanation:\n" << alloc::allocationExplanationText(run.allocations[k]);
        out << "\n";
    }
}

int compareStrategies(Context& ctx, Workspace& ws, const Args& a,
                      std::vector<alloc::ProjectProblem> problems) {
    const auto names = splitList(a.get("compare"));
    if (names.size() < 2 || problems.size() != 1)
        return usage(ctx, kAllocateSynopsis);
    std::vector<alloc::Allocation> results;
    for (const auto& name : names) {
        auto h = strategyFor(ws, name);
        if (!h)
            return fail(ctx, h.error());
        auto r = h.value().strategy->allocate(problems[0].problem);
        if (!r)
            return fail(ctx, r.error());
        results.push_back(std::move(r).value());
    }
    if (ctx.json) {
        nlohmann::json out = {{"ok", true}, {"project", problems[0].projectCode}};
        out["allocations"] = nlohmann::json::array();
        for (const auto& r : results)
            out["allocations"].push_back(alloc::toJson(r));
        out["comparisons"] = nlohmann::json::array();
        for (std::size_t k = 1; k < results.size(); ++k)
            out["comparisons"].push_back(
                alloc::toJson(alloc::compareAllocations(results[0], results[k])));
        ctx.out << out.dump(2) << "\n";
        return 0;
    }
    ctx.out << "what-if for project " << problems[0].projectCode << " (nothing is saved)\n\n";
    // Side by side: one column per strategy, per fund and per partner.
    ctx.out << "fund";
    for (const auto& r : results)
        ctx.out << "\t" << r.strategy;
    ctx.out << "\n";
    for (std::size_t f = 0; f < results[0].fundCount(); ++f) {
        ctx.out << results[0].fundIds[f];
        for (const auto& r : results)
            ctx.out << "\t" << r.fundTotals[f].format();
        ctx.out << "\n";
    }
    ctx.out << "external";
    for (const auto& r : results)
        ctx.out << "\t" << r.externalTotal.format();
    ctx.out << "\nown contribution";
    for (const auto& r : results)
        ctx.out << "\t" << r.ownContributionTotal.format();
    ctx.out << "\n";
    for (std::size_t p = 0; p < results[0].partners.size(); ++p) {
        ctx.out << "partner " << results[0].partners[p].partnerId << " pays";
        for (const auto& r : results)
            ctx.out << "\t" << r.partners[p].residualPart.format();
        ctx.out << "\n";
    }
    for (std::size_t k = 1; k < results.size(); ++k)
        ctx.out << "\n" << alloc::comparisonText(alloc::compareAllocations(results[0], results[k]));
    return 0;
}

}  // namespace

int cmdAllocate(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"project", "programme", "strategy", "format", "out", "note",
                                   "compare", "funds", "key", "key-inputs", "min-own", "ceiling"});
    const int scopes = int(a.has("project")) + int(a.has("programme")) + int(a.has("all"));
    if (a.positional.size() != 1 || scopes != 1)
        return usage(ctx, kAllocateSynopsis);
    const std::string format = a.get("format", ctx.json ? "json" : "table");
    if (format != "table" && format != "json" && format != "xlsx")
        return fail(ctx,
                    makeError("allocate.bad_option", "unknown format '" + format + "'", "--format",
                              "use table, json or xlsx"),
                    2);
    if (format == "xlsx" && a.get("out").empty())
        return fail(ctx,
                    makeError("allocate.bad_option", "--format xlsx needs --out FILE.xlsx", "--out",
                              "name the workbook to write"),
                    2);
    const bool save = a.has("save");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, !save);
    if (!ws)
        return code;

    std::vector<std::pair<std::string, std::string>> flags;
    for (const auto& [k, v] : a.options)
        if (std::find(kMappingFlags.begin(), kMappingFlags.end(), k) != kMappingFlags.end())
            flags.emplace_back(k, v);
    auto options = mappingOptions(flags);
    if (!options)
        return fail(ctx, options.error(), 2);
    const std::string scope = a.has("project")     ? "project:" + a.get("project")
                              : a.has("programme") ? "programme:" + a.get("programme")
                                                   : "workspace";
    auto problems = problemsFor(*ws, scope, std::move(options).value());
    if (!problems)
        return fail(ctx, problems.error());
    if (a.has("compare")) {
        if (!a.has("project") || save)
            return usage(ctx, kAllocateSynopsis);
        return compareStrategies(ctx, *ws, a, std::move(problems).value());
    }

    auto handle = strategyFor(*ws, a.get("strategy", "waterfall"));
    if (!handle)
        return fail(ctx, handle.error());
    alloc::AllocationRun run;
    run.scope = scope;
    run.strategy = handle.value().strategy->name();
    run.note = a.get("note");
    run.options = flags;
    if (const auto* lua =
            dynamic_cast<const alloc::LuaAllocationStrategy*>(handle.value().strategy.get())) {
        run.scriptName = lua->scriptName();
        run.scriptHash = lua->scriptHash();
    }
    run.problems = std::move(problems).value();
    std::vector<Error> failures;
    std::vector<alloc::ProjectProblem> solved;
    for (auto& p : run.problems) {
        auto r = handle.value().strategy->allocate(p.problem);
        if (!r) {
            Error e = r.error();
            e.where = "project " + p.projectCode + (e.where.empty() ? "" : ": " + e.where);
            failures.push_back(std::move(e));
            continue;
        }
        run.allocations.push_back(std::move(r).value());
        solved.push_back(std::move(p));
    }
    run.problems = std::move(solved);
    // Nothing half-written: a run with an infeasible project is reported, never saved.
    if (failures.size() == 1 && run.allocations.empty())
        return fail(ctx, failures.front());
    if (!failures.empty()) {
        for (const auto& e : failures)
            ctx.err << "error: " << e.message() << "\n";
        ctx.err << "error: " << failures.size() << " of "
                << failures.size() + run.allocations.size()
                << " projects cannot be allocated; nothing was saved\n";
        return 1;
    }
    if (save) {
        auto id = alloc::saveRun(*ws, run);
        if (!id)
            return fail(ctx, id.error());
        run.id = id.value();
    }
    if (format == "xlsx") {
        NoProgress progress;
        if (auto s = report::writeReport(alloc::allocationReport(run), a.get("out"), progress); !s)
            return fail(ctx, s.error());
        ctx.out << "wrote " << a.get("out") << " (" << run.allocations.size() << " project"
                << (run.allocations.size() == 1 ? "" : "s") << ")";
    } else if (format == "json") {
        writeRunJson(ctx, run);
    } else {
        writeRunTable(ctx.out, run, a.has("explain"));
    }
    if (run.id)
        ctx.out << (format == "json" ? "" : "saved as allocation run " + std::to_string(run.id));
    if (format == "xlsx" || (run.id && format != "json"))
        ctx.out << "\n";
    return 0;
}

int cmdAllocateRuns(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"diff"});
    if (a.positional.size() != 1)
        return usage(ctx, "allocate-runs WORKSPACE [--diff RUN_ID]");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, true);
    if (!ws)
        return code;
    if (!a.has("diff")) {
        auto runs = alloc::listRuns(*ws);
        if (!runs)
            return fail(ctx, runs.error());
        if (ctx.json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& r : runs.value())
                out.push_back({{"id", r.id},
                               {"scope", r.scope},
                               {"strategy", r.strategy},
                               {"user", r.user},
                               {"at", r.at},
                               {"note", r.note},
                               {"projects", r.projects},
                               {"total_cost", r.totalCost.toString()},
                               {"external", r.external.toString()}});
            ctx.out << nlohmann::json{{"ok", true}, {"runs", out}}.dump(2) << "\n";
            return 0;
        }
        if (runs.value().empty())
            ctx.out << "no stored allocation runs (save one with `allocate ... --save`)\n";
        for (const auto& r : runs.value())
            ctx.out << r.id << "  " << r.at << "  " << r.user << "  " << r.strategy << "  "
                    << r.scope << "  " << r.projects << " project(s), cost " << r.totalCost.format()
                    << ", external " << r.external.format()
                    << (r.note.empty() ? "" : "  — " + r.note) << "\n";
        return 0;
    }
    std::int64_t id = 0;
    try {
        id = std::stoll(a.get("diff"));
    } catch (const std::exception&) {
        return fail(ctx,
                    makeError("allocate.bad_option", "'" + a.get("diff") + "' is not a run id",
                              "--diff", "give a number from `allocate-runs W`"),
                    2);
    }
    auto run = alloc::loadRun(*ws, id);
    if (!run)
        return fail(ctx, run.error());
    auto handle = strategyFor(*ws, run.value().strategy);
    if (!handle)
        return fail(ctx, handle.error());
    // First: does the stored input still give the stored result?
    auto again = alloc::rerun(run.value(), *handle.value().strategy);
    if (!again)
        return fail(ctx, again.error());
    const auto replay = alloc::compareRuns(run.value().allocations, again.value());
    const bool reproduced =
        std::none_of(replay.begin(), replay.end(), [](const auto& c) { return c.changed; });
    // Then: what the same allocation gives on today's workspace.
    auto options = mappingOptions(run.value().options);
    if (!options)
        return fail(ctx, options.error());
    auto problems = problemsFor(*ws, run.value().scope, std::move(options).value());
    if (!problems)
        return fail(ctx, problems.error());
    std::vector<alloc::Allocation> now;
    for (const auto& p : problems.value()) {
        auto r = handle.value().strategy->allocate(p.problem);
        if (!r) {
            Error e = r.error();
            e.where = "project " + p.projectCode + (e.where.empty() ? "" : ": " + e.where);
            return fail(ctx, e);
        }
        now.push_back(std::move(r).value());
    }
    const auto* lua =
        dynamic_cast<const alloc::LuaAllocationStrategy*>(handle.value().strategy.get());
    const bool scriptChanged = lua != nullptr && !run.value().scriptHash.empty() &&
                               run.value().scriptHash != lua->scriptHash();
    const auto diff = alloc::compareRuns(run.value().allocations, now);
    std::size_t changed = 0;
    for (const auto& c : diff)
        changed += c.changed;
    if (ctx.json) {
        nlohmann::json projects = nlohmann::json::array();
        for (const auto& c : diff)
            if (c.changed)
                projects.push_back(
                    {{"project", c.projectId}, {"comparison", alloc::toJson(c.comparison)}});
        ctx.out << nlohmann::json{{"ok", true},
                                  {"run", id},
                                  {"reproduced", reproduced},
                                  {"script_changed", scriptChanged},
                                  {"projects_changed", changed},
                                  {"projects", projects}}
                       .dump(2)
                << "\n";
        return 0;
    }
    ctx.out << "run " << id << " (" << run.value().strategy << ", " << run.value().scope << ", "
            << run.value().at << " by " << run.value().user << ")\n"
            << (reproduced ? "reproduced: the stored input gives the stored result again\n"
                           : "NOT reproduced: the stored input now gives a different result "
                             "(the strategy or its script changed)\n")
            << (scriptChanged ? "the script " + run.value().scriptName +
                                    " changed since the run (other SHA-256)\n"
                              : "")
            << changed << " of " << diff.size()
            << " project(s) changed in the workspace since the run\n";
    for (const auto& c : diff)
        if (c.changed)
            ctx.out << "\nproject " << c.projectId << "\n" << alloc::comparisonText(c.comparison);
    return 0;
}

}  // namespace kk::cli
