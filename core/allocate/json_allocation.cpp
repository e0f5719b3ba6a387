// JSON of allocation results and comparisons (written for people and read back for storage).
#include "core/allocate/json.h"

namespace kk::alloc {
namespace {

using nlohmann::json;

json delta(const AmountDelta& d) {
    return {{"a", d.a.toString()}, {"b", d.b.toString()}, {"diff", d.diff().toString()}};
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw KkError(makeError("allocate.json", what, path,
                            "read a file written by toJson(Allocation) or repeat the run"));
}

const json& at(const json& j, const std::string& path, const char* key) {
    if (!j.is_object() || !j.contains(key))
        fail(path + "." + key, "missing field");
    return j.at(key);
}

Money money(const json& j, const std::string& path, const char* key) {
    const json& v = at(j, path, key);
    auto m = v.is_string() ? Money::parse(v.get<std::string>())
                           : Result<Money>(makeError("allocate.json", "expected an amount"));
    if (!m)
        fail(path + "." + key, m.error().what);
    return m.value();
}

Rate rate(const json& j, const std::string& path, const char* key) {
    const json& v = at(j, path, key);
    auto r = v.is_string() ? Rate::parse(v.get<std::string>())
                           : Result<Rate>(makeError("allocate.json", "expected a rate"));
    if (!r)
        fail(path + "." + key, r.error().what);
    return r.value();
}

std::string text(const json& j, const std::string& path, const char* key) {
    const json& v = at(j, path, key);
    if (!v.is_string())
        fail(path + "." + key, "expected text");
    return v.get<std::string>();
}

Allocation readAllocation(const json& j) {
    const std::string root = "allocation";
    Allocation a;
    a.projectId = text(j, root, "project");
    a.strategy = text(j, root, "strategy");
    const json& totals = at(j, root, "totals");
    a.totalCost = money(totals, root + ".totals", "total_cost");
    a.eligibleCost = money(totals, root + ".totals", "eligible_cost");
    a.externalTotal = money(totals, root + ".totals", "external");
    a.ownContributionTotal = money(totals, root + ".totals", "own_contribution");
    a.residualTotal = money(totals, root + ".totals", "residual");
    for (const json& g : at(j, root, "groups"))
        a.groupNames.push_back(g.get<std::string>());
    const json& funds = at(j, root, "funds");
    for (std::size_t f = 0; f < funds.size(); ++f) {
        const std::string path = root + ".funds[" + std::to_string(f) + "]";
        a.fundIds.push_back(text(funds[f], path, "id"));
        a.fundNames.push_back(text(funds[f], path, "name"));
        auto type = parseFundType(text(funds[f], path, "type"));
        if (!type)
            fail(path + ".type", type.error().what);
        a.fundTypes.push_back(type.value());
        a.fundRates.push_back(rate(funds[f], path, "max_rate"));
        a.fundTotals.push_back(money(funds[f], path, "total"));
    }
    const json& items = at(j, root, "items");
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string path = root + ".items[" + std::to_string(i) + "]";
        CostItem c;
        c.id = text(items[i], path, "id");
        c.category = text(items[i], path, "category");
        c.year = at(items[i], path, "year").get<int>();
        c.partnerId = text(items[i], path, "partner");
        c.amount = money(items[i], path, "amount");
        c.eligible = at(items[i], path, "eligible").get<bool>();
        c.tags = at(items[i], path, "tags").get<std::vector<std::string>>();
        a.items.push_back(std::move(c));
        a.generated.push_back(at(items[i], path, "generated").get<bool>());
        a.residual.push_back(money(items[i], path, "residual"));
    }
    const std::size_t m = a.fundIds.size();
    a.cells.assign(a.items.size() * m, Money());
    a.trace.assign(a.items.size() * m, CellTrace{});
    const json& cells = at(j, root, "cells");
    if (cells.size() != a.cells.size())
        fail(root + ".cells", "expected one cell per item and fund");
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const std::string path = root + ".cells[" + std::to_string(k) + "]";
        const std::size_t i = k / std::max<std::size_t>(m, 1);
        const std::size_t f = k % std::max<std::size_t>(m, 1);
        if (text(cells[k], path, "item") != a.items[i].id ||
            text(cells[k], path, "fund") != a.fundIds[f])
            fail(path, "cells are not in item-major order");
        a.cells[k] = money(cells[k], path, "amount");
        CellTrace& t = a.trace[k];
        auto reason = parseReason(text(cells[k], path, "reason"));
        if (!reason)
            fail(path + ".reason", reason.error().what);
        t.reason = reason.value();
        t.rateLimit = money(cells[k], path, "rate_limit");
        t.limit = money(cells[k], path, "limit");
        t.limitUsed = money(cells[k], path, "limit_used");
        t.group = at(cells[k], path, "group").get<std::int32_t>();
        for (const json& r : at(cells[k], path, "also_reached")) {
            auto also = parseReason(r.get<std::string>());
            if (!also)
                fail(path + ".also_reached", also.error().what);
            t.alsoTight |= 1u << static_cast<unsigned>(also.value());
        }
    }
    const json& partners = at(j, root, "partners");
    for (std::size_t k = 0; k < partners.size(); ++k) {
        const std::string path = root + ".partners[" + std::to_string(k) + "]";
        const json& e = partners[k];
        PartnerResult p;
        p.partnerId = text(e, path, "id");
        p.name = text(e, path, "name");
        p.share = rate(e, path, "share");
        p.shareExact = at(e, path, "share_exact").get<bool>();
        p.rawShare = text(e, path, "raw_share");
        p.adjustment = text(e, path, "adjustment");
        p.cost = money(e, path, "cost");
        p.externalReceived = money(e, path, "external_received");
        p.internalFunds = money(e, path, "internal_funds");
        p.residualPart = money(e, path, "residual_part");
        p.deMinimisPrior = money(e, path, "de_minimis_prior");
        p.deMinimisGranted = money(e, path, "de_minimis_granted");
        for (const json& c : at(e, path, "criteria")) {
            CriterionShare cs;
            cs.criterionId = text(c, path, "id");
            auto kind = parseCriterionKind(text(c, path, "kind"));
            if (!kind)
                fail(path + ".criteria.kind", kind.error().what);
            cs.kind = kind.value();
            cs.value = text(c, path, "value");
            cs.total = text(c, path, "total");
            cs.share = text(c, path, "share");
            cs.weight = rate(c, path, "weight");
            cs.contribution = text(c, path, "contribution");
            p.criteria.push_back(std::move(cs));
        }
        a.partners.push_back(std::move(p));
    }
    for (const json& n : at(j, root, "notes"))
        a.notes.push_back(n.get<std::string>());
    return a;
}

}  // namespace

