// The subsidy calendar: call deadlines, payment tranches due, claims and other reporting
// duties (project ends, coalition agreements that expire), in date order.
#include <algorithm>
#include <map>

#include "core/report/workspace_report_detail.h"
#include "core/store/workspace.h"

namespace kk::report {
namespace {

using namespace detail;

constexpr const char* kSource =
    "Werkruimte: kk_call, kk_payment_tranche, kk_claim, kk_project, kk_coalition";

struct Event {
    Date date;
    std::string kind;
    std::string funding;  ///< programme or fund
    std::string subject;  ///< project or coalition
    std::string what;
    std::optional<std::int64_t> amount;
    std::string status;
};

const char* trancheName(const std::string& kind) {
    if (kind == "advance")
        return "Betaling: voorschot";
    if (kind == "interim")
        return "Betaling: tussentijdse schijf";
    if (kind == "balance")
        return "Betaling: saldo";
    return "Betaling";
}

Report build(Workspace& ws, const WorkspaceReportOptions& o, Progress& progress) {
    BuildSteps steps(progress, "subsidy-calendar", 6);
    Report r = newReport(ws, "Subsidiekalender",
                         "Deadlines van oproepen, betalingen en verantwoordingsplichten");
    const Date asOf = o.asOf.value_or(Date::today());
    if (o.from)
        r.addParameter("Vanaf", o.from->toString());
    if (o.to)
        r.addParameter("Tot en met", o.to->toString());
    r.addParameter("Toestand op", asOf.toString());
    std::vector<Event> events;
    std::int64_t undated = 0;
    auto add = [&](const std::string& dateText, Event e) {
        auto d = Date::parse(dateText);
        if (!d) {
            ++undated;
            return;
        }
        e.date = d.value();
        if ((o.from && e.date < *o.from) || (o.to && *o.to < e.date))
            return;
        events.push_back(std::move(e));
    };
    {
        auto st = ws.db().prepare(
            "SELECT c.code, c.name, g.code, c.opens, c.closes, c.budget, c.status FROM kk_call c"
            " JOIN kk_programme g ON g.id = c.programme_id ORDER BY c.code");
        while (st.step()) {
            const std::string what = st.getText(0) + " " + st.getText(1);
            add(st.getText(3),
                {{}, "Oproep opent", st.getText(2), "", what, st.getInt(5), st.getText(6)});
            add(st.getText(4), {{},
                                "Indiendeadline oproep",
                                st.getText(2),
                                "",
                                what,
                                st.getInt(5),
                                st.getText(6)});
        }
    }
    steps.step();
    {
        auto st = ws.db().prepare(
            "SELECT t.kind, COALESCE(t.due, ''), t.amount, COALESCE(t.paid_on, ''), f.code,"
            " p.code FROM kk_payment_tranche t JOIN kk_award w ON w.id = t.award_id"
            " JOIN kk_fund f ON f.id = w.fund_id JOIN kk_project p ON p.id = w.project_id");
        while (st.step()) {
            const std::string paid = st.getText(3);
            std::string status = "verwacht";
            if (!paid.empty())
                status = "betaald op " + paid;
            else if (auto d = Date::parse(st.getText(1)); d && d.value() < asOf)
                status = "achterstallig";
            add(st.getText(1), {{},
                                trancheName(st.getText(0)),
                                st.getText(4),
                                st.getText(5),
                                "Uitbetaling van de toekenning",
                                st.getInt(2),
                                status});
        }
    }
    steps.step();
    {
        auto st = ws.db().prepare(
            "SELECT c.period_from, COALESCE(c.period_to, ''), c.amount,"
            " COALESCE(c.submitted_on, ''), c.status, f.code, p.code FROM kk_claim c"
            " JOIN kk_award w ON w.id = c.award_id JOIN kk_fund f ON f.id = w.fund_id"
            " JOIN kk_project p ON p.id = w.project_id");
        while (st.step()) {
            const std::string to = st.getText(1);
            const std::string submitted = st.getText(3);
            std::string status = st.getText(4);
            if (!submitted.empty())
                status += ", ingediend op " + submitted;
            add(to.empty() ? st.getText(0) : to,
                {{},
                 "Verantwoording (schuldvordering)",
                 st.getText(5),
                 st.getText(6),
                 "Periode " + st.getText(0) + (to.empty() ? "" : " – " + to),
                 st.getInt(2),
                 status});
        }
    }
    steps.step();
    {
        // Every project with a granted award owes a final report when it ends.
        auto st = ws.db().prepare(
            "SELECT p.code, p.name, p.end_date, group_concat(f.code, ', '), SUM(w.amount)"
            " FROM kk_project p JOIN kk_award w ON w.project_id = p.id AND w.status = 'granted'"
            " JOIN kk_fund f ON f.id = w.fund_id WHERE p.end_date IS NOT NULL"
            " GROUP BY p.id ORDER BY p.code");
        while (st.step())
            add(st.getText(2), {{},
                                "Einde project: eindverantwoording",
                                st.getText(3),
                                st.getText(0),
                                st.getText(1),
                                st.getInt(4),
                                ""});
    }
    steps.step();
    {
        auto st = ws.db().prepare(
            "SELECT code, name, agreement_to, continuity_plan FROM kk_coalition"
            " WHERE agreement_to IS NOT NULL AND agreement_to <> '' ORDER BY code");
        while (st.step())
            add(st.getText(2),
                {{},
                 "Einde samenwerkingsovereenkomst",
                 "",
                 st.getText(0),
                 st.getText(1),
                 std::nullopt,
                 st.getText(3).empty() ? "geen continuïteitsplan" : "continuïteitsplan"});
    }
    steps.step();
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::tie(a.date, a.kind, a.subject) < std::tie(b.date, b.kind, b.subject);
    });
    steps.addTotal(static_cast<std::int64_t>(events.size()));

