// The allocation of one project's costs over its funds, with the reason for every cell
// (core/allocate cellText) and every partner's share (partnerText).
#include <map>

#include "core/allocate/strategy.h"
#include "core/report/allocation_input.h"
#include "core/report/workspace_report_detail.h"
#include "core/store/workspace.h"

namespace kk::report {
namespace {

using namespace detail;

constexpr const char* kSource = "Berekend met core/allocate uit kk_cost_item en kk_fund";

Report build(Workspace& ws, const WorkspaceReportOptions& o, Progress& progress) {
    BuildSteps steps(progress, "allocation", 4);
    auto strategy = alloc::makeStrategy(o.strategy);
    if (!strategy) {
        std::string names;
        for (const auto& n : alloc::builtinStrategyNames())
            names += (names.empty() ? "" : ", ") + n;
        throw KkError(makeError("report.unknown_strategy",
                                "there is no allocation strategy '" + o.strategy + "'",
                                "--strategy", "choose one of: " + names));
    }
    AllocationInput wp = problemForProject(ws, o.project);
    steps.step();
    auto result = strategy.value()->allocate(wp.problem);
    if (!result)
        throw KkError(result.error());
    const alloc::Allocation& a = result.value();
    steps.step();

    Report r = newReport(ws, "Kostenverdeling met toelichting",
                         "Project " + wp.projectCode + " " + wp.projectName);
    r.addParameter("Project", wp.projectCode).addParameter("Strategie", a.strategy);

    Section& split = r.addSection("Verdeling over de fondsen");
    TextBlock& intro = split.addText();
    intro.add("Elke kostenpost is verdeeld over de fondsen van het project met de strategie '" +
              a.strategy +
              "'. Wat geen fonds betaalt, is de eigen bijdrage van de partner die de "
              "kost draagt. Alle bedragen zijn exact tot op de cent; de toelichting per cel staat "
              "in het volgende hoofdstuk.");
    for (const auto& n : wp.notes)
        intro.add(n);
    for (const auto& n : a.notes)
        intro.add(n);
    TableBlock& t = split.addTable("Verdeling per kostenpost en fonds", kSource);
    t.unit = "euro";
    t.text("Kostenpost").text("Kostensoort").year("Jaar").text("Partner").money("Kost");
    for (std::size_t f = 0; f < a.fundCount(); ++f)
        t.money(a.fundIds[f]);
    t.money("Eigen bijdrage").withTotals();
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        const auto& item = a.items[i];
        Row row{item.id, item.category, item.year, item.partnerId, item.amount};
        for (std::size_t f = 0; f < a.fundCount(); ++f)
            row.emplace_back(a.cell(i, f));
        row.emplace_back(a.residual[i]);
        t.addRow(std::move(row));
    }
    ChartBlock& chart =
        split.addChart(ChartKind::StackedBar, "Financiering per kostenpost", kSource);
    chart.unit = "euro";
    chart.yAxisTitle = "euro";
    chart.valueLabels = a.items.size() <= 12;
    for (const auto& item : a.items)
        chart.addCategory(item.id);
    for (std::size_t f = 0; f < a.fundCount(); ++f) {
        if (a.fundTotals[f].isZero())
            continue;
        std::vector<Cell> values;
        for (std::size_t i = 0; i < a.items.size(); ++i)
            values.push_back(a.cell(i, f).isZero() ? Cell() : Cell(a.cell(i, f)));
        chart.addSeries(a.fundIds[f] + " " + a.fundNames[f], std::move(values));
    }
    if (!a.residualTotal.isZero()) {
        std::vector<Cell> rest;
        for (const Money& m : a.residual)
            rest.push_back(m.isZero() ? Cell() : Cell(m));
        chart.addSeries("Eigen bijdrage", std::move(rest));
    }

    TableBlock& cmp = split.addTable("Berekend tegenover toegekend", "kk_award (toegekend)");
    cmp.unit = "euro";
    cmp.text("Fonds")
        .text("Naam")
        .money("Berekend")
        .money("Toegekend")
        .money("Verschil")
        .withTotals();
    std::map<std::string, std::int64_t> granted(wp.granted.begin(), wp.granted.end());
    for (std::size_t f = 0; f < a.fundCount(); ++f) {
        const std::int64_t g = granted.count(a.fundIds[f]) ? granted[a.fundIds[f]] : 0;
        cmp.addRow({a.fundIds[f], a.fundNames[f], a.fundTotals[f], money(g),
                    money(a.fundTotals[f].cents() - g)});
    }
    steps.step();

    Section& why = r.addSection("Toelichting per cel");
    TableBlock& cells = why.addTable("Waarom elke cel dit bedrag heeft", kSource);
    cells.text("Kostenpost").text("Fonds").money("Bedrag").text("Toelichting").withTotals();
    for (std::size_t i = 0; i < a.items.size(); ++i)
        for (std::size_t f = 0; f < a.fundCount(); ++f)
            cells.addRow({a.items[i].id, a.fundIds[f], a.cell(i, f), alloc::cellText(a, i, f)});

    Section& partners = r.addSection("Partners");
    TableBlock& pt = partners.addTable("Kost en bijdrage per partner", kSource);
    pt.unit = "euro";
    pt.text("Partner")
        .text("Naam")
        .rate("Aandeel")
        .money("Kost")
        .money("Externe financiering")
        .money("Eigen fondsen")
        .money("Aandeel eigen bijdrage")
        .withTotals();
    TextBlock& pnotes = partners.addText("Toelichting per partner", TextStyle::Note);
    for (const auto& p : a.partners) {
        pt.addRow({p.partnerId, p.name, p.share, p.cost, p.externalReceived, p.internalFunds,
                   p.residualPart});
        pnotes.add(alloc::partnerText(p));
    }
    steps.step();
    return r;
}

}  // namespace

Result<Report> buildAllocationReport(Workspace& ws, const WorkspaceReportOptions& options,
                                     Progress& progress) {
    return guarded([&] { return build(ws, options, progress); });
}

}  // namespace kk::report