json toJson(const Allocation& a) {
    json j;
    j["project"] = a.projectId;
    j["strategy"] = a.strategy;
    j["totals"] = {{"total_cost", a.totalCost.toString()},
                   {"eligible_cost", a.eligibleCost.toString()},
                   {"external", a.externalTotal.toString()},
                   {"own_contribution", a.ownContributionTotal.toString()},
                   {"residual", a.residualTotal.toString()}};
    j["groups"] = a.groupNames;
    j["funds"] = json::array();
    for (std::size_t f = 0; f < a.fundIds.size(); ++f)
        j["funds"].push_back({{"id", a.fundIds[f]},
                              {"name", a.fundNames[f]},
                              {"type", fundTypeName(a.fundTypes[f])},
                              {"max_rate", a.fundRates[f].toString()},
                              {"total", a.fundTotals[f].toString()}});
    j["items"] = json::array();
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        const CostItem& c = a.items[i];
        j["items"].push_back({{"id", c.id},
                              {"category", c.category},
                              {"year", c.year},
                              {"partner", c.partnerId},
                              {"amount", c.amount.toString()},
                              {"eligible", c.eligible},
                              {"tags", c.tags},
                              {"generated", static_cast<bool>(a.generated[i])},
                              {"residual", a.residual[i].toString()}});
    }
    j["cells"] = json::array();
    for (std::size_t i = 0; i < a.items.size(); ++i)
        for (std::size_t f = 0; f < a.fundIds.size(); ++f) {
            const CellTrace& t = a.cellTrace(i, f);
            json also = json::array();
            for (int r = 0; r <= static_cast<int>(Reason::StrategyChoice); ++r)
                if (t.alsoTight & (1u << r))
                    also.push_back(reasonName(static_cast<Reason>(r)));
            j["cells"].push_back({{"item", a.items[i].id},
                                  {"fund", a.fundIds[f]},
                                  {"amount", a.cell(i, f).toString()},
                                  {"reason", reasonName(t.reason)},
                                  {"rate_limit", t.rateLimit.toString()},
                                  {"limit", t.limit.toString()},
                                  {"limit_used", t.limitUsed.toString()},
                                  {"group", t.group},
                                  {"also_reached", also},
                                  {"text", cellText(a, i, f)}});
        }
    j["partners"] = json::array();
    for (const PartnerResult& p : a.partners) {
        json criteria = json::array();
        for (const CriterionShare& c : p.criteria)
            criteria.push_back({{"id", c.criterionId},
                                {"kind", criterionKindName(c.kind)},
                                {"value", c.value},
                                {"total", c.total},
                                {"share", c.share},
                                {"weight", c.weight.toString()},
                                {"contribution", c.contribution}});
        j["partners"].push_back({{"id", p.partnerId},
                                 {"name", p.name},
                                 {"share", p.share.toString()},
                                 {"share_percent", p.share.formatPercent()},
                                 {"share_exact", p.shareExact},
                                 {"raw_share", p.rawShare},
                                 {"adjustment", p.adjustment},
                                 {"cost", p.cost.toString()},
                                 {"external_received", p.externalReceived.toString()},
                                 {"internal_funds", p.internalFunds.toString()},
                                 {"residual_part", p.residualPart.toString()},
                                 {"de_minimis_prior", p.deMinimisPrior.toString()},
                                 {"de_minimis_granted", p.deMinimisGranted.toString()},
                                 {"criteria", criteria},
                                 {"text", partnerText(p)}});
    }
    j["notes"] = a.notes;
    return j;
}

