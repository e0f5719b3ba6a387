// Which areas a project touches, and in what proportion: the project's own area, or for a
// perimeter the municipalities it overlaps (core/geo OverlapIndex). Used by the portfolio.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/report/report.h"
#include "core/report/workspace_report_detail.h"

namespace kk {
class Workspace;
}

namespace kk::report::detail {

struct PortfolioArea {
    std::string code;
    std::string name;
    std::string kind;         ///< "municipality", "region", ... or "" for the two buckets
    std::vector<Ring> rings;  ///< for the map (municipalities with geometry only)
};

/// One share of a project: an index into ProjectAreas::areas and an integer weight (mm² of
/// overlap, or 1 for a project that names its area directly). Amounts are split over the
/// parts by largest remainder (core/base/apportion.h), so they add up to the project exactly.
struct AreaPart {
    std::size_t area = 0;
    std::int64_t weight = 0;
};

struct ProjectAreas {
    std::vector<PortfolioArea> areas;  ///< sorted by code; buckets "(buiten ...)" at the end
    std::unordered_map<std::int64_t, std::vector<AreaPart>> parts;  ///< project id -> parts
};

/// Resolves every project of the workspace. Perimeters without geometry, and workspaces
/// without municipality geometry, fall back to the perimeter itself as the area.
ProjectAreas resolveProjectAreas(Workspace& ws, BuildSteps& steps);

/// Splits `cents` over the parts (by weight, exact to the cent).
std::vector<std::int64_t> splitOver(std::int64_t cents, const std::vector<AreaPart>& parts);

}  // namespace kk::report::detail
