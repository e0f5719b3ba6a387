// The Vlaamse Rand programme report (kk::report::Report, written by core/report).
#include "plugins/vlaamse_rand/src/report.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/base/apportion.h"
#include "core/store/repositories.h"
#include "plugins/vlaamse_rand/src/area.h"
#include "plugins/vlaamse_rand/src/programme.h"

namespace kk::plugins::vlaamse_rand {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

/// A granted Vlaamse Rand award with its application.
struct Grant {
    plugin::Application app;
    std::string call;
    std::string project;
    std::string projectName;
    int year = 0;
    Money granted;
};

std::vector<Grant> grants(Workspace& ws) {
    std::map<std::pair<std::int64_t, std::int64_t>, plugin::Application> apps;
    for (auto& a : workflow().applications(ws))
        apps.emplace(std::make_pair(a.call.value, a.project.value), std::move(a));
    auto st = ws.db().prepare(
        "SELECT aw.call_id, aw.project_id, c.code, p.code, p.name, f.year, aw.amount, "
        "f.instrument FROM kk_award aw JOIN vlaamse_rand_fund f ON f.fund_id = aw.fund_id JOIN "
        "kk_project p ON p.id = aw.project_id LEFT JOIN kk_call c ON c.id = aw.call_id WHERE "
        "aw.status = 'granted' ORDER BY f.year, f.instrument, c.code, p.code");
    std::vector<Grant> out;
    while (st.step()) {
        Grant g;
        const auto it = apps.find({st.isNull(0) ? 0 : st.getInt(0), st.getInt(1)});
        if (it != apps.end())
            g.app = it->second;
        else
            g.app.instrument = st.getText(7);  // an award entered without an application
        g.call = st.isNull(2) ? std::string() : st.getText(2);
        g.project = st.getText(3);
        g.projectName = st.getText(4);
        g.year = static_cast<int>(st.getInt(5));
        g.granted = Money::fromCents(st.getInt(6));
        out.push_back(std::move(g));
    }
    return out;
}

std::map<std::string, std::string> themeNames(const Rules& rules) {
    std::map<std::string, std::string> out;
    for (const auto& t : rules.themes(Date::today()))
        out[t.code] = t.name;
    return out;
}

}  // namespace

std::vector<UndeclaredAward> undeclaredAwards(Workspace& ws) {
    std::vector<UndeclaredAward> out;
    auto others = ws.db().prepare(
        "SELECT k.code, k.name, aw.amount FROM kk_award aw JOIN kk_fund k ON k.id = aw.fund_id "
        "WHERE aw.project_id = ? AND aw.status = 'granted' AND aw.fund_id NOT IN (SELECT "
        "fund_id FROM vlaamse_rand_fund WHERE instrument = ?) ORDER BY k.code");
    for (const auto& a : workflow().applications(ws)) {
        const std::string declared = lower(a.cumulation);
        others.bind(1, a.project.value).bind(2, a.instrument);
        while (others.step()) {
            const std::string code = others.getText(0);
            const std::string name = others.getText(1);
            if (declared.find(lower(code)) != std::string::npos ||
                (!name.empty() && declared.find(lower(name)) != std::string::npos))
                continue;
            const auto p = Repository<Project>(ws).get(a.project.value);
            out.push_back({a.id, p ? p->code : std::string(), code, name,
                           Money::fromCents(others.getInt(2))});
        }
        others.reset();
    }
    return out;
}

