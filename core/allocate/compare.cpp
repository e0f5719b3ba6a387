// What-if comparison of two allocations, matched by id.
#include "core/allocate/compare.h"

#include <algorithm>
#include <map>
#include <utility>

namespace kk::alloc {
namespace {

/// Appends ids of `b` that `a` lacks, keeping a's order first.
std::vector<std::string> unionIds(std::vector<std::string> a, const std::vector<std::string>& b) {
    for (const std::string& id : b)
        if (std::find(a.begin(), a.end(), id) == a.end())
            a.push_back(id);
    return a;
}

std::map<std::pair<std::string, std::string>, std::pair<Money, Reason>> cellMap(
    const Allocation& x) {
    std::map<std::pair<std::string, std::string>, std::pair<Money, Reason>> out;
    for (std::size_t i = 0; i < x.items.size(); ++i)
        for (std::size_t f = 0; f < x.fundIds.size(); ++f)
            out[{x.items[i].id, x.fundIds[f]}] = {x.cell(i, f), x.cellTrace(i, f).reason};
    return out;
}

std::string signedMoney(Money m) {
    return (m.isNegative() || m.isZero() ? "" : "+") + m.format();
}

std::string row(const std::string& label, const AmountDelta& d) {
    std::string out = "  " + label;
    if (out.size() < 34)
        out.resize(34, ' ');
    return out + d.a.format() + "  ->  " + d.b.format() + "  (" + signedMoney(d.diff()) + ")\n";
}

}  // namespace

AllocationComparison compareAllocations(const Allocation& a, const Allocation& b) {
    AllocationComparison out;
    out.strategyA = a.strategy;
    out.strategyB = b.strategy;
    out.external = {a.externalTotal, b.externalTotal};
    out.ownContribution = {a.ownContributionTotal, b.ownContributionTotal};

    for (const std::string& id : unionIds(a.fundIds, b.fundIds)) {
        FundDelta d{id, {}, {}};
        for (std::size_t f = 0; f < a.fundIds.size(); ++f)
            if (a.fundIds[f] == id) {
                d.total.a = a.fundTotals[f];
                d.name = a.fundNames[f];
            }
        for (std::size_t f = 0; f < b.fundIds.size(); ++f)
            if (b.fundIds[f] == id) {
                d.total.b = b.fundTotals[f];
                d.name = d.name.empty() ? b.fundNames[f] : d.name;
            }
        out.funds.push_back(std::move(d));
    }

    std::vector<std::string> aPartners, bPartners;
    for (const PartnerResult& p : a.partners)
        aPartners.push_back(p.partnerId);
    for (const PartnerResult& p : b.partners)
        bPartners.push_back(p.partnerId);
    for (const std::string& id : unionIds(aPartners, bPartners)) {
        PartnerDelta d{id, {}, {}};
        for (const PartnerResult& p : a.partners)
            if (p.partnerId == id)
                d.residualPart.a = p.residualPart, d.externalReceived.a = p.externalReceived;
        for (const PartnerResult& p : b.partners)
            if (p.partnerId == id)
                d.residualPart.b = p.residualPart, d.externalReceived.b = p.externalReceived;
        out.partners.push_back(std::move(d));
    }

    const auto ca = cellMap(a);
    const auto cb = cellMap(b);
    std::vector<std::string> aItems, bItems;
    for (const CostItem& c : a.items)
        aItems.push_back(c.id);
    for (const CostItem& c : b.items)
        bItems.push_back(c.id);
    const std::vector<std::string> funds = unionIds(a.fundIds, b.fundIds);
    for (const std::string& item : unionIds(aItems, bItems))
        for (const std::string& fund : funds) {
            CellDelta d{item, fund, {}, Reason::None, Reason::None};
            if (const auto it = ca.find({item, fund}); it != ca.end())
                d.amount.a = it->second.first, d.reasonA = it->second.second;
            if (const auto it = cb.find({item, fund}); it != cb.end())
                d.amount.b = it->second.first, d.reasonB = it->second.second;
            if (d.amount.a != d.amount.b)
                out.cells.push_back(std::move(d));
        }
    return out;
}

std::string comparisonText(const AllocationComparison& c) {
    std::string out = "Comparison: " + c.strategyA + " -> " + c.strategyB + "\n";
    out += row("external money", c.external);
    out += row("own contribution", c.ownContribution);
    out += "Per fund:\n";
    for (const FundDelta& f : c.funds)
        out += row(f.fundId + (f.name.empty() ? "" : " (" + f.name + ")"), f.total);
    out += "Per partner (part of the residual own contribution):\n";
    for (const PartnerDelta& p : c.partners)
        out += row(p.partnerId, p.residualPart);
    out += "Cells that differ: " + std::to_string(c.cells.size()) + "\n";
    for (const CellDelta& d : c.cells)
        out += row(d.itemId + " x " + d.fundId, d.amount);
    return out;
}

}  // namespace kk::alloc
