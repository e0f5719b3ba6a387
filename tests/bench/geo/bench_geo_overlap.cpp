// Benchmark of overlap shares: 20,000 generated perimeters against 300 generated municipalities.
// Writes the same data to a GeoPackage for the peer (ogr2ogr -dialect SQLite, see run.sh) and
// prints our wall time and a checksum of the intersection areas for comparison.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/geo/export.h"
#include "core/geo/grid_map.h"
#include "core/geo/overlap.h"

int main(int argc, char** argv) {
    using namespace kk::geo;
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_geo_overlap <work-dir> [perimeters]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const std::size_t count = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 20000;
    GeoRuntime runtime;
    GridMapOptions mapOptions;
    mapOptions.municipalityCount = 300;
    auto map = generateGridMap(mapOptions);
    if (!map) {
        std::fprintf(stderr, "%s\n", map.error().message().c_str());
        return 1;
    }
    PerimeterOptions po;
    po.count = count;
    const auto perimeters = generatePerimeters(map->extent, po);
    ExportOptions out;
    out.overwrite = true;
    out.layerName = "municipalities";
    auto a = exportFeatures(runtime, dir + "/municipalities.gpkg", map->municipalities, out);
    out.layerName = "perimeters";
    auto b = exportFeatures(runtime, dir + "/perimeters.gpkg", perimeters, out);
    if (!a || !b) {
        std::fprintf(stderr, "export failed: %s\n", (!a ? a.error() : b.error()).message().c_str());
        return 1;
    }
    std::vector<Geometry> geometries;
    geometries.reserve(perimeters.size());
    for (const auto& p : perimeters)
        geometries.push_back(p.geometry);

    // Timed: building the index (R-tree, prepared geometries) and all shares, exact fractions
    // included. Best of three runs, as the peer is run once per repetition too in run.sh.
    double best = 1e9;
    double checksum = 0.0;
    std::size_t pairs = 0;
    for (int rep = 0; rep < 3; ++rep) {
        const auto start = std::chrono::steady_clock::now();
        OverlapIndex index(map->municipalities);
        auto shares = index.shares(geometries);
        const auto stop = std::chrono::steady_clock::now();
        if (!shares) {
            std::fprintf(stderr, "%s\n", shares.error().message().c_str());
            return 1;
        }
        best = std::min(best, std::chrono::duration<double>(stop - start).count());
        checksum = 0.0;
        pairs = 0;
        for (const auto& s : *shares) {
            for (const auto& m : s.shares) {
                checksum += m.areaM2;
                ++pairs;
            }
        }
    }
    std::printf("ours_seconds=%.6f pairs=%zu area_sum_m2=%.3f\n", best, pairs, checksum);
    return 0;
}
