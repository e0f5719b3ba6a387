// Workspace-wide validation for the problems pane.
#include "ui/views/workspace_checks.h"

#include <algorithm>
#include <set>

#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::ui {
namespace {

template <class E>
void validateAll(Workspace& ws, std::vector<Finding>& out) {
    for (const auto& e : Repository<E>(ws).list()) {
        auto findings = validate(e);
        out.insert(out.end(), findings.begin(), findings.end());
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
    validateAll<Expense>(ws, out);
    validateAll<Award>(ws, out);

    // A project without cost items cannot be allocated or reported on.
    std::set<std::int64_t> withCosts;
    for (const auto& item : Repository<CostItem>(ws).list())
        withCosts.insert(item.projectId.value);
    for (const auto& p : Repository<Project>(ws).list())
        if (!withCosts.count(p.id.value) && p.status != ProjectStatus::Cancelled)
            out.push_back({Severity::Info, "project", p.id.value, "cost_items",
                           "project " + p.code + " has no cost items",
                           "open the project and add its planned costs"});
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

}  // namespace kk::ui
