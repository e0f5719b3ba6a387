// Pairwise overlap of funded perimeters, restricted to pairs sharing a cumulation group.
#include "core/geo/double_funding.h"

#include <algorithm>

#include "core/geo/spatial_index.h"

namespace kk::geo {

Result<std::vector<DoubleFundingSignal>> detectDoubleFunding(
    std::span<const FundedPerimeter> perimeters, const DoubleFundingOptions& options) {
    std::vector<Envelope> boxes;
    std::vector<std::vector<std::string>> groups;
    for (const auto& p : perimeters) {
        boxes.push_back(p.geometry.envelope());
        auto g = p.cumulationGroups;
        std::sort(g.begin(), g.end());
        g.erase(std::unique(g.begin(), g.end()), g.end());
        groups.push_back(std::move(g));
    }
    const EnvelopeIndex index(boxes);
    std::vector<DoubleFundingSignal> out;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < perimeters.size(); ++i) {
        index.query(boxes[i], candidates);
        for (std::size_t j : candidates) {
            if (j <= i)
                continue;
            std::vector<std::string> shared;
            std::set_intersection(groups[i].begin(), groups[i].end(), groups[j].begin(),
                                  groups[j].end(), std::back_inserter(shared));
            if (shared.empty())
                continue;
            auto area = perimeters[i].geometry.intersectionArea(perimeters[j].geometry);
            if (!area)
                return makeError(
                    area.error().code, area.error().what,
                    "projects " + perimeters[i].projectKey + " and " + perimeters[j].projectKey,
                    area.error().hint);
            if (*area <= options.minOverlapM2)
                continue;
            out.push_back(DoubleFundingSignal{i, j, perimeters[i].projectKey,
                                              perimeters[j].projectKey, std::move(shared), *area});
        }
    }
    return out;
}

}  // namespace kk::geo
