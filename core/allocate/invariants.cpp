// Invariant checker: recomputes every sum from the cells and compares it with every rule.
#include "core/allocate/invariants.h"

#include "core/allocate/strategy.h"

namespace kk::alloc {
namespace {

constexpr std::size_t kMaxViolations = 100;

class Checker {
  public:
    Checker(const PreparedProblem& p, const Allocation& a) : m_p(p), m_a(a) {}

    std::vector<Violation> run() {
        if (!checkShape())
            return m_out;
        sumCells();
        checkCoverage();
        checkLimits();
        checkTotals();
        checkPartners();
        checkTrace();
        return m_out;
    }

  private:
    static std::string money(std::int64_t c) { return Money::fromCents(c).format(); }

    void add(std::string code, std::string where, std::string what) {
        if (m_out.size() < kMaxViolations)
            m_out.push_back({std::move(code), std::move(where), std::move(what)});
    }
    std::string cellWhere(std::size_t i, std::size_t f) const {
        return itemWhere(m_p, i) + " × fund '" + m_p.funds[f].id + "'";
    }
    std::int64_t cell(std::size_t i, std::size_t f) const {
        return m_a.cells[m_p.cellIndex(i, f)].cents();
    }
    void over(std::int64_t used, std::int64_t limit, const char* code, const std::string& where,
              const std::string& name) {
        if (used > limit)
            add(code, where, name + ": " + money(used) + " is more than " + money(limit));
    }

    bool checkShape() {
        const std::size_t n = m_p.itemCount();
        const std::size_t m = m_p.fundCount();
        if (m_a.items.size() != n || m_a.fundIds.size() != m || m_a.cells.size() != n * m ||
            m_a.residual.size() != n || m_a.trace.size() != n * m || m_a.fundTotals.size() != m ||
            m_a.partners.size() != m_p.partners.size()) {
            add("shape", "allocation", "the matrix does not match the problem's items and funds");
            return false;
        }
        for (std::size_t i = 0; i < n; ++i)
            if (m_a.items[i].id != m_p.items[i].id)
                add("shape", itemWhere(m_p, i), "row holds item '" + m_a.items[i].id + "'");
        for (std::size_t f = 0; f < m; ++f)
            if (m_a.fundIds[f] != m_p.funds[f].id)
                add("shape", fundWhere(m_p, f), "column holds fund '" + m_a.fundIds[f] + "'");
        return m_out.empty();
    }

    void sumCells() {
        const std::size_t m = m_p.fundCount();
        const std::size_t np = m_p.partners.size();
        const std::size_t ny = m_p.years.size();
        m_fund.assign(m, 0);
        m_partner.assign(m * np, 0);
        m_year.assign(m * ny, 0);
        m_group.assign(m_p.groups.size(), 0);
        m_deMinimis.assign(np, 0);
        for (std::size_t i = 0; i < m_p.itemCount(); ++i) {
            const std::size_t pi = m_p.itemPartner[i];
            for (std::size_t f = 0; f < m; ++f) {
                const std::int64_t v = cell(i, f);
                m_fund[f] += v;
                m_partner[f * np + pi] += v;
                m_year[f * ny + m_p.itemYear[i]] += v;
                if (m_p.fundExternal[f])
                    m_external += v;
                if (m_p.funds[f].stateAid)
                    m_deMinimis[pi] += v;
            }
        }
        for (std::size_t g = 0; g < m_p.groups.size(); ++g)
            for (std::size_t f : m_p.groups[g].funds)
                m_group[g] += m_fund[f];
    }

    void checkCoverage() {
        for (std::size_t i = 0; i < m_p.itemCount(); ++i) {
            std::int64_t row = 0;
            for (std::size_t f = 0; f < m_p.fundCount(); ++f) {
                const std::int64_t v = cell(i, f);
                const std::size_t c = m_p.cellIndex(i, f);
                row += v;
                if (v < 0)
                    add("negative_cell", cellWhere(i, f), "cell is " + money(v));
                if (m_p.block[c] != Reason::None && v != 0)
                    add("eligibility", cellWhere(i, f),
                        "fund pays " + money(v) + " although " +
                            std::string(reasonName(m_p.block[c])));
                if (v > m_p.rateLimit[c])
                    add("rate", cellWhere(i, f),
                        "cell " + money(v) + " is above the rate limit " + money(m_p.rateLimit[c]));
            }
            const std::int64_t residual = m_a.residual[i].cents();
            if (residual < 0)
                add("coverage", itemWhere(m_p, i), "funds pay more than the cost");
            if (row + residual != m_p.amount[i])
                add("coverage", itemWhere(m_p, i),
                    "funds " + money(row) + " + residual " + money(residual) +
                        " differ from the cost " + money(m_p.amount[i]));
        }
    }

