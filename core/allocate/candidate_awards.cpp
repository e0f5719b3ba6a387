// Funds a project can get, and the candidate awards attaching them creates.
#include "core/allocate/candidate_awards.h"

#include <algorithm>
#include <set>

#include "core/store/changeset.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::alloc {
namespace {

bool isOpenAward(const Award& a) {
    return a.status == AwardStatus::Candidate || a.status == AwardStatus::Granted;
}

}  // namespace

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

}  // namespace kk::alloc
