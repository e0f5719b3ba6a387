// Learning network, overlap view and report of the Water+Land+Schap plugin (see wls_views.h).
#include "plugins/water_land_schap/src/wls_views.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/geo/feature.h"
#include "core/geo/gpkg_blob.h"
#include "core/geo/overlap.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::wls {
namespace {

std::vector<std::string> splitThemes(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text + ";") {
        if (c == ';') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    return out;
}

std::vector<std::string> coalitionThemes(Workspace& ws, CoalitionId id) {
    auto st =
        ws.db().prepare("SELECT themes FROM water_land_schap_coalition WHERE coalition_id = ?");
    st.bind(1, id.value);
    return st.step() ? splitThemes(st.getText(0)) : std::vector<std::string>{};
}

/// Hectares with two decimals from square millimetres, exactly (1 ha = 10^10 mm²).
report::Decimal hectares(std::int64_t mm2) {
    return report::Decimal{(mm2 + 50'000'000) / 100'000'000, 2};
}

}  // namespace

Result<nlohmann::json> learningNetwork(Service& service) {
    try {
        Workspace& ws = service.workspace();
        nlohmann::json out = {{"coalitions", nlohmann::json::array()},
                              {"themes", nlohmann::json::array()},
                              {"practices", nlohmann::json::array()},
                              {"links", nlohmann::json::array()}};
        std::map<std::string, std::vector<std::string>> byTheme;
        std::vector<std::pair<std::string, std::vector<std::string>>> themesOf;
        for (const auto& c : service.coalitions()) {
            const auto themes = coalitionThemes(ws, c.id);
            auto practices = ws.db().prepare(
                "SELECT theme, title, description, shared_on FROM water_land_schap_practice "
                "WHERE coalition_id = ? ORDER BY id");
            practices.bind(1, c.id.value);
            int count = 0;
            while (practices.step()) {
                ++count;
                out["practices"].push_back({{"coalition", c.code},
                                            {"theme", practices.getText(0)},
                                            {"title", practices.getText(1)},
                                            {"description", practices.getText(2)},
                                            {"shared_on", practices.getText(3)}});
            }
            const auto members =
                Repository<CoalitionMember>(ws).count(Query().where("coalition_id", c.id.value));
            out["coalitions"].push_back({{"code", c.code},
                                         {"name", c.name},
                                         {"phase", service.phaseOf(c.id)},
                                         {"themes", themes},
                                         {"members", members},
                                         {"practices", count}});
            for (const auto& t : themes)
                byTheme[t].push_back(c.code);
            themesOf.emplace_back(c.code, themes);
        }
        for (const auto& [theme, codes] : byTheme)
            out["themes"].push_back({{"theme", theme}, {"coalitions", codes}});
        // Two coalitions that work on a common theme are natural learning partners.
        for (std::size_t i = 0; i < themesOf.size(); ++i)
            for (std::size_t j = i + 1; j < themesOf.size(); ++j) {
                std::vector<std::string> common;
                for (const auto& t : themesOf[i].second)
                    if (std::find(themesOf[j].second.begin(), themesOf[j].second.end(), t) !=
                        themesOf[j].second.end())
                        common.push_back(t);
                if (!common.empty())
                    out["links"].push_back(
                        {{"a", themesOf[i].first}, {"b", themesOf[j].first}, {"themes", common}});
            }
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<nlohmann::json> overlapView(Service& service, const std::string& code) {
    try {
        Workspace& ws = service.workspace();
        const Coalition c = service.requireCoalition(code);
        if (!c.areaId)
            return makeError("wls.no_area", "coalition " + code + " has no area", "--coalition",
                             "give it an area (coalition-create --area CODE) to see overlaps");
        Repository<Area> areas(ws);
        auto own = areas.get(c.areaId->value);
        if (!own || own->geometry.empty())
            return makeError("wls.no_geometry",
                             "the area of coalition " + code + " has no geometry",
                             "area " + (own ? own->code : std::string("?")),
                             "import its geometry with `koppelkans-cli areas import`");
        auto ownGeom = geo::fromGpkgBlob(own->geometry);
        if (!ownGeom)
            return ownGeom.error();
        // Every other area with a geometry is a candidate (LEADER, perimeters, regions, other
        // W+L+S areas). Municipalities are left out: they overlap everything by construction.
        std::vector<geo::Feature> others;
        std::vector<Area> otherAreas;
        for (auto& a : areas.list()) {
            if (a.id == own->id || a.geometry.empty() || a.kind == AreaKind::Municipality)
                continue;
            auto g = geo::fromGpkgBlob(a.geometry);
            if (!g)
                continue;
            geo::Feature f;
            f.key = a.code;
            f.name = a.name;
            f.geometry = g.value().geometry;
            others.push_back(std::move(f));
            otherAreas.push_back(std::move(a));
        }
        nlohmann::json out = {
            {"coalition", c.code}, {"area", own->code}, {"overlaps", nlohmann::json::array()}};
        if (others.empty())
            return out;
        geo::OverlapIndex index(std::move(others));
        auto shares = index.shares(ownGeom.value().geometry);
        if (!shares)
            return shares.error();
        out["area_ha"] = hectares(shares.value().perimeterMm2).toString();
        const auto themes = coalitionThemes(ws, c.id);
        for (const auto& s : shares.value().shares) {
            const Area& other = otherAreas[s.index];
            nlohmann::json o = {{"area", other.code},
                                {"name", other.name},
                                {"kind", std::string(toCode(other.kind))},
                                {"overlap_ha", hectares(s.areaMm2).toString()},
                                {"overlap_mm2", s.areaMm2},
                                {"share_of_coalition_area", s.shareOfPerimeter.toString()},
                                {"share_of_other_area", s.shareOfMunicipality.toString()}};
            std::set<std::string> programmes, otherThemes, shared;
            nlohmann::json projects = nlohmann::json::array();
            auto pst = ws.db().prepare(
                "SELECT id, code, themes FROM kk_project WHERE area_id = ? ORDER BY code");
            pst.bind(1, other.id.value);
            std::vector<std::int64_t> projectIds;
            while (pst.step()) {
                projectIds.push_back(pst.getInt(0));
                projects.push_back(pst.getText(1));
                for (const auto& t : splitThemes(pst.getText(2)))
                    (std::find(themes.begin(), themes.end(), t) != themes.end() ? shared
                                                                                : otherThemes)
                        .insert(t);
            }
            for (auto pid : projectIds)
                for (const auto& prog : projectProgrammes(ws, ProjectId{pid}))
                    if (auto p = Repository<Programme>(ws).get(prog.value))
                        programmes.insert(p->code);
            nlohmann::json funds = nlohmann::json::array();
            auto fst = ws.db().prepare(
                "SELECT f.code, f.name, sum(a.amount) FROM kk_award a JOIN kk_fund f ON f.id = "
                "a.fund_id JOIN kk_project p ON p.id = a.project_id WHERE p.area_id = ? AND "
                "a.status = 'granted' GROUP BY f.code, f.name ORDER BY f.code");
            fst.bind(1, other.id.value);
            while (fst.step())
                funds.push_back({{"fund", fst.getText(0)},
                                 {"name", fst.getText(1)},
                                 {"granted_cents", fst.getInt(2)}});
            nlohmann::json coalitions = nlohmann::json::array();
            auto cst =
                ws.db().prepare("SELECT code FROM kk_coalition WHERE area_id = ? ORDER BY code");
            cst.bind(1, other.id.value);
            while (cst.step())
                coalitions.push_back(cst.getText(0));
            o["projects"] = projects;
            o["programmes"] = programmes;
            o["funds"] = funds;
            o["coalitions"] = coalitions;
            o["shared_themes"] = shared;
            o["other_themes"] = otherThemes;
            out["overlaps"].push_back(o);
        }
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<report::Report> buildReport(Service& service) {
    using namespace report;
    Report r;
    r.title = "Water+Land+Schap";
    r.subtitle = "Coalitions, path, indicators, continuity and overlaps";
    r.addParameter("Workspace", service.workspace().path());
    r.addParameter("On", service.today().toString());
    const std::string src = "workspace; rules scripts/wls/*.lua; defaults data/*.csv";

    Section& coal = r.addSection("Coalitions");
    TableBlock& t = coal.addTable("Coalitions and prescribed composition", src);
    t.text("Coalition")
        .text("Name")
        .text("Phase")
        .integer("Members")
        .text("Composition")
        .text("Missing partner types");
    Section& path = r.addSection("Path and milestones");
    TableBlock& m = path.addTable("Milestones", src);
    m.text("Coalition").text("Phase").text("Milestone").text("Name").text("Due").text("Done on");
    Section& ind = r.addSection("Indicators");
    TableBlock& it = ind.addTable("Process and result indicators", src);
    it.text("Coalition")
        .text("Type")
        .text("Indicator")
        .text("Name")
        .text("Unit")
        .year("Year")
        .text("Value")
        .text("Target");
    Section& cont = r.addSection("Continuity");
    TableBlock& ct = cont.addTable("Continuity after funding", src);
    ct.text("Coalition").text("Severity").text("Message");
    Section& ov = r.addSection("Overlap with other programmes");
    TableBlock& ot = ov.addTable("Overlapping areas, programmes and funds", src);
    ot.text("Coalition")
        .text("Other area")
        .text("Kind")
        .decimal("Overlap", 2, "ha")
        .rate("Share of coalition area")
        .text("Programmes")
        .text("Funds")
        .text("Shared themes");

    for (const auto& c : service.coalitions()) {
        auto st = service.status(c.code);
        if (!st)
            return st.error();
        const auto& s = st.value();
        std::string missing;
        for (const auto& x : s["composition"]["missing"])
            missing += (missing.empty() ? "" : ", ") + x.value("label", "");
        t.addRow({c.code, c.name, s.value("phase", ""),
                  static_cast<std::int64_t>(s["members"].size()),
                  s["composition"].value("ok", false) ? "complete" : "incomplete", missing});
        for (const auto& x : s["milestones"])
            m.addRow({c.code, x.value("phase", ""), x.value("code", ""), x.value("name", ""),
                      x.value("due", ""), x.value("done_on", "")});
        for (const auto& x : s["indicators"])
            it.addRow({c.code, x.value("type", ""), x.value("code", ""), x.value("name", ""),
                       x.value("unit", ""),
                       x.contains("year") ? Cell(x["year"].get<std::int64_t>()) : Cell(),
                       x.value("value", ""), x.value("target", "")});
        for (const auto& x : s["continuity"])
            ct.addRow({c.code, x.value("severity", ""), x.value("message", "")});
        if (!c.areaId)
            continue;
        auto o = overlapView(service, c.code);
        if (!o)
            continue;  // an area without geometry has no overlaps to show
        for (const auto& x : o.value()["overlaps"]) {
            const Decimal ha = hectares(x.value("overlap_mm2", std::int64_t{0}));
            std::string funds;
            for (const auto& f : x["funds"])
                funds += (funds.empty() ? "" : ", ") + f.value("fund", "");
            auto join = [](const nlohmann::json& arr) {
                std::string out;
                for (const auto& v : arr)
                    out += (out.empty() ? "" : ", ") + v.get<std::string>();
                return out;
            };
            ot.addRow({c.code, x.value("area", ""), x.value("kind", ""), ha,
                       Rate::parse(x.value("share_of_coalition_area", "0")).valueOr(Rate()),
                       join(x["programmes"]), funds, join(x["shared_themes"])});
        }
    }
    auto net = learningNetwork(service);
    if (!net)
        return net.error();
    Section& ln = r.addSection("Learning network");
    TableBlock& th = ln.addTable("Themes and coalitions", src);
    th.text("Theme").text("Coalitions");
    for (const auto& x : net.value()["themes"]) {
        std::string codes;
        for (const auto& v : x["coalitions"])
            codes += (codes.empty() ? "" : ", ") + v.get<std::string>();
        th.addRow({x.value("theme", ""), codes});
    }
    TableBlock& pr = ln.addTable("Shared practices", src);
    pr.text("Coalition").text("Theme").text("Practice").text("Description");
    for (const auto& x : net.value()["practices"])
        pr.addRow({x.value("coalition", ""), x.value("theme", ""), x.value("title", ""),
                   x.value("description", "")});
    return r;
}

}  // namespace kk::wls
