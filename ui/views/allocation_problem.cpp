// Reading a project into an allocation problem, and attaching funds as candidate awards.
#include "ui/views/allocation_problem.h"

#include <algorithm>
#include <map>

#include "core/store/changeset.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::ui {
namespace {

bool isOpenAward(const Award& a) {
    return a.status == AwardStatus::Candidate || a.status == AwardStatus::Granted;
}

alloc::Fund toAllocFund(const Fund& f, const Award& a) {
    alloc::Fund fund;
    fund.id = f.code;
    fund.name = f.name;
    fund.type = static_cast<alloc::FundType>(static_cast<int>(f.type));
    fund.maxRate = a.rate ? *a.rate : f.maxRate;
    fund.rateMode = f.rateKind == RateKind::Fixed ? alloc::RateMode::Fixed : alloc::RateMode::UpTo;
    fund.budget = a.amount;
    fund.capPerProject = f.capPerProject;
    fund.capPerPartner = f.capPerPartner;
    fund.capPerYear = f.capPerYear;
    fund.eligibleCategories = f.eligibleCategories;
    fund.priority = f.priority;
    if (!f.cumulationGroup.empty())
        fund.cumulationGroups.push_back(f.cumulationGroup);
    return fund;
}

}  // namespace

Result<alloc::Problem> projectProblem(Workspace& ws, ProjectId projectId,
                                      const std::set<std::string>& onlyFunds) {
    const auto project = Repository<Project>(ws).get(projectId.value);
    if (!project)
        return makeError(
            "allocate.unknown_project",
            "the project no longer exists (id " + std::to_string(projectId.value) + ")",
            "allocation", "close this tab and open the project again");
    const std::string where = "project " + project->code;
    Repository<Actor> actors(ws);
    std::map<std::int64_t, std::string> codes;
    auto codeOf = [&](std::int64_t id) -> std::string {
        if (auto it = codes.find(id); it != codes.end())
            return it->second;
        const auto a = actors.get(id);
        return codes[id] = a ? a->code : "actor-" + std::to_string(id);
    };

    alloc::Problem p;
    p.projectId = project->code;
    const auto items = Repository<CostItem>(ws).list(Query().where("project_id", projectId.value));
    if (items.empty())
        return makeError("allocate.no_costs", "the project has no cost items to allocate", where,
                         "enter cost items in the project's grid and save (Ctrl+S)");
    std::map<std::string, std::string> partners;  // code -> name, sorted by code
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
                                 " names no partner and the project has no "
                                 "applicant",
                             where + ", cost item " + c.code,
                             "fill in the partner column of the cost item (an actor code)");
        item.amount = c.amount;
        item.tags = c.tags;
        item.eligible = c.eligible;
        partners.emplace(item.partnerId, "");
        p.costItems.push_back(std::move(item));
    }
    for (const auto& [code, unused] : partners) {
        alloc::Partner partner;
        partner.id = code;
        if (const auto a = actors.findByCode(code))
            partner.name = a->name;
        p.partners.push_back(std::move(partner));
    }
    Repository<Fund> funds(ws);
    for (const Award& a :
         Repository<Award>(ws).list(Query().where("project_id", projectId.value))) {
        if (!isOpenAward(a))
            continue;
        const auto f = funds.get(a.fundId.value);
        if (!f)
            return makeError("allocate.unknown_fund",
                             "an award names fund id " + std::to_string(a.fundId.value) +
                                 ", which does not exist",
                             where + ", award " + std::to_string(a.id.value),
                             "run Extra › Werkruimte controleren (F7) and repair the award");
        if (!onlyFunds.empty() && !onlyFunds.contains(f->code))
            continue;
        p.funds.push_back(toAllocFund(*f, a));
    }
    return p;
}

std::vector<FundChoice> fundChoices(Workspace& ws, ProjectId project) {
    std::set<std::int64_t> attached;
    for (const Award& a : Repository<Award>(ws).list(Query().where("project_id", project.value)))
        if (isOpenAward(a))
            attached.insert(a.fundId.value);
    std::vector<FundChoice> out;
    for (const Fund& f : Repository<Fund>(ws).list(Query{{}, "code"}))
        out.push_back({f.id, f.code, f.name, attached.contains(f.id.value)});
    return out;
}

Money candidateAmount(const Fund& fund, Money eligibleCost) {
    Money amount = fund.maxRate.apply(eligibleCost);
    if (fund.capPerProject)
        amount = std::min(amount, *fund.capPerProject);
    if (fund.budget.cents() > 0)
        amount = std::min(amount, fund.budget);
    return amount;
}

Status attachFunds(Workspace& ws, ProjectId project, const std::vector<FundId>& fundIds,
                   const std::string& label) {
    try {
        Money eligible;
        for (const CostItem& c :
             Repository<CostItem>(ws).list(Query().where("project_id", project.value)))
            if (c.eligible)
                eligible += c.amount;
        std::set<std::int64_t> attached;
        for (const FundChoice& f : fundChoices(ws, project))
            if (f.attached)
                attached.insert(f.id.value);
        ChangeSet cs(ws, label);
        Repository<Fund> funds(ws);
        for (const FundId id : fundIds) {
            if (attached.contains(id.value))
                continue;
            const auto fund = funds.get(id.value);
            if (!fund)
                return makeError("allocate.unknown_fund",
                                 "fund id " + std::to_string(id.value) + " does not exist",
                                 "attach funds", "refresh the list (F5) and choose again");
            Award award;
            award.projectId = project;
            award.fundId = id;
            award.status = AwardStatus::Candidate;
            award.amount = candidateAmount(*fund, eligible);
            Repository<Award>(ws).insert(cs, award);
        }
        return cs.commit();
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk::ui