    void checkLimits() {
        const std::size_t np = m_p.partners.size();
        const std::size_t ny = m_p.years.size();
        for (std::size_t f = 0; f < m_p.fundCount(); ++f) {
            const std::string where = fundWhere(m_p, f);
            over(m_fund[f], m_p.fundLimit[f], "fund_limit", where, "budget / cap per project");
            for (std::size_t pi = 0; pi < np; ++pi)
                over(m_partner[f * np + pi], m_p.capPartner[f], "cap_per_partner",
                     where + " for partner '" + m_p.partners[pi].id + "'", "cap per partner");
            for (std::size_t y = 0; y < ny; ++y)
                over(m_year[f * ny + y], m_p.capYear[f], "cap_per_year",
                     where + " in " + std::to_string(m_p.years[y]), "cap per year");
        }
        for (std::size_t g = 0; g < m_p.groups.size(); ++g)
            over(m_group[g], m_p.groups[g].limit, "cumulation_ceiling",
                 "cumulation group '" + m_p.groups[g].group + "'", "ceiling");
        over(m_external, m_p.externalLimit, "min_own_contribution", "project",
             "external money (own contribution must stay at least " + money(m_p.minOwn) + ")");
        for (std::size_t pi = 0; pi < np; ++pi)
            over(m_deMinimis[pi], m_p.deMinimisHeadroom[pi], "de_minimis",
                 "partner '" + m_p.partners[pi].id + "'", "de minimis headroom");
    }

    void checkTotals() {
        for (std::size_t f = 0; f < m_p.fundCount(); ++f)
            if (m_a.fundTotals[f].cents() != m_fund[f])
                add("totals", fundWhere(m_p, f), "fund total disagrees with its cells");
        std::int64_t residual = 0;
        for (const Money& r : m_a.residual)
            residual += r.cents();
        if (m_a.externalTotal.cents() != m_external ||
            m_a.ownContributionTotal.cents() != m_p.totalCost - m_external ||
            m_a.residualTotal.cents() != residual || m_a.totalCost.cents() != m_p.totalCost)
            add("totals", "allocation", "project totals disagree with the cells");
    }

    void checkPartners() {
        std::int64_t parts = 0;
        Rate shares = Rate::zero();
        for (std::size_t pi = 0; pi < m_a.partners.size(); ++pi) {
            const PartnerResult& r = m_a.partners[pi];
            const std::string where = "partner '" + m_p.partners[pi].id + "'";
            if (r.partnerId != m_p.partners[pi].id)
                add("partners", where, "result holds partner '" + r.partnerId + "'");
            if (r.residualPart.isNegative())
                add("partners", where, "negative part " + r.residualPart.format());
            const auto& max = m_p.partners[pi].maxContribution;
            if (max && r.residualPart > *max)
                add("partners", where,
                    "part " + r.residualPart.format() + " is above its maximum " + max->format());
            parts += r.residualPart.cents();
            shares = shares + r.share;
        }
        if (!m_a.partners.empty() && parts != m_a.residualTotal.cents())
            add("partners", "cost-sharing key",
                "partner parts add up to " + money(parts) + ", not to the residual " +
                    m_a.residualTotal.format());
        if (m_p.costSharingKey && shares != Rate::one())
            add("partners", "cost-sharing key", "shares add up to " + shares.formatPercent());
    }

