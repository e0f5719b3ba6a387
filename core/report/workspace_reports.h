// The core report set built from a workspace (DOMAIN.md "Reports users expect"): portfolio,
// funding mix, budget vs realised, allocation, indicator progress and subsidy calendar. Each
// builder fills a kk::report::Report that any writer (CSV, XLSX, HTML, PDF) or the GUI preview
// turns into its own form. Target koppelkans_report_workspace, so koppelkans_report itself
// stays free of the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/report/report.h"

namespace kk {
class Workspace;
}

namespace kk::report {

/// Filters and choices of the report set. Every field is optional; a report ignores the
/// fields it does not use (workspaceReports() lists which it uses).
struct WorkspaceReportOptions {
    std::string area;       ///< portfolio: only projects touching the area with this code
    std::string coalition;  ///< portfolio, funding-mix: only projects of this coalition
    std::string project;    ///< allocation (default: the first project with cost items),
                            ///< budget-vs-realised and funding-mix: only this project
    std::string strategy = "waterfall";  ///< allocation: waterfall, pro_rata, maximise_external
    std::optional<Date> from;            ///< subsidy-calendar: first date shown
    std::optional<Date> to;              ///< subsidy-calendar: last date shown
    /// The day "overdue" is measured against (subsidy-calendar); default: today.
    std::optional<Date> asOf;
    int chartCategories = 15;  ///< at most this many bars per chart (largest first)
};

/// One report of the set, for `koppelkans-cli report --list`, the help text and the GUI menu.
struct WorkspaceReportInfo {
    std::string name;   ///< "portfolio"
    std::string title;  ///< Dutch title as printed on the cover
    std::string description;
    std::vector<std::string> options;  ///< CLI options it reads, e.g. "--area CODE"
};

/// The reports in the order the CLI lists them.
const std::vector<WorkspaceReportInfo>& workspaceReports();

/// Builds the named report. Calls progress.step() while it reads and computes, and returns
/// an Error with code "cancelled" when progress.cancelled() turns true. Unknown names,
/// unknown area/coalition/project codes and unknown strategies are user-facing errors that
/// say what to use instead.
Result<Report> buildWorkspaceReport(Workspace& ws, std::string_view name,
                                    const WorkspaceReportOptions& options, Progress& progress);

// The individual builders (same contract as buildWorkspaceReport).
Result<Report> buildPortfolioReport(Workspace& ws, const WorkspaceReportOptions& options,
                                    Progress& progress);
Result<Report> buildFundingMixReport(Workspace& ws, const WorkspaceReportOptions& options,
                                     Progress& progress);
Result<Report> buildBudgetVsRealisedReport(Workspace& ws, const WorkspaceReportOptions& options,
                                           Progress& progress);
Result<Report> buildAllocationReport(Workspace& ws, const WorkspaceReportOptions& options,
                                     Progress& progress);
Result<Report> buildIndicatorProgressReport(Workspace& ws, const WorkspaceReportOptions& options,
                                            Progress& progress);
Result<Report> buildSubsidyCalendarReport(Workspace& ws, const WorkspaceReportOptions& options,
                                          Progress& progress);

}  // namespace kk::report
