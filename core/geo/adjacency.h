// Adjacency of areas: two areas border each other when they share a boundary of positive length.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/base/error.h"
#include "core/geo/feature.h"

namespace kk::geo {

/// Adjacency means sharing a boundary segment of positive length. Areas that touch at a
/// single point (the diagonal neighbours of a grid, four municipalities meeting at one
/// corner) do NOT border each other: a corner contact is no common border in any policy
/// sense, and counting it would make membership depend on how a surveyor placed one vertex.
struct AdjacencyOptions {
    /// 0: boundaries must coincide exactly (official boundary files share their vertices).
    /// > 0: boundary parts of b within this distance (m) of a's boundary count as shared,
    /// for sources with slivers or gaps between neighbours.
    double tolerance = 0.0;
    /// The shared length (m) must exceed this. With a tolerance, set it to well above
    /// 2 × tolerance so that a corner contact, which then measures about that much, stays out.
    double minSharedLength = 0.0;
};

/// Length (m) of the boundary a and b share (see AdjacencyOptions::tolerance).
Result<double> sharedBoundaryLength(const Geometry& a, const Geometry& b, double tolerance = 0.0);

/// True when a and b share a boundary longer than options.minSharedLength.
Result<bool> borders(const Geometry& a, const Geometry& b, const AdjacencyOptions& options = {});

/// For each area, the indices of the areas it borders (ascending). Uses an envelope R-tree to
/// find candidate pairs.
Result<std::vector<std::vector<std::size_t>>> adjacencyLists(std::span<const Feature> areas,
                                                             const AdjacencyOptions& options = {});

}  // namespace kk::geo
