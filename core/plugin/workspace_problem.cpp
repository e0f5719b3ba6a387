// Workspace -> alloc::Problem for one project.
#include "core/plugin/workspace_problem.h"

#include <map>
#include <set>

#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::plugin {

Result<alloc::Problem> workspaceProblem(Workspace& ws, ProjectId projectId,
                                        bool includeCandidates) {
    const auto project = Repository<Project>(ws).get(projectId.value);
    if (!project)
        return makeError("allocate.unknown_project",
                         "there is no project with id " + std::to_string(projectId.value),
                         "project", "pick a project from 'koppelkans-cli export WS projects'");
    const std::string where = "project " + project->code;
    Repository<Actor> actors(ws);
    std::map<std::int64_t, std::string> actorCode;
    auto codeOf = [&](std::int64_t id) -> std::string {
        if (auto it = actorCode.find(id); it != actorCode.end())
            return it->second;
        const auto a = actors.get(id);
        return actorCode[id] = a ? a->code : "actor-" + std::to_string(id);
    };

    alloc::Problem p;
    p.projectId = project->code;
    std::set<std::string> partnerIds;
    const auto items = Repository<CostItem>(ws).list(Query().where("project_id", projectId.value));
    if (items.empty())
        return makeError("allocate.no_costs", "the project has no cost items to allocate", where,
                         "add cost items first (import cost_items)");
    for (const CostItem& c : items) {
        alloc::CostItem item;
        item.id = c.code;
        item.category = c.category;
        item.year = c.year;
        if (c.partnerId)
            item.partnerId = codeOf(c.partnerId->value);
        else if (project->applicantId)
            item.partnerId = codeOf(project->applicantId->value);
        else
            return makeError("allocate.no_partner",
                             "cost item " + c.code +
                                 " names no partner and the project has "
                                 "no applicant",
                             where + ", cost item " + c.code,
                             "set the partner of the cost item or the project's applicant");
        item.amount = c.amount;
        item.tags = c.tags;
        item.eligible = c.eligible;
        partnerIds.insert(item.partnerId);
        p.costItems.push_back(std::move(item));
    }
    for (const std::string& id : partnerIds) {
        alloc::Partner partner;
        partner.id = id;
        if (const auto a = actors.findByCode(id))
            partner.name = a->name;
        p.partners.push_back(std::move(partner));
    }

    Repository<Fund> funds(ws);
    for (const Award& a :
         Repository<Award>(ws).list(Query().where("project_id", projectId.value))) {
        if (a.status != AwardStatus::Granted &&
            !(includeCandidates && a.status == AwardStatus::Candidate))
            continue;
        const auto f = funds.get(a.fundId.value);
        if (!f)
            return makeError("allocate.unknown_fund",
                             "an award names fund id " + std::to_string(a.fundId.value) +
                                 ", which does not exist",
                             where + ", award " + std::to_string(a.id.value),
                             "repair the award or run 'koppelkans-cli check'");
        alloc::Fund fund;
        fund.id = f->code;
        fund.name = f->name;
        fund.type = static_cast<alloc::FundType>(static_cast<int>(f->type));
        fund.maxRate = a.rate ? *a.rate : f->maxRate;
        fund.rateMode =
            f->rateKind == RateKind::Fixed ? alloc::RateMode::Fixed : alloc::RateMode::UpTo;
        fund.budget = a.amount;
        fund.capPerProject = f->capPerProject;
        fund.capPerPartner = f->capPerPartner;
        fund.capPerYear = f->capPerYear;
        fund.eligibleCategories = f->eligibleCategories;
        fund.priority = f->priority;
        if (!f->cumulationGroup.empty())
            fund.cumulationGroups.push_back(f->cumulationGroup);
        p.funds.push_back(std::move(fund));
    }
    return p;
}

}  // namespace kk::plugin
