// Shared-boundary lengths through OGR (GEOS) line overlay, and the adjacency lists of a set.
#include "core/geo/adjacency.h"

#include <algorithm>

#include "core/geo/ogr_private.h"
#include "core/geo/spatial_index.h"

namespace kk::geo {
namespace {

double linearLength(const OGRGeometry* g) {
    if (g == nullptr)
        return 0.0;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbLineString:
        case wkbLinearRing:
            return g->toLineString()->get_Length();
        case wkbMultiLineString:
        case wkbGeometryCollection: {
            double sum = 0.0;
            for (const auto* part : g->toGeometryCollection())
                sum += linearLength(part);
            return sum;
        }
        default:
            return 0.0;  // points: a corner contact has no length
    }
}

}  // namespace

Result<double> sharedBoundaryLength(const Geometry& a, const Geometry& b, double tolerance) {
    const OGRGeometry* ga = GeometryAccess::ogr(a);
    const OGRGeometry* gb = GeometryAccess::ogr(b);
    if (ga == nullptr || gb == nullptr)
        return 0.0;
    if (!a.envelope().expandedBy(tolerance).intersects(b.envelope()))
        return 0.0;
    detail::CplErrorCapture capture;
    OGRGeometryUniquePtr boundaryA(ga->Boundary());
    OGRGeometryUniquePtr boundaryB(gb->Boundary());
    if (!boundaryA || !boundaryB)
        return makeError("geo.overlay_failed", "the boundary of an area failed: " + capture.last(),
                         {}, "check the areas for validity");
    OGRGeometryUniquePtr shared;
    if (tolerance > 0.0) {
        OGRGeometryUniquePtr band(boundaryA->Buffer(tolerance, 8));
        if (!band)
            return makeError("geo.overlay_failed",
                             "buffering a boundary failed: " + capture.last());
        shared.reset(boundaryB->Intersection(band.get()));
    } else {
        shared.reset(boundaryA->Intersection(boundaryB.get()));
    }
    if (!shared)
        return makeError("geo.overlay_failed",
                         "intersecting two boundaries failed: " + capture.last(), {},
                         "check the areas for validity");
    return linearLength(shared.get());
}

Result<bool> borders(const Geometry& a, const Geometry& b, const AdjacencyOptions& options) {
    auto length = sharedBoundaryLength(a, b, options.tolerance);
    if (!length)
        return length.error();
    return *length > options.minSharedLength;
}

Result<std::vector<std::vector<std::size_t>>> adjacencyLists(std::span<const Feature> areas,
                                                             const AdjacencyOptions& options) {
    std::vector<Envelope> boxes;
    boxes.reserve(areas.size());
    for (const auto& f : areas)
        boxes.push_back(f.geometry.envelope().expandedBy(options.tolerance));
    const EnvelopeIndex index(boxes);
    std::vector<std::vector<std::size_t>> out(areas.size());
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        index.query(boxes[i], candidates);
        for (std::size_t j : candidates) {
            if (j <= i)
                continue;
            auto b = borders(areas[i].geometry, areas[j].geometry, options);
            if (!b) {
                Error e = b.error();
                e.where = "areas " + areas[i].key + " and " + areas[j].key;
                return e;
            }
            if (*b) {
                out[i].push_back(j);
                out[j].push_back(i);
            }
        }
    }
    for (auto& list : out)
        std::sort(list.begin(), list.end());
    return out;
}

}  // namespace kk::geo
