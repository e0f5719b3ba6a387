// Turns the BBC-coded cost items, expenses and awards of projects into registrations of the
// meerjarenplan they are coded to (origin "project"), so the schemas and the subsidy dossier
// see them beside the imported registrations.
#pragma once

#include <string>

#include "core/base/error.h"

namespace kk {
class Workspace;
}

namespace kk::bbc {

struct SyncSummary {
    std::int64_t removed = 0;
    std::int64_t budgetU = 0, budgetO = 0, realisedU = 0, realisedO = 0;
    std::string text() const;
};

/// Replaces the plan's project registrations: cost items -> budget U in their year; expenses
/// -> realisation U (amount + VAT, in the year of their date; coding of bbc_expense_coding or
/// else of their cost item); granted awards -> budget O per payment tranche (due year; the
/// award's decision year without tranches) and realisation O per paid tranche. Items coded to
/// an actie of another plan are left to that plan. One ChangeSet.
Result<SyncSummary> syncProjects(Workspace& ws, const std::string& government,
                                 const std::string& period, const std::string& entity = "BESTUUR");

}  // namespace kk::bbc
