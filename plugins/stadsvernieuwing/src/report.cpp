// The stadsvernieuwing programme report (kk::report::Report, written by core/report).
#include "plugins/stadsvernieuwing/src/report.h"

#include <fstream>
#include <map>

#include "core/plugin/data_table.h"
#include "core/store/repositories.h"
#include "plugins/stadsvernieuwing/src/programme.h"

namespace kk::plugins::stadsvernieuwing {
namespace {

/// An exact ratio as a decimal with two places (half up), for the leverage column.
report::Decimal asDecimal(const Rate& r) {
    const __int128 scaled =
        divideRounded(static_cast<__int128>(r.num()) * 100, r.den(), Rounding::HalfUp);
    return report::Decimal{static_cast<std::int64_t>(scaled), 2};
}

struct GrantRow {
    std::string instrument;
    int year = 0;
    std::string call;
    std::string project;
    std::string projectName;
    std::string cities;
    Money requested;
    Money granted;
    Money privateInvestment;
    std::optional<int> rank;
};

std::vector<GrantRow> grants(Workspace& ws) {
    auto st = ws.db().prepare(
        "SELECT f.instrument, f.year, c.code, p.code, p.name, a.municipalities, a.requested, "
        "aw.amount, a.private_investment, a.rank FROM kk_award aw "
        "JOIN stadsvernieuwing_fund f ON f.fund_id = aw.fund_id "
        "JOIN kk_project p ON p.id = aw.project_id "
        "LEFT JOIN kk_call c ON c.id = aw.call_id "
        "LEFT JOIN stadsvernieuwing_application a ON a.call_id = aw.call_id AND "
        "a.project_id = aw.project_id WHERE aw.status = 'granted' ORDER BY f.year, "
        "f.instrument, c.code, a.rank, p.code");
    std::vector<GrantRow> out;
    while (st.step()) {
        GrantRow g;
        g.instrument = st.getText(0);
        g.year = static_cast<int>(st.getInt(1));
        g.call = st.getText(2);
        g.project = st.getText(3);
        g.projectName = st.getText(4);
        g.cities = st.getText(5);
        g.requested = Money::fromCents(st.getInt(6));
        g.granted = Money::fromCents(st.getInt(7));
        g.privateInvestment = Money::fromCents(st.getInt(8));
        if (!st.isNull(9))
            g.rank = static_cast<int>(st.getInt(9));
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace

Result<std::vector<plugin::IndicatorValue>> leverage(Workspace& ws) {
    std::map<std::string, std::pair<Money, Money>> perProject;  // code -> subsidy, private
    std::map<std::string, std::string> names;
    Money subsidy;
    Money privateTotal;
    for (const auto& g : grants(ws)) {
        auto& [s, p] = perProject[g.project];
        s += g.granted;
        p += g.privateInvestment;
        names[g.project] = g.projectName;
        subsidy += g.granted;
        privateTotal += g.privateInvestment;
    }
    std::vector<plugin::IndicatorValue> out;
    Repository<Project> projects(ws);
    for (const auto& [code, sp] : perProject) {
        plugin::IndicatorValue v;
        v.subjectKind = "project";
        v.subjectId = projects.findByCode(code)->id.value;
        v.subjectName = code + " " + names[code];
        if (!sp.first.isZero())
            v.value = Rate::ofMoney(sp.second, sp.first);
        out.push_back(std::move(v));
    }
    plugin::IndicatorValue total;
    total.subjectKind = "programme";
    total.subjectName = "stadsvernieuwing";
    if (!subsidy.isZero())
        total.value = Rate::ofMoney(privateTotal, subsidy);
    else
        total.note = "no granted stadsvernieuwing subsidy yet";
    out.push_back(std::move(total));
    return out;
}

Result<std::map<int, Rate>> readIndexSeries(const std::string& path) {
    auto table = plugin::DataTable::read(path, path, {"year", "index"});
    if (!table)
        return table.error();
    std::map<int, Rate> out;
    try {
        for (const auto& row : table.value().rows()) {
            const Rate index = row.rate("index");
            if (!(Rate::zero() < index))
                return makeError("stadsvernieuwing.index", "the index must be above zero",
                                 row.where("index"), "correct the index series");
            out[static_cast<int>(row.integer("year"))] = index;
        }
    } catch (const KkError& e) {
        return e.error();
    }
    return out;
}

Result<report::Report> programmeReport(Workspace& ws, const Rules& rules,
                                       const plugin::Options& options, Progress& progress) {
    std::map<int, Rate> index;
    std::optional<int> baseYear;
    if (auto it = options.find("index"); it != options.end()) {
        auto series = readIndexSeries(it->second);
        if (!series)
            return series.error();
        index = std::move(series).value();
        baseYear = index.rbegin()->first;
        if (auto b = options.find("base_year"); b != options.end()) {
            baseYear = std::atoi(b->second.c_str());
            if (!index.count(*baseYear))
                return makeError("stadsvernieuwing.index",
                                 "the index series has no value for base year " + b->second,
                                 it->second, "add the year or choose another --base-year");
        }
    }
    report::Report r;
    r.title = "Stadsvernieuwing — programmarapport";
    r.subtitle = "Budget, toekenningen, hefboom en indicatoren";
    r.addParameter("Werkruimte", ws.path());
    if (baseYear)
        r.addParameter("Prijzen van", std::to_string(*baseYear));
    const auto all = grants(ws);

    // Budget per instrument and year.
    auto& budget = r.addSection("Budget per instrument en jaar")
                       .addTable("Budget en toekenningen per instrument en jaar",
                                 "fondsen uit plugins/stadsvernieuwing/data/instruments.csv");
    budget.text("Instrument").year("Jaar").money("Budget").money("Toegekend").money("Vrij");
    if (baseYear)
        budget.money("Toegekend (prijzen " + std::to_string(*baseYear) + ")");
    budget.withTotals();
    auto st = ws.db().prepare(
        "SELECT f.instrument, f.year, k.budget, (SELECT coalesce(sum(amount), 0) FROM kk_award "
        "WHERE fund_id = f.fund_id AND status = 'granted') FROM stadsvernieuwing_fund f JOIN "
        "kk_fund k ON k.id = f.fund_id ORDER BY f.year, f.instrument");
    while (st.step()) {
        const int year = static_cast<int>(st.getInt(1));
        const Money b = Money::fromCents(st.getInt(2));
        const Money g = Money::fromCents(st.getInt(3));
        report::Row row{st.getText(0), year, b, g, b - g};
        if (baseYear) {
            const auto it = index.find(year);
            if (it == index.end())
                return makeError("stadsvernieuwing.index",
                                 "the index series has no value for " + std::to_string(year),
                                 options.find("index")->second,
                                 "add that year to the index series");
            row.push_back((index.at(*baseYear) / it->second).apply(g, Rounding::HalfUp));
        }
        budget.addRow(std::move(row));
    }
    if (baseYear)
        budget.source += "; in prijzen van " + std::to_string(*baseYear) + " met de indexreeks " +
                         options.find("index")->second;
    progress.step(1, 4, "budget");

    // Awards.
    auto& awards = r.addSection("Toekenningen").addTable("Toegekende subsidies");
    awards.text("Oproep")
        .text("Instrument")
        .text("Project")
        .text("Steden")
        .integer("Rang", {}, report::TotalKind::None);
    awards.money("Gevraagd").money("Toegekend").withTotals();
    for (const auto& g : all)
        awards.addRow({g.call, g.instrument, g.project + " " + g.projectName, g.cities,
                       g.rank ? report::Cell(*g.rank) : report::Cell(), g.requested, g.granted});
    progress.step(2, 4, "awards");

    // Leverage.
    const auto bench = rules.leverageBenchmark(Date::today());
    auto& lev = r.addSection("Hefboom").addTable(
        "Private investering per subsidie-euro",
        bench ? "benchmark 1:" + asDecimal(bench->first).toString() + " — " + bench->second
              : std::string());
    lev.text("Project")
        .money("Subsidie")
        .money("Private investering")
        .decimal("Hefboom", 2, "€/€", report::TotalKind::None);
    lev.decimal("Benchmark", 2, "€/€", report::TotalKind::None).withTotals();
    std::map<std::string, std::pair<Money, Money>> perProject;
    for (const auto& g : all) {
        auto& [s, p] = perProject[g.project + " " + g.projectName];
        s += g.granted;
        p += g.privateInvestment;
    }
    for (const auto& [name, sp] : perProject)
        lev.addRow({name, sp.first, sp.second,
                    sp.first.isZero() ? report::Cell()
                                      : report::Cell(asDecimal(Rate::ofMoney(sp.second, sp.first))),
                    bench ? report::Cell(asDecimal(bench->first)) : report::Cell()});
    progress.step(3, 4, "leverage");

    // Indicator progress.
    auto& ind =
        r.addSection("Indicatoren")
            .addTable("Voortgang van de indicatoren", "kk_indicator, kk_target, kk_measurement");
    ind.text("Indicator").text("Eenheid").year("Jaar").text("Doel").text("Gemeten");
    auto is = ws.db().prepare(
        "SELECT i.code || ' ' || i.name, i.unit, t.year, t.value, (SELECT group_concat(m.value, "
        "'; ') FROM kk_measurement m WHERE m.indicator_id = i.id AND m.year = t.year) FROM "
        "kk_indicator i JOIN kk_programme pr ON pr.id = i.programme_id JOIN kk_target t ON "
        "t.indicator_id = i.id WHERE pr.plugin_id = 'stadsvernieuwing' ORDER BY i.code, t.year");
    while (is.step())
        ind.addRow({is.getText(0), is.getText(1), static_cast<int>(is.getInt(2)), is.getText(3),
                    is.isNull(4) ? std::string() : is.getText(4)});
    if (ind.rows.empty())
        r.sections.back()
            .addText({}, report::TextStyle::Note)
            .add("Er zijn nog geen doelen voor stadsvernieuwingsindicatoren in deze werkruimte.");
    progress.step(4, 4, "indicators");
    return r;
}

}  // namespace kk::plugins::stadsvernieuwing
