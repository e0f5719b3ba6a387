// Whole-workspace validation over the repositories, with SQL for the two largest tables.
#include "core/store/workspace_checks.h"

#include <algorithm>

#include "core/store/coalition_keys.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

template <class E>
void validateAll(Workspace& ws, std::vector<Finding>& out) {
    for (const E& e : Repository<E>(ws).list()) {
        auto f = validate(e);
        out.insert(out.end(), f.begin(), f.end());
        if constexpr (requires { validateInWorkspace(ws, e); }) {
            auto more = validateInWorkspace(ws, e);
            out.insert(out.end(), more.begin(), more.end());
        }
    }
}

}  // namespace

std::vector<Finding> checkWorkspace(Workspace& ws) {
    std::vector<Finding> out;
    validateAll<Government>(ws, out);
    validateAll<Actor>(ws, out);
    validateAll<Coalition>(ws, out);
    validateAll<CoalitionMember>(ws, out);
    validateAll<Fund>(ws, out);
    validateAll<Call>(ws, out);
    validateAll<Project>(ws, out);
    validateAll<CostItem>(ws, out);
    validateAll<Award>(ws, out);
    // Expenses are the biggest table (2 million rows in the xl workspace); validate(Expense)
    // only checks that amounts are not negative, which SQL answers without loading them.
    {
        auto st = ws.db().prepare("SELECT id FROM kk_expense WHERE amount < 0 OR vat < 0");
        while (st.step())
            out.push_back({Severity::Error, "expense", st.getInt(0), "amount", "negative amount",
                           "amounts must be zero or more"});
    }
    // A project without cost items cannot be allocated or reported on.
    {
        auto st = ws.db().prepare(
            "SELECT p.id, p.code FROM kk_project p WHERE p.status <> 'cancelled' AND NOT EXISTS "
            "(SELECT 1 FROM kk_cost_item c WHERE c.project_id = p.id) ORDER BY p.id");
        while (st.step())
            out.push_back({Severity::Info, "project", st.getInt(0), "cost_items",
                           "project " + st.getText(1) + " has no cost items",
                           "open the project and add its planned costs"});
    }
    // A coalition's stored cost-sharing key as a whole (imports write it row by row).
    for (const auto& [coalitionId, key] : loadCoalitionKeys(ws)) {
        const auto c = Repository<Coalition>(ws).get(coalitionId);
        for (const Finding& f : validateKey(key))
            out.push_back(
                {f.severity, "coalition", coalitionId, "cost_sharing_key." + f.field,
                 "cost-sharing key of coalition " + (c ? c->code : "?") + ": " + f.message,
                 f.hint});
    }
    // Continuity after the funding ends is a programme requirement (seed-004 L561-565).
    for (const auto& c : Repository<Coalition>(ws).list())
        if (c.continuityPlan.empty() && !c.continuityActorId)
            out.push_back({Severity::Warning, "coalition", c.id.value, "continuity_plan",
                           "coalition " + c.code + " has no continuity plan",
                           "record who takes over after the funding ends"});

    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.entity != b.entity)
            return a.entity < b.entity;
        return a.id < b.id;
    });
    return out;
}

}  // namespace kk
