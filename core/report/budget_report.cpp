// Budget vs realised: planned cost items against expenses per year and per cost category.
#include <map>

#include "core/report/workspace_report_detail.h"
#include "core/store/summaries.h"
#include "core/store/workspace.h"

namespace kk::report {
namespace {

using namespace detail;

constexpr const char* kSource = "Werkruimte: kk_cost_item (gepland), kk_expense (gerealiseerd)";

Report build(Workspace& ws, const WorkspaceReportOptions& o, Progress& progress) {
    BuildSteps steps(progress, "budget-vs-realised", 4);
    Report r = newReport(ws, "Begroting en realisatie",
                         "Geplande kosten tegenover de uitgaven, per jaar en per kostensoort");
    std::int64_t project = 0;  // 0: every project (ids start at 1)
    if (!o.project.empty()) {
        project = projectIdByCode(ws, o.project);
        r.addParameter("Project", o.project);
    }
    // year -> planned, realised
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> years;
    // (category, year) -> planned, realised
    std::map<std::pair<std::string, std::int64_t>, std::pair<std::int64_t, std::int64_t>> cats;
    {
        auto st = ws.db().prepare(
            "SELECT category, year, SUM(amount) FROM kk_cost_item"
            " WHERE ?1 = 0 OR project_id = ?1 GROUP BY category, year");
        st.bind(1, project);
        while (st.step()) {
            years[st.getInt(1)].first += st.getInt(2);
            cats[{st.getText(0), st.getInt(1)}].first += st.getInt(2);
        }
    }
    steps.step();
    {
        // An expense belongs to the year of its date; its category is that of its cost item.
        auto st = ws.db().prepare(
            "SELECT COALESCE(c.category, '(niet gekoppeld)'),"
            " CAST(substr(e.date, 1, 4) AS INTEGER), SUM(e.amount) FROM kk_expense e"
            " LEFT JOIN kk_cost_item c ON c.id = e.cost_item_id"
            " WHERE ?1 = 0 OR e.project_id = ?1 GROUP BY 1, 2");
        st.bind(1, project);
        while (st.step()) {
            years[st.getInt(1)].second += st.getInt(2);
            cats[{st.getText(0), st.getInt(1)}].second += st.getInt(2);
        }
    }
    steps.step();

    Section& perYear = r.addSection("Begroting en realisatie per jaar");
    perYear.addText().add(
        "Gepland = de kostenposten van het jaar; gerealiseerd = de uitgaven met een datum in dat "
        "jaar, zonder btw. De realisatiegraad van het totaal is de verhouding van de totalen.");
    TableBlock& t = perYear.addTable("Gepland en gerealiseerd per jaar", kSource);
    t.unit = "euro";
    t.text("Jaar")
        .money("Gepland")
        .money("Gerealiseerd")
        .money("Nog te realiseren")
        .rateOf("Realisatiegraad", 2, 1)
        .withTotals();
    ChartBlock& chart =
        perYear.addChart(ChartKind::Line, "Verloop van gepland en gerealiseerd", kSource);
    chart.unit = "euro";
    chart.xAxisTitle = "jaar";
    chart.yAxisTitle = "euro";
    std::vector<Cell> planned;
    std::vector<Cell> realised;
    for (const auto& [year, v] : years) {
        t.addRow({std::to_string(year), money(v.first), money(v.second), money(v.first - v.second),
                  rateCell(v.second, v.first)});
        chart.addCategory(std::to_string(year));
        planned.push_back(money(v.first));
        realised.push_back(money(v.second));
    }
    chart.addSeries("Gepland", std::move(planned));
    chart.addSeries("Gerealiseerd", std::move(realised));

    Section& perCategory = r.addSection("Begroting en realisatie per kostensoort");
    TableBlock& c =
        perCategory.addTable("Gepland en gerealiseerd per kostensoort en jaar", kSource);
    c.unit = "euro";
    c.text("Kostensoort")
        .year("Jaar")
        .money("Gepland")
        .money("Gerealiseerd")
        .rateOf("Realisatiegraad", 3, 2)
        .withTotals();
    for (const auto& [key, v] : cats)
        c.addRow(
            {key.first, key.second, money(v.first), money(v.second), rateCell(v.second, v.first)});
    steps.step();

    if (project == 0) {
        // The budget each funder follows (core/store/summaries.h): the same figures as
        // `koppelkans-cli summary`.
        auto perFund = budgetPerFundPerYear(ws);
        if (!perFund)
            throw KkError(perFund.error());
        Section& funds = r.addSection("Geplande kost per fonds en jaar");
        funds.addText({}, TextStyle::Note)
            .add(
                "Een project met toekenningen van twee fondsen telt bij beide fondsen mee: dit "
                "is de begroting die elke financier opvolgt, geen verdeling.");
        TableBlock& f =
            funds.addTable("Geplande kost per fonds en jaar", "Werkruimte: kk_cost_item, kk_award");
        f.unit = "euro";
        f.text("Fonds")
            .text("Naam")
            .year("Jaar")
            .money("Gepland", TotalKind::None)
            .money("Toegekend (hele project)", TotalKind::None);
        for (const auto& row : perFund.value())
            f.addRow({row.fundCode, row.fundName, row.year, row.planned, row.awarded});
    }
    steps.step();
    return r;
}

}  // namespace

Result<Report> buildBudgetVsRealisedReport(Workspace& ws, const WorkspaceReportOptions& options,
                                           Progress& progress) {
    return guarded([&] { return build(ws, options, progress); });
}

}  // namespace kk::report
