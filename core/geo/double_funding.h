// Double-funding signal: overlapping project perimeters funded from the same cumulation group.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/geo/geometry.h"

namespace kk::geo {

struct FundedPerimeter {
    std::string projectKey;
    Geometry geometry;
    /// Cumulation groups of the funds financing the project (e.g. "public", "eu_feder").
    std::vector<std::string> cumulationGroups;
};

struct DoubleFundingSignal {
    std::size_t first = 0;  ///< positions in the input, first < second
    std::size_t second = 0;
    std::string firstKey;
    std::string secondKey;
    std::vector<std::string> sharedGroups;  ///< sorted
    double overlapM2 = 0.0;
};

struct DoubleFundingOptions {
    /// Overlaps at or below this area (m²) are overlay noise of perimeters that only share an
    /// edge, not a signal. Default: one square decimetre.
    double minOverlapM2 = 0.01;
};

/// Every pair of perimeters that overlaps with positive area while sharing at least one
/// cumulation group, ordered by (first, second). Candidates come from an envelope R-tree.
Result<std::vector<DoubleFundingSignal>> detectDoubleFunding(
    std::span<const FundedPerimeter> perimeters, const DoubleFundingOptions& options = {});

}  // namespace kk::geo
