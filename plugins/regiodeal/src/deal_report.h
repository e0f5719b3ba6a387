// The regiodeal report: the deal and its rule, the co-financing check with its amounts,
// committed vs paid per partner and year and per goal and year, and the accounting table in
// the SiSa layout (spending in year T, cumulative spending, final accounting flag).
#pragma once

#include <string>

#include "core/base/error.h"
#include "core/report/report.h"
#include "plugins/regiodeal/src/deal_service.h"

namespace kk::regiodeal {

Result<report::Report> buildDealReport(Service& service, const std::string& deal);

}  // namespace kk::regiodeal