    Section& s = r.addSection("Kalender");
    TextBlock& intro = s.addText();
    intro.add(
        "Alle data met een termijn: oproepen die openen en sluiten, betalingen die "
        "verwacht worden, schuldvorderingen, de eindverantwoording van elk project met "
        "een toekenning en het einde van elke samenwerkingsovereenkomst.");
    if (undated > 0)
        intro.add(std::to_string(undated) +
                  " termijnen zonder geldige datum zijn niet "
                  "opgenomen; vul hun datum aan in de werkruimte.");
    TableBlock& t = s.addTable("Termijnen in volgorde van datum", kSource);
    t.date("Datum")
        .text("Soort")
        .text("Programma of fonds")
        .text("Project of coalitie")
        .text("Omschrijving")
        .money("Bedrag", TotalKind::None)
        .text("Status");
    // month -> count per kind
    std::map<std::string, std::map<std::string, std::int64_t>> perMonth;
    std::map<std::string, std::int64_t> kinds;
    for (const Event& e : events) {
        steps.step();
        t.addRow({e.date, e.kind, e.funding, e.subject, e.what,
                  e.amount ? money(*e.amount) : Cell(), e.status});
        ++perMonth[e.date.toString().substr(0, 7)][e.kind];
        kinds[e.kind] = 0;
    }

    Section& m = r.addSection("Per maand");
    TableBlock& mt = m.addTable("Aantal termijnen per maand", kSource);
    mt.text("Maand");
    for (const auto& [kind, _] : kinds)
        mt.integer(kind);
    mt.withTotals();
    ChartBlock& c = m.addChart(ChartKind::StackedBar, "Termijnen per maand", kSource);
    c.yAxisTitle = "aantal";
    c.valueLabels = perMonth.size() <= 24;
    std::map<std::string, std::vector<Cell>> seriesValues;
    for (const auto& [month, counts] : perMonth) {
        Row row{month};
        c.addCategory(month);
        for (const auto& [kind, _] : kinds) {
            const auto it = counts.find(kind);
            const std::int64_t n = it == counts.end() ? 0 : it->second;
            row.emplace_back(n);
            seriesValues[kind].push_back(n ? Cell(n) : Cell());
        }
        mt.addRow(std::move(row));
    }
    for (auto& [kind, values] : seriesValues)
        c.addSeries(kind, std::move(values));
    return r;
}

}  // namespace

Result<Report> buildSubsidyCalendarReport(Workspace& ws, const WorkspaceReportOptions& options,
                                          Progress& progress) {
    return guarded([&] { return build(ws, options, progress); });
}

}  // namespace kk::report
