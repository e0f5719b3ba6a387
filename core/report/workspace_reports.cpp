// The registry of the core report set and the helpers every builder shares.
#include "core/report/workspace_reports.h"

#include <cctype>
#include <filesystem>

#include "core/report/workspace_report_detail.h"
#include "core/store/workspace.h"

namespace kk::report {

const std::vector<WorkspaceReportInfo>& workspaceReports() {
    static const std::vector<WorkspaceReportInfo> reports = {
        {"portfolio",
         "Portfolio per gebied en per coalitie",
         "all programmes, funds and euros per area and per coalition, with a map of the awarded "
         "funding per municipality",
         {"--area CODE", "--coalition CODE"}},
        {"funding-mix",
         "Financieringsmix",
         "per project stacked by fund, and per partner (awards shared by each partner's cost)",
         {"--project CODE", "--coalition CODE"}},
        {"budget-vs-realised",
         "Begroting en realisatie",
         "planned cost items against expenses per year and per cost category",
         {"--project CODE"}},
        {"allocation",
         "Kostenverdeling met toelichting",
         "one project's costs split over its funds, with the reason for every cell",
         {"--project CODE", "--strategy waterfall|pro_rata|maximise_external"}},
        {"indicator-progress",
         "Voortgang van de indicatoren",
         "targets against the latest measurements, with the share of the way covered",
         {}},
        {"subsidy-calendar",
         "Subsidiekalender",
         "call deadlines, payment tranches due, claims and reporting duties by date",
         {"--from DATE", "--to DATE"}},
    };
    return reports;
}

Result<Report> buildWorkspaceReport(Workspace& ws, std::string_view name,
                                    const WorkspaceReportOptions& options, Progress& progress) {
    if (name == "portfolio")
        return buildPortfolioReport(ws, options, progress);
    if (name == "funding-mix")
        return buildFundingMixReport(ws, options, progress);
    if (name == "budget-vs-realised")
        return buildBudgetVsRealisedReport(ws, options, progress);
    if (name == "allocation")
        return buildAllocationReport(ws, options, progress);
    if (name == "indicator-progress")
        return buildIndicatorProgressReport(ws, options, progress);
    if (name == "subsidy-calendar")
        return buildSubsidyCalendarReport(ws, options, progress);
    std::string names;
    for (const auto& r : workspaceReports())
        names += (names.empty() ? "" : ", ") + r.name;
    return makeError("report.unknown", "there is no report called '" + std::string(name) + "'", {},
                     "choose one of: " + names);
}

namespace detail {

BuildSteps::BuildSteps(Progress& progress, std::string label, std::int64_t total)
    : m_progress(progress), m_label(std::move(label)), m_total(total) {
    check();
    m_progress.step(0, m_total, m_label);
}

void BuildSteps::check() const {
    if (m_progress.cancelled())
        throw KkError(makeError("cancelled", "building the report was cancelled", m_label,
                                "run the report again to get the file"));
}

void BuildSteps::step(std::int64_t n) {
    m_done += n;
    check();
    // Report about 200 times per builder at most: progress output must not cost time itself.
    const std::int64_t every = std::max<std::int64_t>(1, m_total / 200);
    if (m_lastReported < 0 || m_done - m_lastReported >= every || m_done >= m_total) {
        m_lastReported = m_done;
        m_progress.step(std::min(m_done, m_total), m_total, m_label);
    }
}

Report newReport(Workspace& ws, std::string title, std::string subtitle) {
    Report r;
    r.title = std::move(title);
    r.subtitle = std::move(subtitle);
    // The login name stands in for the author; "unknown" (no login) says nothing on a cover.
    if (ws.user() != "unknown")
        r.author = ws.user();
    r.addParameter("Werkruimte", std::filesystem::path(ws.path()).filename().string());
    return r;
}

std::optional<Decimal> parseDecimal(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    bool negative = false;
    if (text.front() == '-' || text.front() == '+') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::int64_t scaled = 0;
    int places = -1;  // -1: before the decimal separator
    bool digits = false;
    for (char c : text) {
        if ((c == '.' || c == ',') && places < 0) {
            places = 0;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
        if (places >= 9)
            continue;  // more than 9 decimals: the rest is below what a report shows
        if (__builtin_mul_overflow(scaled, 10, &scaled) ||
            __builtin_add_overflow(scaled, c - '0', &scaled))
            return std::nullopt;
        digits = true;
        if (places >= 0)
            ++places;
    }
    if (!digits)
        return std::nullopt;
    return Decimal{negative ? -scaled : scaled, std::max(places, 0)};
}

std::vector<std::string> splitList(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(';', start), text.size());
        std::string part(text.substr(start, end - start));
        while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back())))
            part.pop_back();
        const auto first = part.find_first_not_of(" \t");
        if (first != std::string::npos)
            out.push_back(part.substr(first));
        start = end + 1;
    }
    return out;
}

Error unknownCode(const std::string& what, const std::string& code, const std::string& option,
                  const std::string& listHint) {
    return makeError("report.unknown_" + what, "there is no " + what + " with code '" + code + "'",
                     option, "check the code; " + listHint + " lists them");
}

std::int64_t projectIdByCode(Workspace& ws, const std::string& code) {
    auto st = ws.db().prepare("SELECT id FROM kk_project WHERE code = ?");
    st.bind(1, code);
    if (!st.step())
        throw KkError(unknownCode("project", code, "--project",
                                  "'koppelkans-cli export WORKSPACE projects FILE'"));
    return st.getInt(0);
}

std::int64_t coalitionIdByCode(Workspace& ws, const std::string& code) {
    auto st = ws.db().prepare("SELECT id FROM kk_coalition WHERE code = ?");
    st.bind(1, code);
    if (!st.step())
        throw KkError(unknownCode("coalition", code, "--coalition",
                                  "'koppelkans-cli export WORKSPACE coalitions FILE'"));
    return st.getInt(0);
}

Cell rateCell(std::int64_t part, std::int64_t whole) {
    if (whole == 0)
        return Cell();
    return Cell(Rate::ofMoney(Money::fromCents(part), Money::fromCents(whole)));
}

}  // namespace detail
}  // namespace kk::report
