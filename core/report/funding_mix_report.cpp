// The funding mix: per project stacked by fund, and per partner (each award shared over the
// partners in proportion to the cost they bear in the project).
#include <algorithm>
#include <map>

#include "core/base/apportion.h"
#include "core/report/workspace_report_detail.h"
#include "core/store/workspace.h"

namespace kk::report {
namespace {

using namespace detail;

constexpr const char* kRest = "Niet gedekt (eigen bijdrage)";
constexpr const char* kSource = "Werkruimte: kk_cost_item, kk_award (toegekend)";

struct FundRef {
    std::string code;
    std::string name;
    std::string type;
};

struct ProjectMix {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::int64_t cost = 0;
    std::vector<std::pair<std::size_t, std::int64_t>> awards;        ///< fund index, amount
    std::vector<std::pair<std::int64_t, std::int64_t>> partnerCost;  ///< actor id (0: none)
    std::int64_t granted() const {
        std::int64_t s = 0;
        for (const auto& a : awards)
            s += a.second;
        return s;
    }
};

struct PartnerMix {
    std::string code;
    std::string name;
    std::int64_t cost = 0;
    std::map<std::size_t, std::int64_t> funds;  ///< fund index -> received
    std::int64_t received() const {
        std::int64_t s = 0;
        for (const auto& [f, v] : funds)
            s += v;
        return s;
    }
};

/// A stacked bar chart of the `limit` largest entries, one series per fund and the rest.
template <class Entry, class Label, class Funds, class Total>
void addMixChart(Section& s, const std::string& title, const std::vector<Entry>& entries,
                 const std::vector<FundRef>& funds, int limit, Label label, Funds fundsOf,
                 Total totalOf) {
    std::vector<const Entry*> top;
    for (const auto& e : entries)
        top.push_back(&e);
    std::stable_sort(top.begin(), top.end(),
                     [&](const Entry* a, const Entry* b) { return totalOf(*a) > totalOf(*b); });
    if (static_cast<int>(top.size()) > limit)
        top.resize(static_cast<std::size_t>(limit));
    if (top.empty())
        return;
    ChartBlock& c = s.addChart(ChartKind::StackedBar, title, kSource);
    c.unit = "euro";
    c.yAxisTitle = "euro";
    c.valueLabels = top.size() <= 12;
    for (const Entry* e : top)
        c.addCategory(label(*e));
    for (std::size_t f = 0; f < funds.size(); ++f) {
        std::vector<Cell> values;
        bool any = false;
        for (const Entry* e : top) {
            const std::int64_t v = fundsOf(*e, f);
            any = any || v != 0;
            values.push_back(v ? money(v) : Cell());
        }
        if (any)
            c.addSeries(funds[f].code + " " + funds[f].name, std::move(values));
    }
    std::vector<Cell> rest;
    for (const Entry* e : top) {
        const std::int64_t v = totalOf(*e) - [&] {
            std::int64_t s = 0;
            for (std::size_t f = 0; f < funds.size(); ++f)
                s += fundsOf(*e, f);
            return s;
        }();
        rest.push_back(v > 0 ? money(v) : Cell());
    }
    c.addSeries(kRest, std::move(rest));
}

Report build(Workspace& ws, const WorkspaceReportOptions& o, Progress& progress) {
    BuildSteps steps(progress, "funding-mix: lezen", 3);
    Report r = newReport(ws, "Financieringsmix",
                         "Wie betaalt wat: per project gestapeld per fonds, en per partner");
    std::optional<std::int64_t> onlyProject;
    std::optional<std::int64_t> onlyCoalition;
    if (!o.project.empty()) {
        onlyProject = projectIdByCode(ws, o.project);
        r.addParameter("Project", o.project);
    }
    if (!o.coalition.empty()) {
        onlyCoalition = coalitionIdByCode(ws, o.coalition);
        r.addParameter("Coalitie", o.coalition);
    }

    std::vector<ProjectMix> projects;
    std::unordered_map<std::int64_t, std::size_t> byId;
    {
        auto st = ws.db().prepare(
            "SELECT p.id, p.code, p.name, p.coalition_id FROM kk_project p ORDER BY p.code");
        while (st.step()) {
            if (onlyProject && st.getInt(0) != *onlyProject)
                continue;
            if (onlyCoalition && (st.isNull(3) || st.getInt(3) != *onlyCoalition))
                continue;
            byId[st.getInt(0)] = projects.size();
            projects.push_back({st.getInt(0), st.getText(1), st.getText(2), 0, {}, {}});
        }
    }
    steps.step();
    {
        auto st = ws.db().prepare(
            "SELECT project_id, COALESCE(partner_id, 0), SUM(amount) FROM kk_cost_item"
            " GROUP BY project_id, COALESCE(partner_id, 0) ORDER BY 1, 2");
        while (st.step())
            if (auto it = byId.find(st.getInt(0)); it != byId.end()) {
                projects[it->second].cost += st.getInt(2);
                projects[it->second].partnerCost.emplace_back(st.getInt(1), st.getInt(2));
            }
    }
    steps.step();
    std::vector<FundRef> funds;
    {
        std::unordered_map<std::int64_t, std::size_t> fundIndex;
        auto st = ws.db().prepare(
            "SELECT w.project_id, f.id, f.code, f.name, f.type, w.amount FROM kk_award w"
            " JOIN kk_fund f ON f.id = w.fund_id WHERE w.status = 'granted'"
            " ORDER BY f.priority, f.code, w.project_id");
        while (st.step()) {
            auto it = byId.find(st.getInt(0));
            if (it == byId.end())
                continue;
            auto [fi, fresh] = fundIndex.try_emplace(st.getInt(1), funds.size());
            if (fresh)
                funds.push_back({st.getText(2), st.getText(3), st.getText(4)});
            projects[it->second].awards.emplace_back(fi->second, st.getInt(5));
        }
    }
    steps.step();
    std::map<std::int64_t, std::pair<std::string, std::string>> actors;  // id -> code, name
    {
        auto st = ws.db().prepare("SELECT id, code, name FROM kk_actor");
        while (st.step())
            actors[st.getInt(0)] = {st.getText(1), st.getText(2)};
    }

    steps.setLabel("funding-mix: projecten");
    steps.addTotal(static_cast<std::int64_t>(projects.size()) * 2);
    Section& perProject = r.addSection("Financieringsmix per project");
    TableBlock& mix = perProject.addTable("Kost en toegekende financiering per project", kSource);
    mix.unit = "euro";
    mix.text("Project")
        .text("Naam")
        .money("Totale kost")
        .money("Toegekend")
        .money(kRest)
        .rateOf("Subsidiegraad", 3, 2)
        .withTotals();
    TableBlock& detail = perProject.addTable("Toekenningen per project en fonds", kSource);
    detail.unit = "euro";
    detail.text("Project")
        .text("Fonds")
        .text("Naam fonds")
        .text("Soort")
        .money("Bedrag")
        .rate("Aandeel in de kost")
        .withTotals();
    for (const ProjectMix& p : projects) {
        steps.step();
        const std::int64_t g = p.granted();
        mix.addRow(
            {p.code, p.name, money(p.cost), money(g), money(p.cost - g), rateCell(g, p.cost)});
        for (const auto& [f, amount] : p.awards)
            detail.addRow({p.code, funds[f].code, funds[f].name, funds[f].type, money(amount),
                           rateCell(amount, p.cost)});
    }
    const int limit = std::max(1, o.chartCategories);
    addMixChart(
        perProject,
        "Financieringsmix van de " +
            std::to_string(
                std::min<std::size_t>(projects.size(), static_cast<std::size_t>(limit))) +
            " grootste projecten",
        projects, funds, limit, [](const ProjectMix& p) { return p.code; },
        [](const ProjectMix& p, std::size_t f) {
            std::int64_t s = 0;
            for (const auto& [fi, v] : p.awards)
                if (fi == f)
                    s += v;
            return s;
        },
        [](const ProjectMix& p) { return p.cost; });

    // Per partner: each award is shared over the partners by the cost they bear.
    std::map<std::int64_t, PartnerMix> partners;
    for (const ProjectMix& p : projects) {
        steps.step();
        std::vector<std::int64_t> weights;
        for (const auto& [actor, cost] : p.partnerCost) {
            auto& pm = partners[actor];
            pm.cost += cost;
            weights.push_back(cost);
        }
        const bool anyCost =
            std::any_of(weights.begin(), weights.end(), [](std::int64_t w) { return w > 0; });
        for (const auto& [f, amount] : p.awards) {
            if (!anyCost) {
                partners[0].funds[f] += amount;  // awarded without planned cost
                continue;
            }
            const auto parts = apportion(Money::fromCents(amount), weights).value();
            for (std::size_t k = 0; k < parts.size(); ++k)
                partners[p.partnerCost[k].first].funds[f] += parts[k].cents();
        }
    }
    std::vector<PartnerMix> partnerRows;
    for (auto& [id, pm] : partners) {
        const auto it = actors.find(id);
        pm.code = it == actors.end() ? "" : it->second.first;
        pm.name = it == actors.end() ? "(geen partner)" : it->second.second;
        partnerRows.push_back(std::move(pm));
    }
    std::sort(partnerRows.begin(), partnerRows.end(),
              [](const PartnerMix& a, const PartnerMix& b) { return a.code < b.code; });
    Section& perPartner = r.addSection("Financieringsmix per partner");
    perPartner.addText().add(
        "De partner is de actor die een kostenpost draagt. Een toekenning aan een project wordt "
        "over de partners verdeeld naar hun aandeel in de kost van dat project "
        "(grootste-restmethode, tot op de cent); de som per fonds is dus gelijk aan de "
        "toekenningen.");
    TableBlock& pt = perPartner.addTable("Kost en financiering per partner", kSource);
    pt.unit = "euro";
    pt.text("Partner")
        .text("Naam")
        .money("Gedragen kost")
        .money("Toegekend (aandeel)")
        .money(kRest)
        .rateOf("Subsidiegraad", 3, 2)
        .withTotals();
    TableBlock& pf = perPartner.addTable("Financiering per partner en fonds", kSource);
    pf.unit = "euro";
    pf.text("Partner").text("Fonds").text("Naam fonds").money("Bedrag").withTotals();
    for (const PartnerMix& pm : partnerRows) {
        const std::int64_t got = pm.received();
        pt.addRow({pm.code, pm.name, money(pm.cost), money(got), money(pm.cost - got),
                   rateCell(got, pm.cost)});
        for (const auto& [f, v] : pm.funds)
            pf.addRow({pm.code, funds[f].code, funds[f].name, money(v)});
    }
    addMixChart(
        perPartner,
        "Financieringsmix van de " +
            std::to_string(
                std::min<std::size_t>(partnerRows.size(), static_cast<std::size_t>(limit))) +
            " partners met de grootste kost",
        partnerRows, funds, limit,
        [](const PartnerMix& p) { return p.code.empty() ? p.name : p.code; },
        [](const PartnerMix& p, std::size_t f) {
            const auto it = p.funds.find(f);
            return it == p.funds.end() ? std::int64_t{0} : it->second;
        },
        [](const PartnerMix& p) { return p.cost; });
    return r;
}

}  // namespace

Result<Report> buildFundingMixReport(Workspace& ws, const WorkspaceReportOptions& options,
                                     Progress& progress) {
    return guarded([&] { return build(ws, options, progress); });
}

}  // namespace kk::report