    bool reasonHolds(std::size_t i, std::size_t f, const CellTrace& t) const {
        const std::size_t np = m_p.partners.size();
        const std::size_t ny = m_p.years.size();
        const std::size_t pi = m_p.itemPartner[i];
        switch (t.reason) {
            case Reason::Rate:
                return cell(i, f) == m_p.rateLimit[m_p.cellIndex(i, f)];
            case Reason::PriorityExhausted:
            case Reason::CostCovered:
                return m_a.residual[i].isZero();
            case Reason::FundBudget:
            case Reason::CapPerProject:
                return m_fund[f] == m_p.fundLimit[f];
            case Reason::CapPerPartner:
                return m_partner[f * np + pi] == m_p.capPartner[f];
            case Reason::CapPerYear:
                return m_year[f * ny + m_p.itemYear[i]] == m_p.capYear[f];
            case Reason::CumulationCeiling:
                return t.group >= 0 && static_cast<std::size_t>(t.group) < m_group.size() &&
                       m_group[t.group] == m_p.groups[t.group].limit;
            case Reason::MinOwnContribution:
            case Reason::MayNotFundFully:
                return m_p.fundExternal[f] && m_external == m_p.externalLimit;
            case Reason::DeMinimis:
                return m_p.funds[f].stateAid && m_deMinimis[pi] == m_p.deMinimisHeadroom[pi];
            case Reason::StrategyChoice:
                return m_p.funds[f].rateMode != RateMode::Fixed;
            default:
                return false;
        }
    }

    void checkTrace() {
        for (std::size_t i = 0; i < m_p.itemCount(); ++i)
            for (std::size_t f = 0; f < m_p.fundCount(); ++f) {
                const std::size_t c = m_p.cellIndex(i, f);
                const CellTrace& t = m_a.trace[c];
                if (m_p.block[c] != Reason::None) {
                    if (t.reason != m_p.block[c])
                        add("trace", cellWhere(i, f),
                            "blocked cell explained as " + std::string(reasonName(t.reason)));
                    continue;
                }
                if (reasonHolds(i, f, t))
                    continue;
                if (t.reason == Reason::StrategyChoice)
                    add("fixed_rate", cellWhere(i, f),
                        "fixed-rate fund pays " + money(cell(i, f)) + " instead of " +
                            money(m_p.rateLimit[c]) + " and no limit is reached");
                else
                    add("trace", cellWhere(i, f),
                        "explained as " + std::string(reasonName(t.reason)) +
                            " but that limit is not reached");
            }
    }

    const PreparedProblem& m_p;
    const Allocation& m_a;
    std::vector<Violation> m_out;
    std::vector<std::int64_t> m_fund, m_partner, m_year, m_group, m_deMinimis;
    std::int64_t m_external = 0;
};

}  // namespace

std::vector<Violation> checkInvariants(const PreparedProblem& p, const Allocation& a) {
    return Checker(p, a).run();
}

Result<std::vector<Violation>> checkAllocation(const Problem& problem, const Allocation& a) {
    auto p = prepare(problem);
    if (!p)
        return p.error();
    return checkInvariants(p.value(), a);
}

std::vector<Violation> checkDeterministic(const AllocationStrategy& strategy,
                                          const Problem& problem) {
    std::vector<Violation> out;
    auto first = strategy.allocate(problem);
    auto second = strategy.allocate(problem);
    if (first.ok() != second.ok()) {
        out.push_back(
            {"determinism", "strategy " + strategy.name(), "one run failed and the other did not"});
        return out;
    }
    if (!first.ok()) {
        if (first.error().message() != second.error().message())
            out.push_back({"determinism", "strategy " + strategy.name(),
                           "the two runs failed with different errors"});
        return out;
    }
    const Allocation& a = first.value();
    const Allocation& b = second.value();
    if (a.cells != b.cells)
        out.push_back({"determinism", "strategy " + strategy.name(), "cells differ"});
    for (std::size_t k = 0; k < a.trace.size() && k < b.trace.size(); ++k)
        if (a.trace[k].reason != b.trace[k].reason) {
            out.push_back({"determinism", "strategy " + strategy.name(), "trace differs"});
            break;
        }
    for (std::size_t k = 0; k < a.partners.size() && k < b.partners.size(); ++k)
        if (a.partners[k].residualPart != b.partners[k].residualPart ||
            a.partners[k].share != b.partners[k].share)
            out.push_back({"determinism", "partner '" + a.partners[k].partnerId + "'",
                           "partner parts differ"});
    return out;
}

std::string describeViolations(const std::vector<Violation>& violations) {
    std::string out = std::to_string(violations.size()) +
                      (violations.size() >= kMaxViolations ? "+" : "") +
                      (violations.size() == 1 ? " invariant: " : " invariants: ");
    for (std::size_t k = 0; k < violations.size() && k < 5; ++k) {
        if (k > 0)
            out += "; ";
        out += violations[k].code + " at " + violations[k].where + ": " + violations[k].what;
    }
    return out;
}

}  // namespace kk::alloc
