// Saving, listing, loading, re-running and comparing allocation runs.
#include "core/allocate/run_store.h"

#include <map>

#include <nlohmann/json.hpp>

#include "core/allocate/json.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"

namespace kk::alloc {
namespace {

constexpr int kFormatVersion = 1;

Error damaged(std::int64_t id, const std::string& what, const std::string& path) {
    return makeError("allocate.run_damaged",
                     "stored allocation run " + std::to_string(id) + " cannot be read: " + what,
                     "kk_allocation_run " + std::to_string(id) + " " + path,
                     "run the allocation again and save it; the damaged run can be deleted");
}

}  // namespace

Result<std::int64_t> saveRun(Workspace& ws, const AllocationRun& run) {
    using nlohmann::json;
    json problems = json::array();
    for (const ProjectProblem& p : run.problems)
        problems.push_back({{"project", p.projectCode},
                            {"name", p.projectName},
                            {"notes", p.notes},
                            {"problem", toJson(p.problem)}});
    json options = json::array();
    for (const auto& [flag, value] : run.options)
        options.push_back({flag, value});
    json input = {{"version", kFormatVersion},
                  {"scope", run.scope},
                  {"strategy", run.strategy},
                  {"script", {{"name", run.scriptName}, {"sha256", run.scriptHash}}},
                  {"options", options},
                  {"problems", std::move(problems)}};
    json allocations = json::array();
    for (const Allocation& a : run.allocations)
        allocations.push_back(toJson(a));
    json result = {{"version", kFormatVersion}, {"allocations", std::move(allocations)}};
    try {
        ChangeSet cs(ws, "Allocation run (" + run.strategy + ", " + run.scope + ")");
        Row row;
        row.set("scope", run.scope)
            .set("strategy", run.strategy)
            .set("input_json", input.dump())
            .set("result_json", result.dump())
            .set("user", run.user.empty() ? ws.user() : run.user)
            .set("at", run.at.empty() ? Workspace::nowUtc() : run.at)
            .set("note", run.note);
        const std::int64_t id = cs.insert("kk_allocation_run", row);
        if (auto s = cs.commit(); !s)
            return s.error();
        return id;
    } catch (const KkError& e) {
        return e.error();
    } catch (const std::exception& e) {
        return makeError("allocate.save_run", e.what(), ws.path() + " kk_allocation_run",
                         "check that the workspace is writable");
    }
}

Result<std::vector<RunSummary>> listRuns(Workspace& ws) {
    std::vector<RunSummary> out;
    try {
        auto st = ws.db().prepare(
            "SELECT id, scope, strategy, user, at, note, result_json FROM kk_allocation_run "
            "ORDER BY id DESC");
        while (st.step()) {
            RunSummary s;
            s.id = st.getInt(0);
            s.scope = st.getText(1);
            s.strategy = st.getText(2);
            s.user = st.getText(3);
            s.at = st.getText(4);
            s.note = st.getText(5);
            const auto result = nlohmann::json::parse(st.getText(6), nullptr, false);
            if (result.is_object() && result.contains("allocations"))
                for (const auto& a : result["allocations"]) {
                    ++s.projects;
                    const auto& t = a.value("totals", nlohmann::json::object());
                    if (auto m = Money::parse(t.value("total_cost", "0")); m)
                        s.totalCost = s.totalCost + m.value();
                    if (auto m = Money::parse(t.value("external", "0")); m)
                        s.external = s.external + m.value();
                }
            out.push_back(std::move(s));
        }
    } catch (const KkError& e) {
        return e.error();
    }
    return out;
}

Result<AllocationRun> loadRun(Workspace& ws, std::int64_t id) {
    AllocationRun run;
    std::string inputText;
    std::string resultText;
    try {
        auto st = ws.db().prepare(
            "SELECT id, scope, strategy, user, at, note, input_json, result_json "
            "FROM kk_allocation_run WHERE id = ?");
        st.bind(1, id);
        if (!st.step())
            return makeError("allocate.unknown_run",
                             "no allocation run " + std::to_string(id) + " in this workspace",
                             ws.path(), "list the runs with `koppelkans-cli allocate-runs W`");
        run.id = st.getInt(0);
        run.scope = st.getText(1);
        run.strategy = st.getText(2);
        run.user = st.getText(3);
        run.at = st.getText(4);
        run.note = st.getText(5);
        inputText = st.getText(6);
        resultText = st.getText(7);
    } catch (const KkError& e) {
        return e.error();
    }
    const auto input = nlohmann::json::parse(inputText, nullptr, false);
    const auto result = nlohmann::json::parse(resultText, nullptr, false);
    if (!input.is_object() || !input.contains("problems") || !input["problems"].is_array())
        return damaged(id, "the input is not a run input", "input_json");
    if (!result.is_object() || !result.contains("allocations") || !result["allocations"].is_array())
        return damaged(id, "the result is not a run result", "result_json");
    if (input.contains("script") && input["script"].is_object()) {
        run.scriptName = input["script"].value("name", "");
        run.scriptHash = input["script"].value("sha256", "");
    }
    if (input.contains("options") && input["options"].is_array())
        for (const auto& o : input["options"])
            if (o.is_array() && o.size() == 2 && o[0].is_string() && o[1].is_string())
                run.options.emplace_back(o[0].get<std::string>(), o[1].get<std::string>());
    const auto& problems = input["problems"];
    for (std::size_t k = 0; k < problems.size(); ++k) {
        const auto& p = problems[k];
        const std::string path = "input_json.problems[" + std::to_string(k) + "]";
        if (!p.is_object() || !p.contains("problem"))
            return damaged(id, "a problem is missing", path);
        auto problem = problemFromJson(p["problem"]);
        if (!problem)
            return damaged(id, problem.error().what, path + "." + problem.error().where);
        ProjectProblem pp;
        pp.projectCode = p.value("project", "");
        pp.projectName = p.value("name", "");
        if (p.contains("notes") && p["notes"].is_array())
            for (const auto& n : p["notes"])
                if (n.is_string())
                    pp.notes.push_back(n.get<std::string>());
        pp.problem = std::move(problem).value();
        run.problems.push_back(std::move(pp));
    }
    const auto& allocations = result["allocations"];
    for (std::size_t k = 0; k < allocations.size(); ++k) {
        auto a = allocationFromJson(allocations[k]);
        if (!a)
            return damaged(id, a.error().what,
                           "result_json.allocations[" + std::to_string(k) + "]." + a.error().where);
        run.allocations.push_back(std::move(a).value());
    }
    return run;
}

Result<std::vector<Allocation>> rerun(const AllocationRun& run,
                                      const AllocationStrategy& strategy) {
    std::vector<Allocation> out;
    out.reserve(run.problems.size());
    for (const ProjectProblem& p : run.problems) {
        auto a = strategy.allocate(p.problem);
        if (!a) {
            Error e = a.error();
            e.where = "project " + p.projectCode + (e.where.empty() ? "" : ": " + e.where);
            return e;
        }
        out.push_back(std::move(a).value());
    }
    return out;
}

std::vector<ProjectComparison> compareRuns(const std::vector<Allocation>& before,
                                           const std::vector<Allocation>& after) {
    std::map<std::string, const Allocation*> a;
    std::map<std::string, const Allocation*> b;
    for (const Allocation& x : before)
        a.emplace(x.projectId, &x);
    for (const Allocation& x : after)
        b.emplace(x.projectId, &x);
    std::vector<std::string> ids;
    for (const auto& [id, x] : a)
        ids.push_back(id);
    for (const auto& [id, x] : b)
        if (!a.count(id))
            ids.push_back(id);
    std::vector<ProjectComparison> out;
    for (const std::string& id : ids) {
        Allocation emptyA;
        Allocation emptyB;
        emptyA.projectId = emptyB.projectId = id;
        const Allocation& x = a.count(id) ? *a.at(id) : emptyA;
        const Allocation& y = b.count(id) ? *b.at(id) : emptyB;
        ProjectComparison pc;
        pc.projectId = id;
        pc.comparison = compareAllocations(x, y);
        const auto& c = pc.comparison;
        pc.changed = c.external.diff().cents() != 0 || c.ownContribution.diff().cents() != 0 ||
                     !c.cells.empty() || !a.count(id) || !b.count(id);
        for (const auto& f : c.funds)
            pc.changed = pc.changed || f.total.diff().cents() != 0;
        for (const auto& p : c.partners)
            pc.changed = pc.changed || p.residualPart.diff().cents() != 0 ||
                         p.externalReceived.diff().cents() != 0;
        out.push_back(std::move(pc));
    }
    return out;
}

}  // namespace kk::alloc
