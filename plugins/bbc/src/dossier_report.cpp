// The subsidy dossier per external reporting code (bbc-spec §4.4) and the preflight report.
#include <set>

#include "core/store/workspace.h"
#include "plugins/bbc/src/preflight.h"
#include "plugins/bbc/src/reports.h"

namespace kk::bbc {
namespace {

bool accountInPattern(const std::string& account, const std::string& pattern) {
    if (pattern.empty())
        return true;
    const auto slash = pattern.find('/');
    if (slash == std::string::npos)
        return account.compare(0, pattern.size(), pattern) == 0;
    const std::string first = pattern.substr(0, slash);
    const std::string tail = pattern.substr(slash + 1);
    const std::string last = first.substr(0, first.size() - tail.size()) + tail;
    if (account.size() < first.size())
        return false;
    const std::string head = account.substr(0, first.size());
    return head >= first && head <= last;
}

}  // namespace

Result<report::Report> buildDossierReport(Workspace& ws, const plugin::Options& options) {
    auto scope = loadScope(ws, options);
    if (!scope.ok())
        return scope.error();
    const ReportScope& sc = *scope;
    std::set<std::string> codes;
    if (!sc.filter.externalCode.empty()) {
        codes.insert(sc.filter.externalCode);
    } else {
        for (const auto& [_, tree] : sc.trees)
            for (const auto& a : tree.actions)
                codes.insert(a.externalCodes.begin(), a.externalCodes.end());
    }
    report::Report r;
    r.title = "Subsidiedossier per externe rapporteringscode";
    r.subtitle = sc.description;
    r.addParameter("Bestuur",
                   sc.allGovernments ? "alle besturen" : sc.plans.front().governmentName);
    r.addParameter("Planperiode", sc.period);
    if (codes.empty())
        r.addSection("Geen codes")
            .addText()
            .add("Geen enkele actie in deze selectie draagt een externe rapporteringscode.");
    for (const std::string& code : codes) {
        auto& s = r.addSection("Code " + code);
        auto info = ws.db().prepare(
            "SELECT c.name, c.grantor, coalesce(i.subsidy, ''), coalesce(i.expected_account, ''), "
            "coalesce(i.expected_policy_field, ''), coalesce(i.expected_sector_code, ''), "
            "coalesce(i.source, 'not in the versioned list') FROM kk_external_code c LEFT JOIN "
            "bbc_external_code_info i ON i.code_id = c.id WHERE c.code = ?");
        info.bind(1, code);
        std::string account, field, sector;
        auto& head = s.addTable("Code", "kk_external_code, data/bbc/external_codes.csv");
        head.text("Gegeven").text("Waarde");
        if (info.step()) {
            account = info.getText(3);
            field = info.getText(4);
            sector = info.getText(5);
            head.addRow({"Code", code});
            head.addRow({"Omschrijving", info.getText(0)});
            head.addRow({"Verstrekker", info.getText(1)});
            head.addRow({"Subsidie", info.getText(2)});
            head.addRow(
                {"Verwachte boeking", (account.empty() ? std::string("-") : "rekening " + account) +
                                          (field.empty() ? "" : ", beleidsveld " + field) +
                                          (sector.empty() ? "" : ", ESC " + sector)});
            head.addRow({"Bron", info.getText(6)});
        } else {
            head.addRow({"Code", code + " (unknown in this workspace)"});
        }
        auto& acts = s.addTable("Acties met deze code", "Strategische nota van het meerjarenplan");
        acts.text("Bestuur")
            .text("BD")
            .text("BD omschrijving")
            .text("AP")
            .text("AP omschrijving")
            .text("Actie")
            .text("Korte omschrijving")
            .text("Prioritair")
            .text("Lange omschrijving")
            .text("Commentaar")
            .text("Evaluatie");
        std::set<std::int64_t> actionIds;
        for (const auto& p : sc.plans) {
            const PolicyTree& tree = sc.trees.at(p.id);
            for (const auto& a : tree.actions) {
                if (std::find(a.externalCodes.begin(), a.externalCodes.end(), code) ==
                    a.externalCodes.end())
                    continue;
                actionIds.insert(a.id);
                const PolicyItem* ap = tree.plan(a.parentId);
                const PolicyItem* bd = tree.goalOfAction(a.id);
                acts.addRow({p.governmentName, bd ? bd->code : "", bd ? bd->title : "",
                             ap ? ap->code : "", ap ? ap->title : "", a.code, a.title,
                             a.priority ? "ja" : "nee", a.longText, a.comment, a.evaluation});
            }
        }
        RegistrationFilter f;
        f.externalCode = code;
        const auto regs = loadRegistrations(ws, sc.plans, f);
        auto& t = s.addTable("Gepland en gerealiseerd per jaar (alle registraties van deze acties)",
                             "bbc_registration: budget = meerjarenplan, realisatie = jaarrekening");
        t.unit = "euro";
        t.year("Boekjaar")
            .money("Uitgaven gepland")
            .money("Uitgaven gerealiseerd")
            .money("Ontvangsten gepland")
            .money("Ontvangsten gerealiseerd");
        auto& sub = s.addTable("Subsidieontvangsten volgens de verwachte boeking",
                               "registrations O matching account, beleidsveld and ESC of the code");
        sub.unit = "euro";
        sub.year("Boekjaar").money("Gepland").money("Gerealiseerd").money("Nog te realiseren");
        for (int y = sc.firstYear; y <= sc.lastYear; ++y) {
            Money bu, ru, bo, ro, sb, sr;
            for (const auto& reg : regs) {
                if (reg.year != y)
                    continue;
                const bool budget = reg.kind == RegKind::Budget;
                if (reg.direction == 'U')
                    (budget ? bu : ru) += reg.amount;
                else
                    (budget ? bo : ro) += reg.amount;
                if (reg.direction == 'O' && accountInPattern(reg.account, account) &&
                    (field.empty() || reg.policyField.compare(0, 4, field) == 0) &&
                    (sector.empty() || reg.sectorCode == sector))
                    (budget ? sb : sr) += reg.amount;
            }
            t.addRow({y, bu, ru, bo, ro});
            sub.addRow({y, sb, sr, sb - sr});
        }
        t.withTotals();
        sub.withTotals();
    }
    return r;
}

Result<report::Report> buildPreflightReport(Workspace& ws, const plugin::Options& options) {
    plugin::Options o = options;
    o.erase("scope");
    o.erase("code");
    auto scope = loadScope(ws, o);
    if (!scope.ok())
        return scope.error();
    report::Report r;
    r.title = "BBC preflight";
    r.subtitle = scope->description;
    r.addParameter("Planperiode", scope->period);
    auto& s = r.addSection("Bevindingen");
    auto& t = s.addTable("Bevindingen", "bbc-spec §7 and §4.4");
    t.text("Ernst").text("Regel").text("Waar").text("Wat").text("Wat te doen");
    std::int64_t errors = 0, warnings = 0;
    for (const auto& plan : scope->plans)
        for (const auto& f : preflight(ws, plan, scope->lists)) {
            t.addRow({std::string(severityText(f.severity)), f.rule, f.where, f.message, f.hint});
            errors += f.severity == Severity::Error;
            warnings += f.severity == Severity::Warning;
        }
    s.addText("Samenvatting")
        .add(std::to_string(errors) + " fouten, " + std::to_string(warnings) + " waarschuwingen, " +
             std::to_string(t.rows.size()) + " bevindingen in totaal.");
    return r;
}

}  // namespace kk::bbc
