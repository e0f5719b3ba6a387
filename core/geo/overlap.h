// Overlap shares: how a perimeter divides over municipalities, in m² and as exact fractions.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/base/rate.h"
#include "core/geo/feature.h"

namespace kk::geo {

/// Exact areas are whole square millimetres: 1 m² = 1,000,000 mm². Even all of Flanders
/// (1.4e16 mm²) fits an int64 and a kk::Rate.
inline constexpr double kMm2PerM2 = 1e6;

struct MunicipalityShare {
    std::size_t index = 0;  ///< position in the OverlapIndex's municipality list
    std::string key;
    double areaM2 = 0.0;       ///< area of perimeter ∩ municipality, as computed
    std::int64_t areaMm2 = 0;  ///< apportioned whole mm² (see OverlapShares)
    Rate shareOfPerimeter;     ///< areaMm2 / perimeter mm²
    Rate shareOfMunicipality;  ///< areaMm2 / municipality mm² (capped at 1)
};

/// The division of one perimeter. The computed areas are rounded to whole mm² by
/// largest-remainder apportionment of the perimeter's own rounded area over the parts
/// (municipalities and the part outside every municipality), so Σ areaMm2 + outsideMm2 ==
/// perimeterMm2 and Σ shareOfPerimeter + outsideShare == 1 exactly. Ties go to the larger
/// part, then to the lower municipality index; the outside part comes last.
struct OverlapShares {
    double perimeterAreaM2 = 0.0;
    std::int64_t perimeterMm2 = 0;
    std::vector<MunicipalityShare> shares;  ///< municipalities with a positive part, by index
    double outsideAreaM2 = 0.0;
    std::int64_t outsideMm2 = 0;
    Rate outsideShare;
};

/// The municipalities prepared once for many overlap queries: an STR R-tree over their
/// envelopes, OGR prepared geometries, and plain coordinate rings for the convex fast path
/// (a convex perimeter is intersected by Sutherland–Hodgman clipping of the municipality's
/// rings, which gives the exact intersection area of any simple polygon with a convex one;
/// other perimeters go through GEOS with prepared-geometry shortcuts). Not thread-safe: use
/// one index per thread.
class OverlapIndex {
  public:
    explicit OverlapIndex(std::vector<Feature> municipalities);
    ~OverlapIndex();
    OverlapIndex(const OverlapIndex&) = delete;
    OverlapIndex& operator=(const OverlapIndex&) = delete;

    const std::vector<Feature>& municipalities() const;
    double municipalityArea(std::size_t index) const;

    /// Shares of one perimeter (in the municipalities' CRS). Error: empty or zero-area
    /// perimeter, or a GEOS failure (names the municipality).
    Result<OverlapShares> shares(const Geometry& perimeter) const;

    /// Batch: shares of many perimeters; the error names the perimeter's position.
    Result<std::vector<OverlapShares>> shares(std::span<const Geometry> perimeters,
                                              Progress* progress = nullptr) const;

    /// Only the raw intersection areas (m²) with each intersecting municipality, by index.
    Result<std::vector<std::pair<std::size_t, double>>> intersectionAreas(
        const Geometry& perimeter) const;

    /// Test hook: forces the general (GEOS) path even for convex perimeters.
    void setConvexFastPath(bool enabled) { m_fastPath = enabled; }

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    bool m_fastPath = true;
};

/// Largest-remainder split of `total` over non-negative integer weights; parts sum to total.
/// Tie-break: larger weight first, then lower index. Error when all weights are zero.
Result<std::vector<std::int64_t>> apportionWhole(std::int64_t total,
                                                 std::span<const std::int64_t> weights);

}  // namespace kk::geo
