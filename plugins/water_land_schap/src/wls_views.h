// Read-only Water+Land+Schap views: the learning network (coalitions, themes, shared
// practices), the overlap of a coalition's area with other programmes' areas (LEADER areas,
// perimeters...) and their themes and funds, and the W+L+S report. JSON for the GUI and the
// CLI's --json; the report goes through core/report (XLSX, CSV, HTML, PDF).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/report/report.h"
#include "plugins/water_land_schap/src/wls_service.h"

namespace kk::wls {

/// {coalitions: [...], themes: [{theme, coalitions}], practices: [...], links: [{a, b, themes}]}
Result<nlohmann::json> learningNetwork(Service& service);

/// {coalition, area, area_ha, overlaps: [{area, name, kind, overlap_ha, share_of_coalition_area,
///  share_of_other_area, programmes, funds: [{fund, name, granted_cents}], projects,
///  coalitions, shared_themes, other_themes}]}
Result<nlohmann::json> overlapView(Service& service, const std::string& coalitionCode);

/// The W+L+S overview: coalitions and composition, path and milestones, process and result
/// indicators, continuity, learning network and overlaps.
Result<report::Report> buildReport(Service& service);

}  // namespace kk::wls
