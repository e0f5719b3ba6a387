// Validation of an allocation problem and its preparation (flat rates, limits in cents).
#include "core/allocate/prepared.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <utility>

namespace kk::alloc {
namespace {

std::string quoted(const std::string& id) {
    return "'" + id + "'";
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool rateInUnitRange(const Rate& r) {
    return !r.isNegative() && r <= Rate::one();
}

Error invalid(std::string code, std::string what, std::string where, std::string hint) {
    return makeError("allocate." + std::move(code), std::move(what), std::move(where),
                     std::move(hint));
}

Status checkPartners(const Problem& problem, std::unordered_map<std::string, std::size_t>& index) {
    for (std::size_t i = 0; i < problem.partners.size(); ++i) {
        const Partner& p = problem.partners[i];
        const std::string where = "partners[" + std::to_string(i) + "] " + quoted(p.id);
        if (p.id.empty())
            return invalid("missing_id", "a partner has no id", where, "give every partner an id");
        if (!index.emplace(p.id, i).second)
            return invalid("duplicate_id", "partner id " + quoted(p.id) + " is used twice", where,
                           "give every partner its own id");
        if (p.floorShare && !rateInUnitRange(*p.floorShare))
            return invalid("bad_share", "floor share must lie between 0 and 100 %",
                           where + ".floor_share", "correct the floor");
        if (p.capShare && !rateInUnitRange(*p.capShare))
            return invalid("bad_share", "cap share must lie between 0 and 100 %",
                           where + ".cap_share", "correct the cap");
        if (p.floorShare && p.capShare && *p.capShare < *p.floorShare)
            return invalid("contradictory_share", "the floor share is above the cap share", where,
                           "make the floor at most the cap");
        if (p.maxContribution && p.maxContribution->isNegative())
            return invalid("negative_amount", "maximum contribution is negative",
                           where + ".max_contribution", "give zero or a positive amount");
        for (std::size_t a = 0; a < p.priorAid.size(); ++a)
            if (p.priorAid[a].amount.isNegative())
                return invalid("negative_amount", "prior aid is negative",
                               where + ".prior_aid[" + std::to_string(a) + "]",
                               "give the aid received as a positive amount");
    }
    return {};
}

Status checkFund(const Fund& f, const std::string& where,
                 const std::unordered_map<std::string, std::size_t>& partnerIndex) {
    if (f.id.empty())
        return invalid("missing_id", "a fund has no id", where, "give every fund an id");
    if (f.maxRate.isNegative())
        return invalid("bad_rate", "maximum rate " + f.maxRate.formatPercent() + " is negative",
                       where + ".max_rate", "give a rate between 0 and 100 %");
    if (f.maxRate > Rate::one())
        return invalid("bad_rate",
                       "maximum rate " + f.maxRate.formatPercent() +
                           " is above 100 %: a fund "
                           "cannot pay more than the cost",
                       where + ".max_rate", "give a rate between 0 and 100 %");
    if (f.budget) {
        if (f.budget->isNegative() || f.budget->isZero())
            return invalid(
                "no_budget",
                "fund " + quoted(f.id) + " has no budget left (" + f.budget->format() + ")",
                where + ".budget",
                "remove the fund from this project or give its remaining budget");
    } else if (isExternal(f.type)) {
        return invalid("no_budget", "fund " + quoted(f.id) + " has no budget", where + ".budget",
                       "give the fund's remaining budget for this project");
    }
    const std::pair<const std::optional<Money>*, const char*> caps[] = {
        {&f.capPerProject, ".cap_per_project"},
        {&f.capPerPartner, ".cap_per_partner"},
        {&f.capPerYear, ".cap_per_year"}};
    for (const auto& [cap, field] : caps)
        if (*cap && (cap->value().isNegative() || cap->value().isZero()))
            return invalid("bad_cap", "a cap of " + cap->value().format() + " leaves nothing",
                           where + field, "give a positive cap or remove the fund");
    if (!f.partnerId.empty() && !partnerIndex.count(f.partnerId))
        return invalid("unknown_partner", "fund names unknown partner " + quoted(f.partnerId),
                       where + ".partner", "add the partner to partners or correct the id");
    return {};
}

Status checkItems(const Problem& problem,
                  const std::unordered_map<std::string, std::size_t>& partnerIndex) {
    std::set<std::string> ids;
    __int128 total = 0;
    for (std::size_t i = 0; i < problem.costItems.size(); ++i) {
        const CostItem& c = problem.costItems[i];
        const std::string where = "cost_items[" + std::to_string(i) + "] " + quoted(c.id);
        if (c.id.empty())
            return invalid("missing_id", "a cost item has no id", where, "give every item an id");
        if (!ids.insert(c.id).second)
            return invalid("duplicate_id", "cost item id " + quoted(c.id) + " is used twice", where,
                           "give every cost item its own id");
        if (c.amount.isNegative())
            return invalid("negative_amount", "cost amount " + c.amount.format() + " is negative",
                           where + ".amount",
                           "enter costs as positive amounts; book refunds as expenses");
        if (!partnerIndex.count(c.partnerId))
            return invalid("unknown_partner",
                           "cost item names unknown partner " + quoted(c.partnerId),
                           where + ".partner", "add the partner to partners or correct the id");
        total += c.amount.cents();
        if (total > PreparedProblem::kMaxTotalCents)
            return invalid("too_large", "the total cost is too large to allocate exactly", where,
                           "split the project");
    }
    return {};
}

Status checkFlatRates(const Problem& problem) {
    std::set<std::string> realCategories;
    for (const CostItem& c : problem.costItems)
        realCategories.insert(c.category);
    std::set<std::string> ids;
    std::set<std::string> flatCategories;
    for (const FlatRate& fr : problem.flatRates)
        flatCategories.insert(fr.category);
    for (std::size_t i = 0; i < problem.flatRates.size(); ++i) {
        const FlatRate& fr = problem.flatRates[i];
        const std::string where = "flat_rates[" + std::to_string(i) + "] " + quoted(fr.id);
        if (fr.id.empty() || !ids.insert(fr.id).second)
            return invalid("duplicate_id", "flat rate id is empty or used twice", where,
                           "give every flat rate its own id");
        if (!rateInUnitRange(fr.rate))
            return invalid("bad_rate",
                           "flat rate " + fr.rate.formatPercent() + " must lie between 0 and 100 %",
                           where + ".rate", "correct the rate");
        if (fr.baseCategories.empty())
            return invalid("contradictory_rules", "flat rate has no base categories",
                           where + ".base_categories", "name the categories it is a rate of");
        if (realCategories.count(fr.category))
            return invalid("contradictory_rules",
                           "category " + quoted(fr.category) +
                               " is paid as a flat rate and also has real cost items",
                           where + ".category", "remove the real items or the flat rate");
        if (std::count_if(problem.flatRates.begin(), problem.flatRates.end(),
                          [&](const FlatRate& o) { return o.category == fr.category; }) > 1)
            return invalid("contradictory_rules",
                           "two flat rates produce category " + quoted(fr.category),
                           where + ".category", "keep one flat rate per category");
        for (const std::string& base : fr.baseCategories)
            if (flatCategories.count(base))
                return invalid(
                    "contradictory_rules",
                    "flat rate is computed on " + quoted(base) + ", which is itself a flat rate",
                    where + ".base_categories",
                    "base flat rates on real costs only (as Jems does)");
    }
    return {};
}

void expandFlatRates(const Problem& problem, PreparedProblem& out) {
    for (const FlatRate& fr : problem.flatRates) {
        // One total per partner and year, rounded once (Jems: rates on category totals).
        std::map<std::pair<std::size_t, int>, std::int64_t> base;
        for (std::size_t i = 0; i < problem.costItems.size(); ++i) {
            const CostItem& c = problem.costItems[i];
            if (c.eligible && contains(fr.baseCategories, c.category))
                base[{out.itemPartner[i], c.year}] += c.amount.cents();
        }
        for (const auto& [key, cents] : base) {
            const Money value = fr.rate.apply(Money::fromCents(cents), Rounding::Down);
            if (value.isZero())
                continue;
            CostItem item;
            item.partnerId = out.partners[key.first].id;
            item.year = key.second;
            item.id = fr.id + ":" + item.partnerId + ":" + std::to_string(item.year);
            item.category = fr.category;
            item.amount = value;
            out.items.push_back(std::move(item));
            out.generated.push_back(true);
            out.itemPartner.push_back(key.first);
        }
    }
}

bool fundMayPay(const Fund& f, const CostItem& c, Reason& block) {
    if (!c.eligible) {
        block = Reason::ItemNotEligible;
        return false;
    }
    if (!f.eligibleCategories.empty() && !contains(f.eligibleCategories, c.category)) {
        block = Reason::CategoryNotEligible;
        return false;
    }
    if (!f.eligibleTags.empty() &&
        std::none_of(c.tags.begin(), c.tags.end(),
                     [&](const std::string& t) { return contains(f.eligibleTags, t); })) {
        block = Reason::TagNotEligible;
        return false;
    }
    block = Reason::None;
    return true;
}

Status prepareRules(const Problem& problem, PreparedProblem& out) {
    const Money eligible = Money::fromCents(out.eligibleCost);
    std::set<std::string> seen;
    for (std::size_t g = 0; g < problem.rules.ceilings.size(); ++g) {
        const CumulationCeiling& c = problem.rules.ceilings[g];
        const std::string where = "rules.ceilings[" + std::to_string(g) + "] " + quoted(c.group);
        if (!seen.insert(c.group).second)
            return invalid("duplicate_id", "two ceilings for group " + quoted(c.group), where,
                           "keep one ceiling per group");
        if (!rateInUnitRange(c.maxRate))
            return invalid("bad_rate",
                           "cumulation ceiling " + c.maxRate.formatPercent() +
                               " must lie between 0 and 100 % (never above the cost)",
                           where + ".max_rate", "correct the ceiling");
        GroupLimit limit{c.group, c.maxRate, c.maxRate.apply(eligible, Rounding::Down).cents(), {}};
        for (std::size_t f = 0; f < out.funds.size(); ++f)
            if (contains(out.funds[f].cumulationGroups, c.group)) {
                limit.funds.push_back(f);
                out.fundGroups[f].push_back(out.groups.size());
            }
        out.groups.push_back(std::move(limit));
    }

    const MinOwnContribution& m = problem.rules.minOwnContribution;
    std::int64_t minOwn = 0;
    if (m.rate) {
        if (!rateInUnitRange(*m.rate))
            return invalid("bad_rate", "minimum own contribution must lie between 0 and 100 %",
                           "rules.min_own_contribution.rate", "correct the rate");
        minOwn = m.rate->apply(eligible, Rounding::Up).cents();
    }
    if (m.amount) {
        if (m.amount->isNegative())
            return invalid("negative_amount", "minimum own contribution is negative",
                           "rules.min_own_contribution.amount", "give zero or more");
        minOwn = std::max(minOwn, m.amount->cents());
    }
    if (minOwn > out.eligibleCost)
        return invalid("infeasible",
                       "the minimum own contribution (" + Money::fromCents(minOwn).format() +
                           ") is more than the eligible cost (" + eligible.format() + ")",
                       "rules.min_own_contribution",
                       "lower the minimum or add the missing eligible costs");
    out.ruleMinOwn = minOwn;
    const bool flagged = std::any_of(out.funds.begin(), out.funds.end(),
                                     [](const Fund& f) { return f.mayNotFundFully; });
    if (flagged && out.eligibleCost > 0 && minOwn < 1) {
        minOwn = 1;
        out.minOwnFromFlag = true;
    }
    out.minOwn = minOwn;
    out.externalLimit = out.eligibleCost - minOwn;

    // Partners who can each pay only so much must together still carry the own contribution.
    bool allCapped = !out.partners.empty();
    __int128 canPay = 0;
    for (const Partner& p : out.partners) {
        allCapped = allCapped && p.maxContribution.has_value();
        if (p.maxContribution)
            canPay += p.maxContribution->cents();
    }
    const std::int64_t mustPay = minOwn + (out.totalCost - out.eligibleCost);
    if (allCapped && canPay < mustPay)
        return invalid("infeasible",
                       "the partners can pay at most " +
                           Money::fromCents(static_cast<std::int64_t>(canPay)).format() +
                           " but must bear at least " + Money::fromCents(mustPay).format() +
                           " (minimum own contribution plus ineligible costs)",
                       "partners[*].max_contribution",
                       "raise the partners' maximum contributions or lower the minimum");

    out.priorAid.assign(out.partners.size(), 0);
    out.deMinimisHeadroom.assign(out.partners.size(), PreparedProblem::kUnlimited);
    if (problem.rules.deMinimis) {
        const DeMinimisRule& d = *problem.rules.deMinimis;
        if (d.ceiling.isNegative() || d.ceiling.isZero() || d.years < 1)
            return invalid("bad_rule", "de minimis ceiling and period must be positive",
                           "rules.de_minimis", "e.g. ceiling 300000.00 over 3 years");
        out.deMinimis = true;
        const Date from = d.grantDate.addYears(-d.years);
        for (std::size_t p = 0; p < out.partners.size(); ++p) {
            std::int64_t sum = 0;
            for (const PriorAid& a : out.partners[p].priorAid)
                if (from < a.date && a.date <= d.grantDate)
                    sum += a.amount.cents();
            out.priorAid[p] = sum;
            out.deMinimisHeadroom[p] = std::max<std::int64_t>(0, d.ceiling.cents() - sum);
        }
    }
    return {};
}

}  // namespace

std::string fundWhere(const PreparedProblem& p, std::size_t fund) {
    return "funds[" + std::to_string(fund) + "] " + quoted(p.funds[fund].id);
}

std::string itemWhere(const PreparedProblem& p, std::size_t item) {
    return (p.generated[item] ? "flat-rate item " : "cost item ") + quoted(p.items[item].id);
}

Result<PreparedProblem> prepare(const Problem& problem) {
    PreparedProblem out;
    out.projectId = problem.projectId;
    out.partners = problem.partners;
    out.funds = problem.funds;
    out.costSharingKey = problem.costSharingKey;

    std::unordered_map<std::string, std::size_t> partnerIndex;
    if (Status s = checkPartners(problem, partnerIndex); !s)
        return s.error();
    if (Status s = checkItems(problem, partnerIndex); !s)
        return s.error();
    std::set<std::string> fundIds;
    for (std::size_t f = 0; f < problem.funds.size(); ++f) {
        const std::string where = "funds[" + std::to_string(f) + "] " + quoted(problem.funds[f].id);
        if (Status s = checkFund(problem.funds[f], where, partnerIndex); !s)
            return s.error();
        if (!fundIds.insert(problem.funds[f].id).second)
            return invalid("duplicate_id",
                           "fund id " + quoted(problem.funds[f].id) + " is used twice", where,
                           "give every fund its own id");
    }
    if (Status s = checkFlatRates(problem); !s)
        return s.error();

    out.items = problem.costItems;
    out.generated.assign(out.items.size(), false);
    for (const CostItem& c : problem.costItems)
        out.itemPartner.push_back(partnerIndex.at(c.partnerId));
    expandFlatRates(problem, out);

    const std::size_t n = out.items.size();
    const std::size_t m = out.funds.size();
    std::set<int> yearSet;
    for (const CostItem& c : out.items)
        yearSet.insert(c.year);
    out.years.assign(yearSet.begin(), yearSet.end());
    out.amount.reserve(n);
    out.itemYear.reserve(n);
    for (const CostItem& c : out.items) {
        out.amount.push_back(c.amount.cents());
        out.itemYear.push_back(static_cast<std::size_t>(
            std::lower_bound(out.years.begin(), out.years.end(), c.year) - out.years.begin()));
        out.totalCost += c.amount.cents();
        if (c.eligible)
            out.eligibleCost += c.amount.cents();
    }

    out.fundGroups.assign(m, {});
    for (const Fund& f : out.funds) {
        out.fundExternal.push_back(isExternal(f.type));
        const std::int64_t budget = f.budget ? f.budget->cents() : PreparedProblem::kUnlimited;
        const std::int64_t project =
            f.capPerProject ? f.capPerProject->cents() : PreparedProblem::kUnlimited;
        out.fundLimit.push_back(std::min(budget, project));
        out.fundLimitReason.push_back(budget <= project ? Reason::FundBudget
                                                        : Reason::CapPerProject);
        out.capPartner.push_back(f.capPerPartner ? f.capPerPartner->cents()
                                                 : PreparedProblem::kUnlimited);
        out.capYear.push_back(f.capPerYear ? f.capPerYear->cents() : PreparedProblem::kUnlimited);
    }
    if (Status s = prepareRules(problem, out); !s)
        return s.error();

    out.rateLimit.assign(n * m, 0);
    out.block.assign(n * m, Reason::None);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t f = 0; f < m; ++f) {
            Reason block = Reason::None;
            const std::size_t c = out.cellIndex(i, f);
            if (fundMayPay(out.funds[f], out.items[i], block))
                out.rateLimit[c] = out.funds[f].maxRate.apply(out.items[i].amount).cents();
            out.block[c] = block;
        }

    out.priorityOrder.resize(m);
    std::iota(out.priorityOrder.begin(), out.priorityOrder.end(), 0);
    std::stable_sort(out.priorityOrder.begin(), out.priorityOrder.end(),
                     [&](std::size_t a, std::size_t b) {
                         return out.funds[a].priority < out.funds[b].priority;
                     });
    out.priorityRank.assign(m, 0);
    for (std::size_t r = 0; r < m; ++r)
        out.priorityRank[out.priorityOrder[r]] = r;
    return out;
}

}  // namespace kk::alloc