Result<report::Report> programmeReport(Workspace& ws, const Rules& rules, const plugin::Options&,
                                       Progress& progress) {
    report::Report r;
    r.title = "Vlaamse Rand — programmarapport";
    r.subtitle = "Vlaamse Randfonds en subsidie faciliteitengemeenten per thema en gemeente";
    r.addParameter("Werkruimte", ws.path());
    const auto all = grants(ws);
    const auto names = themeNames(rules);
    auto themeLabel = [&](const std::string& code) {
        if (code.empty())
            return std::string("(geen thema)");
        const auto it = names.find(code);
        return it == names.end() ? code : it->second;
    };

    auto& budget = r.addSection("Budget per instrument en jaar")
                       .addTable("Budget en toekenningen per instrument en jaar",
                                 "fondsen uit plugins/vlaamse_rand/data/parameters.csv");
    budget.text("Instrument").year("Jaar").money("Budget").money("Toegekend").money("Vrij");
    budget.withTotals();
    auto st = ws.db().prepare(
        "SELECT f.instrument, f.year, k.budget, (SELECT coalesce(sum(amount), 0) FROM kk_award "
        "WHERE fund_id = f.fund_id AND status = 'granted') FROM vlaamse_rand_fund f JOIN kk_fund "
        "k ON k.id = f.fund_id ORDER BY f.year, f.instrument");
    while (st.step()) {
        const Money b = Money::fromCents(st.getInt(2));
        const Money g = Money::fromCents(st.getInt(3));
        budget.addRow({st.getText(0), static_cast<int>(st.getInt(1)), b, g, b - g});
    }
    progress.step(1, 5, "budget");

    // Per theme: every theme of the data file, also those without awards.
    auto& themes = r.addSection("Per thema")
                       .addTable("Aanvragen en toekenningen per thema",
                                 "thema's uit plugins/vlaamse_rand/data/themes.csv "
                                 "(seed-003 L3743-3749)");
    themes.text("Thema")
        .integer("Aanvragen")
        .integer("Toekenningen")
        .money("Gevraagd")
        .money("Toegekend");
    themes.withTotals();
    struct ThemeTotals {
        int applications = 0;
        int awards = 0;
        Money requested;
        Money granted;
    };
    std::map<std::string, ThemeTotals> perTheme;
    for (const auto& t : rules.themes(Date::today()))
        perTheme[t.code];
    for (const auto& a : workflow().applications(ws)) {
        auto& t = perTheme[a.theme];
        ++t.applications;
        t.requested += a.requested;
    }
    for (const auto& g : all) {
        auto& t = perTheme[g.app.theme];
        ++t.awards;
        t.granted += g.granted;
    }
    for (const auto& t : rules.themes(Date::today())) {
        const auto& v = perTheme[t.code];
        themes.addRow({t.name, v.applications, v.awards, v.requested, v.granted});
    }
    for (const auto& [code, v] : perTheme)
        if (!names.count(code))
            themes.addRow({themeLabel(code), v.applications, v.awards, v.requested, v.granted});
    progress.step(2, 5, "themes");

    // Per municipality and per theme and municipality: each award split equally over the
    // application's municipalities, to the cent.
    std::map<std::string, std::pair<int, Money>> perMunicipality;
    std::map<std::pair<std::string, std::string>, Money> perThemeMunicipality;
    for (const auto& g : all) {
        std::vector<std::string> ms = g.app.municipalities;
        if (ms.empty())
            ms.push_back("(onbekend)");
        const std::vector<std::int64_t> weights(ms.size(), 1);
        auto parts = apportion(g.granted, weights);
        if (!parts)
            return parts.error();
        for (std::size_t k = 0; k < ms.size(); ++k) {
            auto& [count, amount] = perMunicipality[ms[k]];
            ++count;
            amount += parts.value()[k];
            perThemeMunicipality[{themeLabel(g.app.theme), ms[k]}] += parts.value()[k];
        }
    }
    auto& muni = r.addSection("Per gemeente")
                     .addTable("Toegekend per gemeente",
                               "een toekenning aan meer gemeenten is gelijk verdeeld "
                               "(kk::apportion, tot op de cent)");
    muni.text("NIS")
        .text("Gemeente")
        .integer("Projecten", {}, report::TotalKind::None)
        .money("Toegekend");
    muni.withTotals();
    for (const auto& [nis, v] : perMunicipality) {
        const std::string label = municipalityLabel(ws, nis);
        muni.addRow({nis, label.size() > nis.size() ? label.substr(nis.size() + 1) : label, v.first,
                     v.second});
    }
    auto& cross = r.sections.back().addTable("Toegekend per thema en gemeente");
    cross.text("Thema").text("NIS").text("Gemeente").money("Toegekend").withTotals();
    for (const auto& [key, amount] : perThemeMunicipality) {
        const std::string label = municipalityLabel(ws, key.second);
        cross.addRow(
            {key.first, key.second,
             label.size() > key.second.size() ? label.substr(key.second.size() + 1) : label,
             amount});
    }
    progress.step(3, 5, "municipalities");

    auto& awards = r.addSection("Toekenningen").addTable("Toegekende subsidies");
    awards.text("Oproep").text("Instrument").text("Project").text("Thema").text("Gemeenten");
    awards.text("Bovenlokaal").text("Gebiedsgericht").integer("Rang", {}, report::TotalKind::None);
    awards.money("Projectkost", report::TotalKind::None).money("Gevraagd").money("Toegekend");
    awards.rate("Aandeel van de projectkost").withTotals();
    for (const auto& g : all) {
        const Money cost = g.app.id ? projectCost(ws, g.app) : Money();
        awards.addRow(
            {g.call, g.app.instrument, g.project + " " + g.projectName, themeLabel(g.app.theme),
             joined(g.app.municipalities, ";"), g.app.hasFlag("supra_local") ? "ja" : "nee",
             g.app.hasFlag("gebiedsgericht") ? "ja" : "nee",
             g.app.rank ? report::Cell(*g.app.rank) : report::Cell(), cost, g.app.requested,
             g.granted,
             cost > Money() ? report::Cell(Rate::ofMoney(g.granted, cost)) : report::Cell()});
    }
    progress.step(4, 5, "awards");

    auto& cum = r.addSection("Cumulatie")
                    .addTable("Elders gevraagde subsidies (cumulatieverklaring)",
                              "aangegeven bij de aanvraag; 'niet aangegeven' = toekenningen uit "
                              "andere fondsen in deze "
                              "werkruimte die de verklaring niet noemt");
    cum.text("Project").text("Instrument").text("Verklaring").money("Gevraagd hier");
    cum.money("Toegekend elders").text("Niet aangegeven").withTotals();
    const auto undeclared = undeclaredAwards(ws);
    for (const auto& a : workflow().applications(ws)) {
        const auto p = Repository<Project>(ws).get(a.project.value);
        const Money elsewhere = grantedToProject(ws, a.project) - [&] {
            Money own;
            for (const auto& g : all)
                if (g.app.id == a.id)
                    own += g.granted;
            return own;
        }();
        std::string missing;
        for (const auto& u : undeclared)
            if (u.applicationId == a.id)
                missing += (missing.empty() ? "" : "; ") + u.fundCode + " " + u.amount.format();
        cum.addRow({p ? p->code : std::string(), a.instrument,
                    a.cumulation.empty() ? "(geen verklaring)" : a.cumulation, a.requested,
                    elsewhere, missing});
    }
    progress.step(5, 5, "cumulation");
    return r;
}

}  // namespace kk::plugins::vlaamse_rand
