// Text and report forms of allocation results.
#include "core/allocate/allocation_report.h"

#include <algorithm>
#include <sstream>

namespace kk::alloc {
namespace {

/// Money without the euro sign, for aligned columns: "1.234,56".
std::string amount(Money m) {
    std::string s = m.format();
    const auto space = s.find(' ');
    if (s.rfind("€", 0) == 0 && space != std::string::npos)
        s = s.substr(space + 1);
    return s;
}

/// Display width of UTF-8 text (code points), for padding.
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

std::string pad(const std::string& s, std::size_t w, bool right) {
    const std::size_t n = width(s);
    if (n >= w)
        return s;
    return right ? std::string(w - n, ' ') + s : s + std::string(w - n, ' ');
}

/// Rows of text cells printed with the first column left-aligned and the others right-aligned.
std::string grid(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> w;
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) {
            if (w.size() <= c)
                w.push_back(0);
            w[c] = std::max(w[c], width(r[c]));
        }
    std::ostringstream out;
    for (const auto& r : rows) {
        for (std::size_t c = 0; c < r.size(); ++c)
            out << (c ? "  " : "") << pad(r[c], w[c], c >= 2);
        out << "\n";
    }
    return out.str();
}

}  // namespace

std::string allocationTableText(const Allocation& a) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head = {"cost item", "partner", "amount"};
    for (const auto& id : a.fundIds)
        head.push_back(id);
    head.push_back("partners");
    rows.push_back(head);
    std::vector<Money> fundTotals(a.fundCount());
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        std::vector<std::string> r = {a.items[i].id + (a.generated[i] ? " (flat rate)" : ""),
                                      a.items[i].partnerId, amount(a.items[i].amount)};
        for (std::size_t f = 0; f < a.fundCount(); ++f)
            r.push_back(amount(a.cell(i, f)));
        r.push_back(amount(a.residual[i]));
        rows.push_back(std::move(r));
    }
    std::vector<std::string> total = {"total", "", amount(a.totalCost)};
    for (std::size_t f = 0; f < a.fundCount(); ++f)
        total.push_back(amount(a.fundTotals[f]));
    total.push_back(amount(a.residualTotal));
    rows.push_back(std::move(total));
    std::ostringstream out;
    out << grid(rows);
    out << "external " << amount(a.externalTotal) << ", own contribution "
        << amount(a.ownContributionTotal) << " of which " << amount(a.residualTotal)
        << " split over the partners\n";
    if (!a.partners.empty()) {
        std::vector<std::vector<std::string>> p = {
            {"partner", "name", "share", "cost", "external received", "pays"}};
        for (const auto& x : a.partners)
            p.push_back({x.partnerId, x.name, x.share.formatPercent(), amount(x.cost),
                         amount(x.externalReceived), amount(x.residualPart)});
        out << "\n" << grid(p);
    }
    for (const auto& n : a.notes)
        out << "note: " << n << "\n";
    return out.str();
}

std::string allocationExplanationText(const Allocation& a) {
    std::ostringstream out;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        for (std::size_t f = 0; f < a.fundCount(); ++f)
            if (!a.cell(i, f).isZero())
                out << "  " << a.items[i].id << " × " << a.fundIds[f] << ": " << cellText(a, i, f)
                    << "\n";
    for (const auto& p : a.partners)
        out << "  " << partnerText(p) << "\n";
    return out.str();
}

report::Report allocationReport(const AllocationRun& run, std::size_t detailedProjects) {
    report::Report r;
    r.title = "Kostenverdeling";
    r.subtitle = run.scope + " — " + run.strategy;
    r.addParameter("Strategie", run.strategy);
    r.addParameter("Bereik", run.scope);
    if (run.id)
        r.addParameter("Run", std::to_string(run.id));
    const std::string source = "Koppelkans allocation engine (" + run.strategy + ")";
    if (run.allocations.size() <= detailedProjects) {
        for (std::size_t k = 0; k < run.allocations.size(); ++k) {
            const Allocation& a = run.allocations[k];
            const ProjectProblem* pp = k < run.problems.size() ? &run.problems[k] : nullptr;
            auto& section = r.addSection(a.projectId + (pp ? " " + pp->projectName : ""));
            auto& matrix = section.addTable("Kostenpost × fonds " + a.projectId, source);
            matrix.text("Kostenpost").text("Partner").year("Jaar").money("Bedrag");
            for (const auto& id : a.fundIds)
                matrix.money(id);
            matrix.money("Partners");
            for (std::size_t i = 0; i < a.items.size(); ++i) {
                report::Row row = {a.items[i].id, a.items[i].partnerId,
                                   static_cast<std::int64_t>(a.items[i].year), a.items[i].amount};
                for (std::size_t f = 0; f < a.fundCount(); ++f)
                    row.emplace_back(a.cell(i, f));
                row.emplace_back(a.residual[i]);
                matrix.addRow(std::move(row));
            }
            matrix.withTotals();
            auto& partners = section.addTable("Partners " + a.projectId, source);
            partners.text("Partner")
                .text("Naam")
                .rate("Aandeel")
                .money("Kosten")
                .money("Externe financiering")
                .money("Eigen bijdrage");
            for (const auto& p : a.partners)
                partners.addRow(
                    {p.partnerId, p.name, p.share, p.cost, p.externalReceived, p.residualPart});
            partners.withTotals();
            auto& text = section.addText("Toelichting " + a.projectId);
            if (pp)
                for (const auto& n : pp->notes)
                    text.add(n);
            for (std::size_t i = 0; i < a.items.size(); ++i)
                for (std::size_t f = 0; f < a.fundCount(); ++f)
                    if (!a.cell(i, f).isZero())
                        text.add(a.items[i].id + " × " + a.fundIds[f] + ": " + cellText(a, i, f));
            for (const auto& p : a.partners)
                text.add(partnerText(p));
        }
        return r;
    }
    auto& section = r.addSection("Overzicht");
    auto& summary = section.addTable("Projecten", source);
    summary.text("Project")
        .money("Kosten")
        .money("Subsidiabel")
        .money("Extern")
        .money("Eigen bijdrage")
        .rateOf("Extern aandeel", 3, 1);
    for (const Allocation& a : run.allocations)
        summary.addRow(
            {a.projectId, a.totalCost, a.eligibleCost, a.externalTotal, a.ownContributionTotal,
             a.totalCost.isZero() ? Rate() : Rate::ofMoney(a.externalTotal, a.totalCost)});
    summary.withTotals();
    auto& cells = section.addTable("Cellen", source);
    cells.text("Project").text("Kostenpost").text("Fonds").money("Bedrag").text("Reden");
    for (const Allocation& a : run.allocations)
        for (std::size_t i = 0; i < a.items.size(); ++i)
            for (std::size_t f = 0; f < a.fundCount(); ++f)
                if (!a.cell(i, f).isZero())
                    cells.addRow({a.projectId, a.items[i].id, a.fundIds[f], a.cell(i, f),
                                  std::string(reasonName(a.cellTrace(i, f).reason))});
    cells.withTotals();
    return r;
}

}  // namespace kk::alloc
