// Indicator progress: every target against the latest measurement up to its year, with the
// exact share of the way from the baseline covered.
#include <algorithm>
#include <map>

#include "core/report/workspace_report_detail.h"
#include "core/store/workspace.h"

namespace kk::report {
namespace {

using namespace detail;

constexpr const char* kSource = "Werkruimte: kk_indicator, kk_target, kk_measurement";

struct TargetRow {
    std::int64_t indicatorId = 0;
    std::string code;
    std::string name;
    std::string unit;
    std::string direction;
    std::string subjectKind;
    std::int64_t subjectId = 0;
    std::int64_t year = 0;
    std::optional<Decimal> baseline;
    std::optional<Decimal> target;
    bool milestone = false;
    std::optional<Decimal> measured;
    std::int64_t measuredYear = 0;
};

std::string subjectCode(Workspace& ws, const std::string& kind, std::int64_t id) {
    const char* sql = kind == "project"     ? "SELECT code FROM kk_project WHERE id = ?"
                      : kind == "coalition" ? "SELECT code FROM kk_coalition WHERE id = ?"
                      : kind == "programme" ? "SELECT code FROM kk_programme WHERE id = ?"
                      : kind == "area"      ? "SELECT code FROM areas WHERE fid = ?"
                                            : nullptr;
    const std::string label = kind == "project"     ? "project"
                              : kind == "coalition" ? "coalitie"
                              : kind == "programme" ? "programma"
                              : kind == "area"      ? "gebied"
                                                    : kind;
    if (sql) {
        auto st = ws.db().prepare(sql);
        st.bind(1, id);
        if (st.step())
            return label + " " + st.getText(0);
    }
    return kind + " #" + std::to_string(id);
}

/// (measured - baseline) / (target - baseline), exact; empty without a measurement or when
/// the target equals the baseline.
Cell progressOf(const TargetRow& t) {
    if (!t.measured || !t.target)
        return Cell();
    const Decimal b = t.baseline.value_or(Decimal{0, 0});
    const int p = std::max({b.places, t.target->places, t.measured->places});
    const std::int64_t den = t.target->withPlaces(p).scaled - b.withPlaces(p).scaled;
    if (den == 0)
        return Cell();
    return Cell(Rate(t.measured->withPlaces(p).scaled - b.withPlaces(p).scaled, den));
}

std::string statusOf(const TargetRow& t) {
    if (!t.target)
        return "geen streefwaarde";
    if (!t.measured)
        return "geen meting";
    const int p = std::max(t.target->places, t.measured->places);
    const auto m = t.measured->withPlaces(p).scaled;
    const auto v = t.target->withPlaces(p).scaled;
    const bool reached = t.direction == "decrease" ? m <= v : m >= v;
    if (reached)
        return "bereikt";
    return t.measuredYear < t.year ? "nog niet bereikt" : "niet bereikt";
}

Cell decimalCell(const std::optional<Decimal>& d, int places) {
    return d ? Cell(d->withPlaces(places)) : Cell();
}

Report build(Workspace& ws, const WorkspaceReportOptions&, Progress& progress) {
    BuildSteps steps(progress, "indicator-progress", 1);
    Report r =
        newReport(ws, "Voortgang van de indicatoren", "Streefwaarden tegenover de laatste meting");
    std::vector<TargetRow> targets;
    {
        auto st = ws.db().prepare(
            "SELECT i.id, i.code, i.name, i.unit, i.direction, t.subject_kind, t.subject_id,"
            " t.year, t.baseline, t.value, t.milestone FROM kk_target t"
            " JOIN kk_indicator i ON i.id = t.indicator_id"
            " ORDER BY i.code, t.subject_kind, t.subject_id, t.year, t.id");
        while (st.step())
            targets.push_back({st.getInt(0), st.getText(1), st.getText(2), st.getText(3),
                               st.getText(4), st.getText(5), st.getInt(6), st.getInt(7),
                               parseDecimal(st.getText(8)), parseDecimal(st.getText(9)),
                               st.getInt(10) != 0, std::nullopt, 0});
    }
    steps.addTotal(static_cast<std::int64_t>(targets.size()));
    steps.step();
    auto latest = ws.db().prepare(
        "SELECT value, year FROM kk_measurement WHERE indicator_id = ? AND subject_kind = ? AND"
        " subject_id = ? AND year <= ? ORDER BY year DESC, id DESC LIMIT 1");
    int places = 0;
    for (TargetRow& t : targets) {
        steps.step();
        latest.reset();
        latest.bind(1, t.indicatorId).bind(2, t.subjectKind).bind(3, t.subjectId).bind(4, t.year);
        if (latest.step()) {
            t.measured = parseDecimal(latest.getText(0));
            t.measuredYear = latest.getInt(1);
        }
        for (const auto* d : {&t.baseline, &t.target, &t.measured})
            if (*d)
                places = std::max(places, (*d)->places);
    }

    Section& s = r.addSection("Voortgang per indicator");
    TextBlock& intro = s.addText();
    intro.add(
        "Per streefwaarde de laatste meting tot en met het jaar van de streefwaarde. "
        "Voortgang = (meting − basis) / (streefwaarde − basis), exact berekend; 100 % is "
        "de streefwaarde, boven 100 % is ze overschreden.");
    if (targets.empty())
        intro.add(
            "Deze werkruimte heeft nog geen streefwaarden. Voeg indicatoren, "
            "streefwaarden en metingen toe om hier de voortgang te zien.");
    TableBlock& t = s.addTable("Streefwaarden en metingen", kSource);
    t.text("Indicator")
        .text("Naam")
        .text("Eenheid")
        .text("Onderwerp")
        .year("Jaar")
        .decimal("Basis", places, {}, TotalKind::None)
        .decimal("Streefwaarde", places, {}, TotalKind::None)
        .decimal("Meting", places, {}, TotalKind::None)
        .year("Meetjaar")
        .rate("Voortgang")
        .text("Status");
    std::map<std::string, std::string> subjects;
    for (const TargetRow& tr : targets) {
        const std::string key = tr.subjectKind + "#" + std::to_string(tr.subjectId);
        if (!subjects.count(key))
            subjects[key] = subjectCode(ws, tr.subjectKind, tr.subjectId);
        t.addRow({tr.code, tr.name, tr.unit, subjects[key], tr.year,
                  decimalCell(tr.baseline, places), decimalCell(tr.target, places),
                  decimalCell(tr.measured, places), tr.measured ? Cell(tr.measuredYear) : Cell(),
                  progressOf(tr), statusOf(tr)});
    }

    // One line chart per indicator and subject (the first few): targets against every
    // measurement over the years.
    std::map<std::pair<std::int64_t, std::string>, std::vector<const TargetRow*>> series;
    for (const TargetRow& tr : targets)
        series[{tr.indicatorId, tr.subjectKind + "#" + std::to_string(tr.subjectId)}].push_back(
            &tr);
    int charts = 0;
    auto all = ws.db().prepare(
        "SELECT year, value FROM kk_measurement WHERE indicator_id = ? AND subject_kind = ? AND"
        " subject_id = ? ORDER BY year, id");
    for (const auto& [key, rows] : series) {
        if (++charts > 6)
            break;
        const TargetRow& first = *rows.front();
        std::map<std::int64_t, std::pair<Cell, Cell>> byYear;  // year -> target, measured
        for (const TargetRow* tr : rows)
            byYear[tr->year].first = decimalCell(tr->target, places);
        all.reset();
        all.bind(1, first.indicatorId).bind(2, first.subjectKind).bind(3, first.subjectId);
        while (all.step())
            byYear[all.getInt(0)].second = decimalCell(parseDecimal(all.getText(1)), places);
        ChartBlock& c = s.addChart(
            ChartKind::Line, first.code + " " + first.name + " — " + subjects[key.second], kSource);
        c.unit = first.unit;
        c.xAxisTitle = "jaar";
        c.yAxisTitle = first.unit;
        std::vector<Cell> targetValues;
        std::vector<Cell> measuredValues;
        for (const auto& [year, v] : byYear) {
            c.addCategory(std::to_string(year));
            targetValues.push_back(v.first);
            measuredValues.push_back(v.second);
        }
        c.addSeries("Streefwaarde", std::move(targetValues));
        c.addSeries("Meting", std::move(measuredValues));
    }
    return r;
}

}  // namespace

Result<Report> buildIndicatorProgressReport(Workspace& ws, const WorkspaceReportOptions& options,
                                            Progress& progress) {
    return guarded([&] { return build(ws, options, progress); });
}

}  // namespace kk::report
