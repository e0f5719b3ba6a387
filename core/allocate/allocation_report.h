// An allocation run for people: a plain-text matrix for the terminal and a report model
// (core/report) for XLSX, with the cost item × fund matrix, partner shares and the explanation.
#pragma once

#include <string>

#include "core/allocate/allocation.h"
#include "core/allocate/run_store.h"
#include "core/report/report.h"

namespace kk::alloc {

/// The matrix as aligned text: one row per cost item (partner, amount, one column per fund,
/// the partners' remainder), a totals row, then the partners (share, external received,
/// part of the remainder).
std::string allocationTableText(const Allocation& a);

/// Every non-zero cell's explanation (cellText) and every partner's paragraph (partnerText).
std::string allocationExplanationText(const Allocation& a);

/// Up to `detailedProjects` projects: per project a matrix table, a partner table and an
/// explanation block; more projects: one summary table (a row per project) and one table of
/// all non-zero cells, so that a programme of thousands of projects stays one workbook with a
/// few sheets.
report::Report allocationReport(const AllocationRun& run, std::size_t detailedProjects = 20);

}  // namespace kk::alloc
