// Import of a government's meerjarenplan from CSV or XLSX/ODS: the policy tree (BD/AP/actie
// with texts, priority and external codes) and the registrations, in the column layouts of
// common BBC exports (docs/bbc.md "Import layout"). All or nothing: any row or column error
// refuses the whole file, and the error lists the rows.
#pragma once

#include <string>

#include "core/base/error.h"
#include "plugins/bbc/src/plan_store.h"

namespace kk {
class Workspace;
}

namespace kk::bbc {

struct ImportOptions {
    std::string government;          ///< KBO number or name
    std::string period;              ///< "2020-2025"
    RegKind kind = RegKind::Budget;  ///< for rows without a soort column
    std::string entity = "BESTUUR";  ///< for rows without an entiteit column
    bool replace = false;  ///< replace this plan's imported registrations of the same kind
    std::string sheet;     ///< XLSX/ODS sheet name (default: the first)
};

struct ImportSummary {
    std::int64_t rows = 0;           ///< data rows read
    std::int64_t registrations = 0;  ///< registrations written (wide rows give several)
    std::int64_t goals = 0, plans = 0, actions = 0, codeLinks = 0, misplacedCodes = 0;
    std::int64_t replaced = 0;
    std::vector<std::string> notes;
    std::string text() const;
};

/// Reads registrations into the plan of options.government/period (created when missing).
Result<ImportSummary> importRegistrations(Workspace& ws, const std::string& path,
                                          const ImportOptions& options);
/// Reads the policy tree (one row per BD, AP or actie) into the plan.
Result<ImportSummary> importPolicy(Workspace& ws, const std::string& path,
                                   const ImportOptions& options);

}  // namespace kk::bbc