Result<Allocation> allocationFromJson(const json& j) {
    try {
        return readAllocation(j);
    } catch (const KkError& e) {
        return e.error();
    } catch (const json::exception& e) {
        return makeError("allocate.json", std::string("malformed allocation JSON: ") + e.what(),
                         "allocation", "read a file written by toJson(Allocation)");
    }
}

json toJson(const AllocationComparison& c) {
    json j;
    j["strategy_a"] = c.strategyA;
    j["strategy_b"] = c.strategyB;
    j["external"] = delta(c.external);
    j["own_contribution"] = delta(c.ownContribution);
    j["funds"] = json::array();
    for (const FundDelta& f : c.funds)
        j["funds"].push_back({{"id", f.fundId}, {"name", f.name}, {"total", delta(f.total)}});
    j["partners"] = json::array();
    for (const PartnerDelta& p : c.partners)
        j["partners"].push_back({{"id", p.partnerId},
                                 {"residual_part", delta(p.residualPart)},
                                 {"external_received", delta(p.externalReceived)}});
    j["cells"] = json::array();
    for (const CellDelta& d : c.cells)
        j["cells"].push_back({{"item", d.itemId},
                              {"fund", d.fundId},
                              {"amount", delta(d.amount)},
                              {"reason_a", reasonName(d.reasonA)},
                              {"reason_b", reasonName(d.reasonB)}});
    return j;
}

}  // namespace kk::alloc
