// The portfolio: per area and per coalition, every programme, fund and euro that touches it,
// with a choropleth of the awarded funding per municipality.
#include <algorithm>
#include <map>
#include <set>

#include "core/report/project_areas.h"
#include "core/report/workspace_report_detail.h"
#include "core/store/workspace.h"

namespace kk::report {
namespace {

using namespace detail;

struct ProjectRow {
    std::int64_t id = 0;
    std::string coalitionCode;
    std::string coalitionName;
    std::int64_t cost = 0;
    std::int64_t granted = 0;
    std::int64_t expenses = 0;
    std::vector<std::string> programmes;
    struct AwardRow {
        std::string programme;
        std::string fund;
        std::string fundName;
        std::int64_t amount = 0;
    };
    std::vector<AwardRow> awards;
};

/// Totals of one portfolio line (an area or a coalition).
struct Line {
    std::string code;
    std::string name;
    std::int64_t projects = 0;
    std::int64_t cost = 0;
    std::int64_t granted = 0;
    std::int64_t expenses = 0;
    std::set<std::string> programmes;
    // (programme, fund, fund name) -> projects, granted
    std::map<std::tuple<std::string, std::string, std::string>,
             std::pair<std::int64_t, std::int64_t>>
        funds;
};

constexpr const char* kNoAward = "(nog geen toekenning)";
constexpr const char* kSource =
    "Werkruimte: kk_project, kk_cost_item, kk_award (toegekend), "
    "kk_expense";

std::vector<ProjectRow> loadProjects(Workspace& ws) {
    std::vector<ProjectRow> out;
    std::unordered_map<std::int64_t, std::size_t> byId;
    auto st = ws.db().prepare(
        "WITH c AS (SELECT project_id, SUM(amount) s FROM kk_cost_item GROUP BY project_id),"
        " a AS (SELECT project_id, SUM(amount) s FROM kk_award WHERE status = 'granted'"
        "       GROUP BY project_id),"
        " e AS (SELECT project_id, SUM(amount) s FROM kk_expense GROUP BY project_id) "
        "SELECT p.id, COALESCE(co.code, ''), COALESCE(co.name, ''), COALESCE(c.s, 0),"
        " COALESCE(a.s, 0), COALESCE(e.s, 0) FROM kk_project p"
        " LEFT JOIN kk_coalition co ON co.id = p.coalition_id"
        " LEFT JOIN c ON c.project_id = p.id LEFT JOIN a ON a.project_id = p.id"
        " LEFT JOIN e ON e.project_id = p.id ORDER BY p.id");
    while (st.step()) {
        byId[st.getInt(0)] = out.size();
        out.push_back({st.getInt(0),
                       st.getText(1),
                       st.getText(2),
                       st.getInt(3),
                       st.getInt(4),
                       st.getInt(5),
                       {},
                       {}});
    }
    auto pp = ws.db().prepare(
        "SELECT pp.project_id, g.code FROM kk_project_programme pp"
        " JOIN kk_programme g ON g.id = pp.programme_id ORDER BY pp.project_id, g.code");
    while (pp.step())
        if (auto it = byId.find(pp.getInt(0)); it != byId.end())
            out[it->second].programmes.push_back(pp.getText(1));
    auto aw = ws.db().prepare(
        "SELECT w.project_id, COALESCE(g.code, ''), f.code, f.name, w.amount FROM kk_award w"
        " JOIN kk_fund f ON f.id = w.fund_id LEFT JOIN kk_programme g ON g.id = f.programme_id"
        " WHERE w.status = 'granted' ORDER BY w.project_id, f.priority, f.code");
    while (aw.step())
        if (auto it = byId.find(aw.getInt(0)); it != byId.end())
            out[it->second].awards.push_back(
                {aw.getText(1), aw.getText(2), aw.getText(3), aw.getInt(4)});
    return out;
}

/// Adds `share` of a project to a line; `amounts` are the project's cost, granted, expenses
/// and awards already split for this line.
void addTo(Line& line, const ProjectRow& p, std::int64_t cost, std::int64_t granted,
           std::int64_t expenses, const std::vector<std::int64_t>& awards) {
    ++line.projects;
    line.cost += cost;
    line.granted += granted;
    line.expenses += expenses;
    std::set<std::string> funded;
    for (std::size_t i = 0; i < p.awards.size(); ++i) {
        const auto& a = p.awards[i];
        auto& f = line.funds[{a.programme, a.fund, a.fundName}];
        ++f.first;
        f.second += awards[i];
        funded.insert(a.programme);
        if (!a.programme.empty())
            line.programmes.insert(a.programme);
    }
    for (const auto& g : p.programmes) {
        line.programmes.insert(g);
        if (!funded.count(g))
            ++line.funds[{g, "", kNoAward}].first;
    }
}

std::string joined(const std::set<std::string>& items) {
    std::string s;
    for (const auto& i : items)
        s += (s.empty() ? "" : ", ") + i;
    return s;
}

void addLineTables(Section& s, const std::string& what, const std::vector<Line>& lines,
                   bool projectTotals, BuildSteps& steps) {
    TableBlock& overview = s.addTable("Overzicht per " + what, kSource);
    overview.unit = "euro";
    overview.text(what == "gebied" ? "Gebied" : "Coalitie")
        .text("Naam")
        .integer("Projecten", {}, projectTotals ? TotalKind::Sum : TotalKind::None)
        .text("Programma's")
        .money("Totale kost")
        .money("Toegekend")
        .money("Uitgaven")
        .rateOf("Subsidiegraad", 5, 4)
        .withTotals();
    overview.columns[0].grouping = false;
    TableBlock& funds = s.addTable("Programma's en fondsen per " + what, kSource);
    funds.unit = "euro";
    funds.text(what == "gebied" ? "Gebied" : "Coalitie")
        .text("Programma")
        .text("Fonds")
        .text("Naam fonds")
        .integer("Projecten", {}, TotalKind::None)
        .money("Toegekend")
        .withTotals();
    for (const Line& l : lines) {
        steps.step();
        overview.addRow({l.code, l.name, l.projects, joined(l.programmes), money(l.cost),
                         money(l.granted), money(l.expenses), rateCell(l.granted, l.cost)});
        for (const auto& [key, v] : l.funds) {
            const auto& [programme, fund, fundName] = key;
            funds.addRow({l.code, programme, fund, fundName, v.first, money(v.second)});
        }
    }
}

Report build(Workspace& ws, const WorkspaceReportOptions& o, Progress& progress) {
    BuildSteps steps(progress, "portfolio", 2);
    Report r = newReport(ws, "Portfolio per gebied en per coalitie",
                         "Alle programma's, fondsen en euro's per gebied en per coalitie");
    std::optional<std::int64_t> coalition;
    if (!o.coalition.empty()) {
        coalition = coalitionIdByCode(ws, o.coalition);
        r.addParameter("Coalitie", o.coalition);
    }
    if (!o.area.empty()) {
        if (ws.db().prepare("SELECT 1 FROM areas WHERE code = ?").bind(1, o.area).step() == false)
            throw KkError(unknownCode("area", o.area, "--area", "'koppelkans-cli areas list'"));
        r.addParameter("Gebied", o.area);
    }
    const auto projects = loadProjects(ws);
    steps.step();
    steps.setLabel("portfolio: gebieden bepalen");
    const ProjectAreas pa = resolveProjectAreas(ws, steps);
    steps.setLabel("portfolio: optellen");
    steps.addTotal(static_cast<std::int64_t>(projects.size()));

    std::vector<Line> areaLines(pa.areas.size());
    for (std::size_t i = 0; i < pa.areas.size(); ++i)
        areaLines[i] = Line{pa.areas[i].code, pa.areas[i].name, 0, 0, 0, 0, {}, {}};
    std::map<std::string, Line> coalitionLines;
    std::vector<std::int64_t> mapValue(pa.areas.size(), 0);
    std::vector<bool> mapHasValue(pa.areas.size(), false);
    for (const ProjectRow& p : projects) {
        steps.step();
        if (coalition) {
            // coalitionIdByCode resolved the code; compare by code to avoid a second lookup.
            if (p.coalitionCode != o.coalition)
                continue;
        }
        const auto& parts = pa.parts.at(p.id);
        if (!o.area.empty() && std::none_of(parts.begin(), parts.end(), [&](const AreaPart& ap) {
                return pa.areas[ap.area].code == o.area;
            }))
            continue;
        const auto cost = splitOver(p.cost, parts);
        const auto granted = splitOver(p.granted, parts);
        const auto expenses = splitOver(p.expenses, parts);
        std::vector<std::vector<std::int64_t>> awards;  // per award, per part
        for (const auto& a : p.awards)
            awards.push_back(splitOver(a.amount, parts));
        for (std::size_t k = 0; k < parts.size(); ++k) {
            std::vector<std::int64_t> awardsHere;
            for (const auto& a : awards)
                awardsHere.push_back(a[k]);
            const std::size_t ai = parts[k].area;
            addTo(areaLines[ai], p, cost[k], granted[k], expenses[k], awardsHere);
            mapValue[ai] += granted[k];
            mapHasValue[ai] = true;
        }
        std::vector<std::int64_t> awardsAll;
        for (const auto& a : p.awards)
            awardsAll.push_back(a.amount);
        const std::string key = p.coalitionCode.empty() ? "" : p.coalitionCode;
        auto [it, fresh] = coalitionLines.try_emplace(key);
        if (fresh) {
            it->second.code = key;
            it->second.name = key.empty() ? "(zonder coalitie)" : p.coalitionName;
        }
        addTo(it->second, p, p.cost, p.granted, p.expenses, awardsAll);
    }

    std::vector<Line> areas;
    for (const Line& l : areaLines)
        if (l.projects > 0 && (o.area.empty() || l.code == o.area))
            areas.push_back(l);
    std::vector<Line> coalitions;
    for (auto& [code, l] : coalitionLines)
        coalitions.push_back(std::move(l));
    steps.addTotal(static_cast<std::int64_t>(areas.size() + coalitions.size()));

    Section& perArea = r.addSection("Portfolio per gebied");
    perArea.addText()
        .add(
            "Een project telt mee in elk gebied dat het raakt. Ligt de perimeter van een "
            "project in meer dan een gemeente, dan worden zijn bedragen verdeeld naar de "
            "oppervlakte in elke gemeente (grootste-restmethode, tot op de cent), zodat de "
            "totalen van alle gebieden gelijk zijn aan het totaal van de projecten.")
        .add(
            "Toegekend = beslissingen met status 'granted'. De subsidiegraad van het totaal is "
            "de verhouding van de totalen, geen gemiddelde van percentages.");
    addLineTables(perArea, "gebied", areas, false, steps);

    // The map: every municipality with geometry, coloured by the funding awarded in it.
    MapBlock* map = nullptr;
    for (std::size_t i = 0; i < pa.areas.size(); ++i) {
        if (pa.areas[i].rings.empty())
            continue;
        if (!map) {
            map = &r.addSection("Kaart").addMap("Toegekende financiering per gemeente", kSource);
            map->unit = "euro";
            map->valueTitle = "Toegekend (euro)";
            map->labels = pa.areas.size() <= 60;
        }
        map->addFeature(pa.areas[i].name, pa.areas[i].rings,
                        mapHasValue[i] ? money(mapValue[i]) : Cell());
    }

    Section& perCoalition = r.addSection("Portfolio per coalitie");
    addLineTables(perCoalition, "coalitie", coalitions, true, steps);
    return r;
}

}  // namespace

Result<Report> buildPortfolioReport(Workspace& ws, const WorkspaceReportOptions& options,
                                    Progress& progress) {
    return guarded([&] { return build(ws, options, progress); });
}

}  // namespace kk::report
