// The bbc plugin's reports as kk::report::Report (written by core/report as XLSX, CSV, HTML or
// PDF) and the registration export. Options (plugin::Options):
//   government  KBO number or name, or "all" for the roll-up over governments (coordinator)
//   period      plan period, e.g. "2020-2025"
//   scope       "all" (default) or "subsidised": registrations of acties with an external code
//   code        only acties carrying this external code
//   kind        budget (default for M*) or realisation
//   year        boekjaar (J1/J3, export; M3: the first of its two years)
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/plugin/plugin_host.h"
#include "core/report/report.h"
#include "plugins/bbc/src/code_lists.h"
#include "plugins/bbc/src/plan_store.h"

namespace kk {
class Workspace;
}

namespace kk::bbc {

/// The plans, trees and code lists a report works on.
struct ReportScope {
    std::vector<Plan> plans;
    std::map<std::int64_t, PolicyTree> trees;
    CodeLists lists;
    std::string period;
    int firstYear = 0, lastYear = 0;
    bool allGovernments = false;
    RegistrationFilter filter;
    std::string description;  ///< "Gemeente X, 2020-2025, gesubsidieerd deel"
};
/// `full` = false skips the code lists and policy trees (the export needs neither).
Result<ReportScope> loadScope(Workspace& ws, const plugin::Options& options, bool full = true);

/// schema: M1, M2, M3, T2, J1 or J3. `dataFolder` holds t2_rubrics.csv (plugin data/).
Result<report::Report> buildSchemaReport(Workspace& ws, std::string_view schema,
                                         const plugin::Options& options,
                                         const std::string& dataFolder);
/// The subsidy dossier per external code (option `code`; all codes of the plan otherwise).
Result<report::Report> buildDossierReport(Workspace& ws, const plugin::Options& options);
/// The preflight findings of every plan in scope.
Result<report::Report> buildPreflightReport(Workspace& ws, const plugin::Options& options);

/// The columns of the registration export (docs/bbc.md "Registration export").
const std::vector<std::string>& exportColumns();
/// Writes the registrations in scope, summed per registration key, to .csv or .xlsx; returns
/// the number of rows written.
Result<std::int64_t> exportRegistrations(Workspace& ws, const std::string& path,
                                         const plugin::Options& options);

}  // namespace kk::bbc
