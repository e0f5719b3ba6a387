// From a strategy's cells to a checked Allocation: residuals, trace, partner shares.
#include <algorithm>
#include <unordered_map>

#include "core/allocate/cost_sharing.h"
#include "core/allocate/invariants.h"
#include "core/allocate/ledger.h"
#include "core/allocate/strategy.h"

namespace kk::alloc {
namespace {

Money cents(std::int64_t c) {
    return Money::fromCents(c);
}

/// The limit amount and its use for a reason on a cell, from the final ledger.
void fillLimit(const LimitLedger& l, std::size_t i, std::size_t f, const LimitLedger::Room& r,
               CellTrace& t) {
    const PreparedProblem& p = l.problem();
    const std::size_t c = p.cellIndex(i, f);
    switch (r.reason) {
        case Reason::Rate:
        case Reason::StrategyChoice:
            t.limit = cents(p.rateLimit[c]);
            t.limitUsed = cents(l.cell(i, f));
            break;
        case Reason::PriorityExhausted:
        case Reason::CostCovered:
            t.limit = cents(p.amount[i]);
            t.limitUsed = cents(p.amount[i] - l.itemRemaining(i));
            break;
        case Reason::FundBudget:
        case Reason::CapPerProject:
            t.limit = cents(p.fundLimit[f]);
            t.limitUsed = cents(l.fundUsed(f));
            break;
        case Reason::CapPerPartner:
            t.limit = cents(p.capPartner[f]);
            t.limitUsed = cents(l.partnerUsed(f, p.itemPartner[i]));
            break;
        case Reason::CapPerYear:
            t.limit = cents(p.capYear[f]);
            t.limitUsed = cents(l.yearUsed(f, p.itemYear[i]));
            break;
        case Reason::CumulationCeiling:
            t.limit = cents(p.groups[r.group].limit);
            t.limitUsed = cents(l.groupUsed(r.group));
            t.group = static_cast<std::int32_t>(r.group);
            break;
        case Reason::MinOwnContribution:
        case Reason::MayNotFundFully:
            t.limit = cents(p.externalLimit);
            t.limitUsed = cents(l.externalUsed());
            break;
        case Reason::DeMinimis:
            t.limit = cents(p.deMinimisHeadroom[p.itemPartner[i]]);
            t.limitUsed = cents(l.deMinimisUsed(p.itemPartner[i]));
            break;
        default:
            break;
    }
}

void buildTrace(const LimitLedger& l, Allocation& a) {
    const PreparedProblem& p = l.problem();
    const std::size_t m = p.fundCount();
    a.trace.assign(p.itemCount() * m, CellTrace{});
    std::vector<LimitLedger::Room> rooms;
    for (std::size_t i = 0; i < p.itemCount(); ++i) {
        for (std::size_t f = 0; f < m; ++f) {
            CellTrace& t = a.trace[p.cellIndex(i, f)];
            t.rateLimit = cents(p.rateLimit[p.cellIndex(i, f)]);
            l.rooms(i, f, rooms);
            if (rooms.front().reason != Reason::Rate) {  // blocked by eligibility
                t.reason = rooms.front().reason;
                continue;
            }
            const LimitLedger::Room* primary = nullptr;
            for (LimitLedger::Room& r : rooms) {
                if (r.cents > 0)
                    continue;
                if (r.reason == Reason::CostCovered) {
                    bool allEarlier = true;
                    for (std::size_t g = 0; g < m; ++g)
                        if (g != f && l.cell(i, g) > 0 && p.priorityRank[g] > p.priorityRank[f])
                            allEarlier = false;
                    if (allEarlier && l.cell(i, f) < p.rateLimit[p.cellIndex(i, f)])
                        r.reason = Reason::PriorityExhausted;
                }
                if (!primary)
                    primary = &r;
                else
                    t.alsoTight |= 1u << static_cast<unsigned>(r.reason);
            }
            LimitLedger::Room choice{0, Reason::StrategyChoice, 0};
            if (!primary)
                primary = &choice;
            t.reason = primary->reason;
            fillLimit(l, i, f, *primary, t);
        }
    }
}

Status buildPartners(const PreparedProblem& p, const LimitLedger& l, Allocation& a) {
    const std::size_t np = p.partners.size();
    std::vector<PartnerResult> out(np);
    std::vector<std::int64_t> residualOwn(np, 0);
    for (std::size_t i = 0; i < p.itemCount(); ++i) {
        const std::size_t pi = p.itemPartner[i];
        out[pi].cost += a.items[i].amount;
        residualOwn[pi] += a.residual[i].cents();
        for (std::size_t f = 0; f < p.fundCount(); ++f) {
            const std::int64_t v = l.cell(i, f);
            if (p.fundExternal[f])
                out[pi].externalReceived += cents(v);
            if (p.funds[f].stateAid)
                out[pi].deMinimisGranted += cents(v);
        }
    }
    for (std::size_t f = 0; f < p.fundCount(); ++f) {
        if (p.funds[f].partnerId.empty())
            continue;
        for (std::size_t pi = 0; pi < np; ++pi)
            if (p.partners[pi].id == p.funds[f].partnerId)
                out[pi].internalFunds += a.fundTotals[f];
    }
    if (p.costSharingKey) {
        auto key = applyCostSharingKey(p.partners, *p.costSharingKey, a.residualTotal);
        if (!key)
            return key.error();
        for (std::size_t pi = 0; pi < np; ++pi) {
            PartnerResult& k = key.value().partners[pi];
            k.cost = out[pi].cost;
            k.externalReceived = out[pi].externalReceived;
            k.internalFunds = out[pi].internalFunds;
            k.deMinimisGranted = out[pi].deMinimisGranted;
            out[pi] = std::move(k);
        }
    } else {
        // Without a key every partner bears the residual of its own cost items.
        for (std::size_t pi = 0; pi < np; ++pi) {
            out[pi].partnerId = p.partners[pi].id;
            out[pi].name = p.partners[pi].name;
            out[pi].residualPart = cents(residualOwn[pi]);
            out[pi].share = a.residualTotal.isZero()
                                ? Rate::zero()
                                : Rate::ofMoney(out[pi].residualPart, a.residualTotal);
            const auto& max = p.partners[pi].maxContribution;
            if (max && out[pi].residualPart > *max)
                return makeError(
                    "allocate.infeasible",
                    "partner '" + p.partners[pi].id + "' would have to pay " +
                        out[pi].residualPart.format() + " but can pay at most " + max->format(),
                    "partners[" + std::to_string(pi) + "].max_contribution",
                    "add a cost-sharing key so other partners take over, raise the maximum, "
                    "or find more funding");
        }
    }
    for (std::size_t pi = 0; pi < np; ++pi)
        out[pi].deMinimisPrior = cents(p.priorAid[pi]);
    a.partners = std::move(out);
    return {};
}

}  // namespace

Result<Allocation> finishAllocation(const PreparedProblem& p, std::string strategy,
                                    std::vector<std::int64_t> cells,
                                    std::vector<std::string> notes) {
    const std::size_t n = p.itemCount();
    const std::size_t m = p.fundCount();
    if (cells.size() != n * m)
        return makeError("allocate.bad_matrix",
                         "strategy '" + strategy + "' returned " + std::to_string(cells.size()) +
                             " cells for " + std::to_string(n) + " items × " + std::to_string(m) +
                             " funds",
                         "strategy " + strategy, "report this as a bug in the strategy");
    LimitLedger ledger(p);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t f = 0; f < m; ++f)
            if (const std::int64_t v = cells[p.cellIndex(i, f)]; v != 0)
                ledger.add(i, f, v);

