// M1/J1, M2, M3/J3 and T2 as report tables (see reports.h); the numbers come from schemas.h.
#include <algorithm>
#include <filesystem>
#include <set>

#include "core/plugin/data_table.h"
#include "core/store/workspace.h"
#include "plugins/bbc/src/reports.h"
#include "plugins/bbc/src/schemas.h"

namespace kk::bbc {
namespace {

std::string option(const plugin::Options& o, const std::string& key, std::string fallback = {}) {
    auto it = o.find(key);
    return it == o.end() || it->second.empty() ? fallback : it->second;
}

constexpr std::array<const char*, 3> kSections{"Exploitatie", "Investeringen", "Financiering"};

report::TableBlock& yearTable(report::Section& s, const std::string& title, const ReportScope& sc,
                              const std::vector<std::string>& lead, int first, int last) {
    auto& t = s.addTable(title, "Registraties van het meerjarenplan; bbc-spec §2 (Koppelkans)");
    t.unit = "euro";
    for (const auto& h : lead)
        t.text(h);
    for (int y = first; y <= last; ++y)
        t.money(std::to_string(y), report::TotalKind::None);
    return t;
}

report::Report newReport(const std::string& title, const ReportScope& sc) {
    report::Report r;
    r.title = title;
    r.subtitle = sc.description;
    r.addParameter("Bestuur",
                   sc.allGovernments
                       ? "alle besturen (" + std::to_string(sc.plans.size()) + ")"
                       : sc.plans.front().governmentName + " (KBO " + sc.plans.front().kbo + ")");
    r.addParameter("Planperiode", sc.period);
    r.addParameter("Code-lijsten", sc.lists.version);
    return r;
}

std::vector<Registration> regsFor(Workspace& ws, const ReportScope& sc, RegKind kind) {
    RegistrationFilter f = sc.filter;
    f.kind = kind;
    return loadRegistrations(ws, sc.plans, f);
}

void m1Rows(report::TableBlock& t, const M1Row& row, int first, int last) {
    for (int s = 0; s < 3; ++s) {
        for (int k = 0; k < 3; ++k) {
            report::Row cells{row.code, row.label,
                              std::string(kSections[s]) + " - " +
                                  (k == 0   ? "Uitgaven"
                                   : k == 1 ? "Ontvangsten"
                                            : "Saldo")};
            for (int y = first; y <= last; ++y) {
                auto it = row.byYear.find(y);
                const Flows f = it == row.byYear.end() ? Flows{} : it->second;
                cells.emplace_back(k == 0 ? f.u[s] : k == 1 ? f.o[s] : f.saldo(s));
            }
            t.addRow(std::move(cells));
        }
    }
}

void addM2(report::Section& s, const M2& m2, const ReportScope& sc, const std::string& title) {
    auto& t = yearTable(s, title, sc, {"Lijn", "Omschrijving"}, sc.firstYear, sc.lastYear);
    auto line = [&](const char* code, const char* label, auto get) {
        report::Row cells{code, label};
        for (const auto& y : m2.years)
            cells.emplace_back(get(y));
        t.addRow(std::move(cells));
    };
    line("I", "Exploitatiesaldo", [](const M2Year& y) { return y.I; });
    line("I.a", "Ontvangsten", [](const M2Year& y) { return y.flows.o[0]; });
    line("I.b", "Uitgaven", [](const M2Year& y) { return y.flows.u[0]; });
    line("II", "Investeringssaldo", [](const M2Year& y) { return y.II; });
    line("II.a", "Ontvangsten", [](const M2Year& y) { return y.flows.o[1]; });
    line("II.b", "Uitgaven", [](const M2Year& y) { return y.flows.u[1]; });
    line("III", "Saldo exploitatie en investeringen", [](const M2Year& y) { return y.III; });
    line("IV", "Financieringssaldo", [](const M2Year& y) { return y.IV; });
    line("IV.a", "Ontvangsten", [](const M2Year& y) { return y.flows.o[2]; });
    line("IV.b", "Uitgaven", [](const M2Year& y) { return y.flows.u[2]; });
    line("V", "Budgettair resultaat van het boekjaar", [](const M2Year& y) { return y.V; });
    line("VI", "Gecumuleerd budgettair resultaat vorig boekjaar",
         [](const M2Year& y) { return y.VI; });
    line("VII", "Gecumuleerd budgettair resultaat", [](const M2Year& y) { return y.VII; });
    line("VIII", "Onbeschikbare gelden", [](const M2Year& y) { return y.VIII; });
    line("IX", "Beschikbaar budgettair resultaat", [](const M2Year& y) { return y.IX; });
    auto& a = yearTable(s, "Autofinancieringsmarge", sc, {"Lijn", "Omschrijving"}, sc.firstYear,
                        sc.lastYear);
    auto afm = [&](const char* code, const char* label, auto get) {
        report::Row cells{code, label};
        for (const auto& y : m2.years)
            cells.emplace_back(get(y));
        a.addRow(std::move(cells));
    };
    afm("I", "Exploitatiesaldo", [](const M2Year& y) { return y.I; });
    afm("II", "Netto periodieke aflossingen", [](const M2Year& y) { return y.afmNet; });
    afm("II.a", "Periodieke aflossingen conform de verbintenissen",
        [](const M2Year& y) { return y.afmRepayments; });
    afm("II.b", "Periodieke terugvordering van toegestane leningen",
        [](const M2Year& y) { return y.afmRecoveries; });
    afm("III", "Autofinancieringsmarge", [](const M2Year& y) { return y.afm; });
}

struct RubricLabel {
    std::string label;
};

/// Labels of every T2 rubric level: the leaves from the account list, the levels above from
/// data/t2_rubrics.csv.
Result<std::map<T2Key, std::string>> rubricLabels(const CodeLists& lists,
                                                  const std::string& folder) {
    std::map<T2Key, std::string> out;
    auto table =
        plugin::DataTable::read((std::filesystem::path(folder) / "t2_rubrics.csv").string(),
                                "bbc: data/t2_rubrics.csv", {"section", "side", "rubric", "label"});
    if (!table.ok())
        return table.error();
    for (const auto& r : table->rows()) {
        const std::string s = r.text("section");
        const Section sec = s == "Exploitatie"     ? Section::Exploitatie
                            : s == "Investeringen" ? Section::Investeringen
                                                   : Section::Financiering;
        out[{sec, r.text("side")[0], r.text("rubric")}] = r.text("label");
    }
    for (const auto& row : lists.accounts.rows())
        if (!row.rubric.empty() && row.side.size() == 1)
            out[{row.section, row.side[0], row.rubric}] = row.rubricLabel;
    return out;
}

std::vector<std::string> parts(const std::string& code) {
    std::vector<std::string> p;
    std::size_t start = 0;
    while (true) {
        auto dot = code.find('.', start);
        p.push_back(code.substr(start, dot == std::string::npos ? dot : dot - start));
        if (dot == std::string::npos)
            return p;
        start = dot + 1;
    }
}

}  // namespace

Result<ReportScope> loadScope(Workspace& ws, const plugin::Options& options, bool full) {
    ReportScope sc;
    sc.period = option(options, "period");
    if (sc.period.empty())
        return makeError("bbc.no_period", "no plan period given", "--period",
                         "add --period FIRST-LAST, e.g. --period 2020-2025");
    auto years = parsePeriod(sc.period);
    if (!years.ok())
        return years.error();
    sc.firstYear = years->first;
    sc.lastYear = years->second;
    const std::string gov = option(options, "government");
    if (gov.empty())
        return makeError("bbc.no_government", "no government given", "--government",
                         "add --government KBO|NAME, or --government all for the roll-up");
    if (gov == "all") {
        sc.allGovernments = true;
        sc.plans = plansOfPeriod(ws, sc.period);
        if (sc.plans.empty())
            return makeError("bbc.no_plan", "no government has a meerjarenplan " + sc.period,
                             "--period", "import a meerjarenplan first (bbc import)");
    } else {
        auto plan = findPlan(ws, gov, sc.period);
        if (!plan.ok())
            return plan.error();
        sc.plans.push_back(*plan);
    }
    if (full) {
        auto lists = workspaceCodeLists(ws, sc.plans.front().regime);
        if (!lists.ok())
            return lists.error();
        sc.lists = std::move(lists).value();
        for (const auto& p : sc.plans)
            sc.trees[p.id] = loadTree(ws, p);
    }
    const std::string scope = option(options, "scope", "all");
    if (scope != "all" && scope != "subsidised")
        return makeError("bbc.bad_scope", "scope '" + scope + "' is not all or subsidised",
                         "--scope", "use --scope all or --scope subsidised");
    sc.filter.subsidisedOnly = scope == "subsidised";
    sc.filter.externalCode = option(options, "code");
    sc.description =
        (sc.allGovernments ? std::string("Alle besturen") : sc.plans.front().governmentName) +
        ", " + sc.period +
        (sc.filter.externalCode.empty()
             ? (sc.filter.subsidisedOnly
                    ? ", gesubsidieerd deel (acties met externe rapporteringscode)"
                    : "")
             : ", acties met code " + sc.filter.externalCode);
    return sc;
}

Result<report::Report> buildSchemaReport(Workspace& ws, std::string_view schema,
                                         const plugin::Options& options,
                                         const std::string& dataFolder) {
    auto scope = loadScope(ws, options);
    if (!scope.ok())
        return scope.error();
    const ReportScope& sc = *scope;
    const std::string kindText = option(options, "kind", "budget");
    auto kind = kindFromName(kindText);
    if (!kind)
        return makeError("bbc.bad_kind", "kind '" + kindText + "' is not budget or realisation",
                         "--kind", "use --kind budget or --kind realisation");
    int year = sc.firstYear;
    if (auto y = option(options, "year"); !y.empty()) {
        try {
            year = std::stoi(y);
        } catch (const std::exception&) {
            return makeError("bbc.bad_year", "year '" + y + "' is not a number", "--year",
                             "give a boekjaar");
        }
    }
    if (schema == "M2") {
        const auto regs = regsFor(ws, sc, *kind);
        const auto placed = place(regs, sc.lists.accounts);
        auto r = newReport("M2 Staat van het financieel evenwicht", sc);
        auto& s = r.addSection(sc.description);
        addM2(s, computeM2(placed, sc.firstYear, sc.lastYear), sc,
              "M2 " + std::string(kindName(*kind) == "budget" ? "meerjarenplan" : "realisatie"));
        if (sc.allGovernments) {
            auto& per = r.addSection("Per bestuur");
            auto& t = yearTable(per, "Beschikbaar budgettair resultaat (IX) per bestuur", sc,
                                {"Bestuur", "KBO"}, sc.firstYear, sc.lastYear);
            t.money("AFM laatste planjaar", report::TotalKind::None);
            for (const auto& p : sc.plans) {
                std::vector<Registration> own;
                for (const auto& reg : regs)
                    if (reg.planId == p.id)
                        own.push_back(reg);
                const auto m = computeM2(place(own, sc.lists.accounts), sc.firstYear, sc.lastYear);
                report::Row cells{p.governmentName, p.kbo};
                for (const auto& y : m.years)
                    cells.emplace_back(y.IX);
                cells.emplace_back(m.years.back().afm);
                t.addRow(std::move(cells));
            }
        }
        auto& note = s.addText("Toelichting", report::TextStyle::Note);
        note.add(
            "VI = account 093 when registered for the year, else VII of the previous year; VIII = "
            "account 090. "
            "AFM II.a = Financiering uitgaven I.A.1, II.b = Financiering ontvangsten II.C.1.a "
            "(bbc-spec §2.3 [D]). "
            "De gecorrigeerde autofinancieringsmarge is niet berekend: de regel voor gecorrigeerde "
            "aflossingen is niet publiek.");
        return r;
    }
    if (schema == "M1" || schema == "J1") {
        const bool j = schema == "J1";
        auto r =
            newReport(j ? "J1 Doelstellingenrekening" : "M1 Financieel doelstellingenplan", sc);
        auto& s = r.addSection(sc.description);
        if (!j) {
            const auto regs = regsFor(ws, sc, *kind);
            const M1 m1 = computeM1(place(regs, sc.lists.accounts), sc.trees);
            auto& t = yearTable(s, "M1", sc, {"Code", "Beleidsdoelstelling", "Rubriek"},
                                sc.firstYear, sc.lastYear);
            for (const auto& g : m1.priorityGoals)
                m1Rows(t, g, sc.firstYear, sc.lastYear);
            m1Rows(t, m1.nonPriority, sc.firstYear, sc.lastYear);
            m1Rows(t, m1.withoutGoal, sc.firstYear, sc.lastYear);
            M1Row total{"", "Totaal", {}};
            for (int y = sc.firstYear; y <= sc.lastYear; ++y)
                total.byYear[y] = m1.total(y);
            m1Rows(t, total, sc.firstYear, sc.lastYear);
            return r;
        }
        const auto budget = regsFor(ws, sc, RegKind::Budget);
        const auto real = regsFor(ws, sc, RegKind::Realisation);
        const M1 mb = computeM1(place(budget, sc.lists.accounts), sc.trees);
        const M1 mr = computeM1(place(real, sc.lists.accounts), sc.trees);
        auto& t = s.addTable("J1 boekjaar " + std::to_string(year), "Registraties; bbc-spec §2.11");
        t.unit = "euro";
        t.text("Code")
            .text("Beleidsdoelstelling")
            .text("Rubriek")
            .money("Meerjarenplan (krediet)", report::TotalKind::None)
            .money("Jaarrekening (realisatie)", report::TotalKind::None);
        auto rows = [&](const M1Row& b, const M1Row& rr) {
            auto at = [&](const M1Row& row) {
                auto it = row.byYear.find(year);
                return it == row.byYear.end() ? Flows{} : it->second;
            };
            const Flows fb = at(b), fr = at(rr);
            for (int sec = 0; sec < 3; ++sec)
                for (int k = 0; k < 3; ++k)
                    t.addRow({b.code, b.label,
                              std::string(kSections[sec]) + " - " +
                                  (k == 0   ? "Uitgaven"
                                   : k == 1 ? "Ontvangsten"
                                            : "Saldo"),
                              k == 0   ? fb.u[sec]
                              : k == 1 ? fb.o[sec]
                                       : fb.saldo(sec),
                              k == 0   ? fr.u[sec]
                              : k == 1 ? fr.o[sec]
                                       : fr.saldo(sec)});
        };
        for (std::size_t i = 0; i < mb.priorityGoals.size(); ++i)
            rows(mb.priorityGoals[i], mr.priorityGoals[i]);
        rows(mb.nonPriority, mr.nonPriority);
        rows(mb.withoutGoal, mr.withoutGoal);
        return r;
    }
    if (schema == "M3" || schema == "J3") {
        const bool j = schema == "J3";
        auto r =
            newReport(j ? "J3 Realisatie van de kredieten" : "M3 Overzicht van de kredieten", sc);
        const auto budget = regsFor(ws, sc, RegKind::Budget);
        const auto m3b = computeM3(place(budget, sc.lists.accounts));
        std::vector<Registration> real;
        std::map<std::string, std::map<int, M3Lines>> m3r;
        if (j) {
            real = regsFor(ws, sc, RegKind::Realisation);
            m3r = computeM3(place(real, sc.lists.accounts));
        }
        std::set<std::string> entities;
        for (const auto& [e, _] : m3b)
            entities.insert(e);
        for (const auto& [e, _] : m3r)
            entities.insert(e);
        for (const auto& entity : entities) {
            auto& s = r.addSection("Budgettaire entiteit " + entity);
            auto& t = s.addTable(entity, "Registraties; bbc-spec §2.5");
            t.unit = "euro";
            t.text("Rubriek");
            const std::vector<int> years =
                j ? std::vector<int>{year} : std::vector<int>{year, year + 1};
            for (int y : years) {
                if (j) {
                    t.money("Uitgaven krediet " + std::to_string(y), report::TotalKind::None)
                        .money("Uitgaven realisatie " + std::to_string(y), report::TotalKind::None)
                        .money("Ontvangsten krediet " + std::to_string(y), report::TotalKind::None)
                        .money("Ontvangsten realisatie " + std::to_string(y),
                               report::TotalKind::None);
                } else {
                    t.money("Uitgaven " + std::to_string(y), report::TotalKind::None)
                        .money("Ontvangsten " + std::to_string(y), report::TotalKind::None);
                }
            }
            auto lines = [](const std::map<std::string, std::map<int, M3Lines>>& m,
                            const std::string& e, int y) {
                auto a = m.find(e);
                if (a == m.end())
                    return M3Lines{};
                auto b = a->second.find(y);
                return b == a->second.end() ? M3Lines{} : b->second;
            };
            const std::array<const char*, 6> labels{"Exploitatie",
                                                    "Investeringen",
                                                    "Financiering",
                                                    "- Leningen en leasings",
                                                    "- Toegestane leningen en betalingsuitstel",
                                                    "- Overige financieringstransacties"};
            for (int li = 0; li < 6; ++li) {
                report::Row cells{labels[li]};
                auto pick = [&](const M3Lines& l, bool u) -> Money {
                    switch (li) {
                        case 0:
                        case 1:
                        case 2:
                            return u ? l.flows.u[li] : l.flows.o[li];
                        case 3:
                            return u ? l.loansU : l.loansO;
                        case 4:
                            return u ? l.grantedU : l.grantedO;
                        default:
                            return u ? l.otherFinU() : l.otherFinO();
                    }
                };
                for (int y : years) {
                    const M3Lines b = lines(m3b, entity, y);
                    if (j) {
                        const M3Lines rr = lines(m3r, entity, y);
                        cells.insert(cells.end(), {pick(b, true), pick(rr, true), pick(b, false),
                                                   pick(rr, false)});
                    } else {
                        cells.insert(cells.end(), {pick(b, true), pick(b, false)});
                    }
                }
                t.addRow(std::move(cells));
            }
            s.addText("Limitatieve kredieten", report::TextStyle::Note)
                .add(
                    "Limitatief (bindend): de totale exploitatie-uitgaven, de totale "
                    "investeringsuitgaven, "
                    "de financieringsuitgaven voor toegestane leningen en betalingsuitstel en de "
                    "ontvangsten "
                    "uit leningen en leasings (bbc-spec §2.5). De andere bedragen zijn ramingen.");
        }
        if (entities.empty())
            r.addSection(sc.description).addText().add("Geen registraties in deze selectie.");
        return r;
    }
    if (schema == "T2") {
        auto labels = rubricLabels(sc.lists, dataFolder);
        if (!labels.ok())
            return labels.error();
        const auto regs = regsFor(ws, sc, *kind);
        const auto t2 = computeT2(place(regs, sc.lists.accounts));
        auto r = newReport("T2 Ontvangsten en uitgaven naar economische aard", sc);
        for (Section sec : {Section::Exploitatie, Section::Investeringen, Section::Financiering}) {
            auto& s = r.addSection(std::string(sectionName(sec)));
            auto& t = yearTable(s, std::string(sectionName(sec)), sc, {"Rubriek", "Omschrijving"},
                                sc.firstYear, sc.lastYear);
            std::map<int, Money> saldo;
            for (char side : {'U', 'O'}) {
                std::vector<std::pair<std::vector<std::string>, std::string>> codes;
                for (const auto& [key, label] : *labels)
                    if (key.section == sec && key.side == side)
                        codes.emplace_back(parts(key.rubric), key.rubric);
                std::sort(codes.begin(), codes.end());
                t.addRow(report::Row{side == 'U' ? "I" : "II",
                                     side == 'U' ? "Uitgaven" : "Ontvangsten"});
                auto& head = t.rows.back();
                for (int y = sc.firstYear; y <= sc.lastYear; ++y)
                    head.emplace_back(Money{});
                const std::size_t headRow = t.rows.size() - 1;
                for (const auto& [_, code] : codes) {
                    if (code == "I" || code == "II")
                        continue;
                    report::Row cells{code, labels->at({sec, side, code})};
                    for (int y = sc.firstYear; y <= sc.lastYear; ++y) {
                        Money sum;
                        for (const auto& [key, byYear] : t2)
                            if (key.section == sec && key.side == side &&
                                (key.rubric == code ||
                                 key.rubric.compare(0, code.size() + 1, code + ".") == 0))
                                if (auto it = byYear.find(y); it != byYear.end())
                                    sum += it->second;
                        cells.emplace_back(sum);
                    }
                    t.addRow(std::move(cells));
                }
                for (int y = sc.firstYear; y <= sc.lastYear; ++y) {
                    Money total;
                    for (const auto& [key, byYear] : t2)
                        if (key.section == sec && key.side == side)
                            if (auto it = byYear.find(y); it != byYear.end())
                                total += it->second;
                    t.rows[headRow][2 + (y - sc.firstYear)] = total;
                    saldo[y] += side == 'O' ? total : -total;
                }
            }
            report::Row cells{"III", "Saldo"};
            for (int y = sc.firstYear; y <= sc.lastYear; ++y)
                cells.emplace_back(saldo[y]);
            t.addRow(std::move(cells));
        }
        return r;
    }
    return makeError("bbc.unknown_schema", "unknown schema '" + std::string(schema) + "'", "report",
                     "use M1, M2, M3, T2, J1 or J3");
}

}  // namespace kk::bbc