    Allocation a;
    a.projectId = p.projectId;
    a.strategy = std::move(strategy);
    a.items = p.items;
    a.generated = p.generated;
    for (const Fund& f : p.funds) {
        a.fundIds.push_back(f.id);
        a.fundNames.push_back(f.name);
        a.fundTypes.push_back(f.type);
        a.fundRates.push_back(f.maxRate);
    }
    for (const GroupLimit& g : p.groups)
        a.groupNames.push_back(g.group);
    a.cells.reserve(cells.size());
    for (std::int64_t v : cells)
        a.cells.push_back(cents(v));
    a.fundTotals.assign(m, Money());
    a.residual.reserve(n);
    std::int64_t external = 0;
    std::int64_t residualTotal = 0;
    for (std::size_t i = 0; i < n; ++i) {
        a.residual.push_back(cents(ledger.itemRemaining(i)));
        residualTotal += ledger.itemRemaining(i);
    }
    for (std::size_t f = 0; f < m; ++f) {
        a.fundTotals[f] = cents(ledger.fundUsed(f));
        if (p.fundExternal[f])
            external += ledger.fundUsed(f);
    }
    a.totalCost = cents(p.totalCost);
    a.eligibleCost = cents(p.eligibleCost);
    a.externalTotal = cents(external);
    a.ownContributionTotal = cents(p.totalCost - external);
    a.residualTotal = cents(residualTotal);
    a.notes = std::move(notes);
    buildTrace(ledger, a);
    if (Status s = buildPartners(p, ledger, a); !s)
        return s.error();

    const std::vector<Violation> violations = checkInvariants(p, a);
    if (!violations.empty())
        return makeError("allocate.invariant",
                         "strategy '" + a.strategy + "' produced an allocation that breaks " +
                             describeViolations(violations),
                         "project '" + p.projectId + "'",
                         "this is a bug in the strategy; use another strategy meanwhile");
    return a;
}

Result<Allocation> completeAllocation(const Problem& problem, std::string strategy,
                                      const std::vector<CellAmount>& cells) {
    auto prepared = prepare(problem);
    if (!prepared)
        return prepared.error();
    const PreparedProblem& p = prepared.value();
    std::unordered_map<std::string, std::size_t> items;
    std::unordered_map<std::string, std::size_t> funds;
    for (std::size_t i = 0; i < p.itemCount(); ++i)
        items.emplace(p.items[i].id, i);
    for (std::size_t f = 0; f < p.fundCount(); ++f)
        funds.emplace(p.funds[f].id, f);
    std::vector<std::int64_t> matrix(p.itemCount() * p.fundCount(), 0);
    std::vector<bool> seen(matrix.size(), false);
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const CellAmount& c = cells[k];
        const std::string where = "strategy '" + strategy + "' cell " + std::to_string(k + 1) +
                                  " (" + c.itemId + " × " + c.fundId + ")";
        const auto it = items.find(c.itemId);
        const auto ft = funds.find(c.fundId);
        if (it == items.end() || ft == funds.end())
            return makeError("allocate.unknown_cell", "the cell names an unknown cost item or fund",
                             where, "use the ids of the problem (flat-rate items included)");
        const std::size_t idx = p.cellIndex(it->second, ft->second);
        if (seen[idx])
            return makeError("allocate.duplicate_cell", "the same cell is given twice", where,
                             "return each cost item × fund once");
        seen[idx] = true;
        if (c.amount.isNegative() || c.amount.cents() > p.amount[it->second])
            return makeError("allocate.bad_cell",
                             "the cell's amount " + c.amount.format() +
                                 " is negative or more than the cost " +
                                 p.items[it->second].amount.format(),
                             where, "return amounts between zero and the cost");
        matrix[idx] = c.amount.cents();
    }
    return finishAllocation(p, std::move(strategy), std::move(matrix));
}

}  // namespace kk::alloc
