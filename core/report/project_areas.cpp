// Resolution of projects to the areas they touch, through perimeter overlaps.
#include "core/report/project_areas.h"

#include <algorithm>
#include <map>

#include "core/base/apportion.h"
#include "core/geo/gpkg_blob.h"
#include "core/geo/overlap.h"
#include "core/store/workspace.h"

namespace kk::report::detail {
namespace {

struct AreaRow {
    std::int64_t fid = 0;
    std::string kind;
    std::string code;
    std::string name;
    std::optional<geo::Geometry> geometry;
};

std::vector<Ring> ringsOf(const geo::Geometry& g) {
    std::vector<Ring> rings;
    for (const auto& poly : g.polygons()) {
        auto convert = [](const geo::Ring& r) {
            Ring out;
            out.reserve(r.size());
            for (const auto& p : r)
                out.push_back({p.x, p.y});
            return out;
        };
        rings.push_back(convert(poly.outer));
        for (const auto& h : poly.holes)
            rings.push_back(convert(h));
    }
    return rings;
}

}  // namespace

ProjectAreas resolveProjectAreas(Workspace& ws, BuildSteps& steps) {
    std::vector<AreaRow> rows;
    {
        auto st = ws.db().prepare("SELECT fid, kind, code, name, geom FROM areas ORDER BY fid");
        while (st.step()) {
            AreaRow r{st.getInt(0), st.getText(1), st.getText(2), st.getText(3), std::nullopt};
            if (!st.isNull(4)) {
                const auto blob = st.getBlob(4);
                // A broken blob only costs the map and the overlap; the money is still shown.
                if (auto g = geo::fromGpkgBlob(blob); g && !g.value().geometry.isEmpty())
                    r.geometry = std::move(g.value().geometry);
            }
            rows.push_back(std::move(r));
        }
    }
    std::unordered_map<std::int64_t, std::size_t> rowByFid;
    for (std::size_t i = 0; i < rows.size(); ++i)
        rowByFid[rows[i].fid] = i;

    // Municipalities with geometry form the overlap index.
    std::vector<geo::Feature> municipalities;
    std::vector<std::size_t> municipalityRow;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].kind == "municipality" && rows[i].geometry) {
            geo::Feature f;
            f.key = rows[i].code;
            f.name = rows[i].name;
            f.geometry = *rows[i].geometry;
            municipalities.push_back(std::move(f));
            municipalityRow.push_back(i);
        }
    }
    std::optional<geo::OverlapIndex> index;
    if (!municipalities.empty())
        index.emplace(municipalities);

    // Area rows that appear in the portfolio, keyed by area row index; buckets use SIZE_MAX-n.
    constexpr std::size_t kOutside = static_cast<std::size_t>(-1);
    constexpr std::size_t kNone = static_cast<std::size_t>(-2);
    std::map<std::size_t, bool> used;
    for (std::size_t r : municipalityRow)
        used[r] = true;
    std::unordered_map<std::int64_t, std::vector<std::pair<std::size_t, std::int64_t>>> raw;

    std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>> projects;
    {
        auto st = ws.db().prepare("SELECT id, area_id FROM kk_project ORDER BY id");
        while (st.step())
            projects.emplace_back(st.getInt(0),
                                  st.isNull(1) ? std::nullopt : std::optional(st.getInt(1)));
    }
    steps.addTotal(static_cast<std::int64_t>(projects.size()));
    for (const auto& [pid, areaId] : projects) {
        steps.step();
        auto& out = raw[pid];
        const auto it = areaId ? rowByFid.find(*areaId) : rowByFid.end();
        if (it == rowByFid.end()) {
            out.emplace_back(kNone, 1);
            continue;
        }
        const AreaRow& a = rows[it->second];
        if (a.kind == "perimeter" && a.geometry && index) {
            if (auto sh = index->shares(*a.geometry); sh && sh.value().perimeterMm2 > 0) {
                for (const auto& s : sh.value().shares)
                    out.emplace_back(municipalityRow[s.index], s.areaMm2);
                if (sh.value().outsideMm2 > 0)
                    out.emplace_back(kOutside, sh.value().outsideMm2);
                if (!out.empty())
                    continue;
            }
        }
        used[it->second] = true;
        out.emplace_back(it->second, 1);
    }

    ProjectAreas result;
    std::vector<std::size_t> order;
    for (const auto& [r, _] : used)
        order.push_back(r);
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return std::tie(rows[x].code, rows[x].kind) < std::tie(rows[y].code, rows[y].kind);
    });
    std::unordered_map<std::size_t, std::size_t> areaIndex;
    for (std::size_t r : order) {
        areaIndex[r] = result.areas.size();
        PortfolioArea pa{rows[r].code, rows[r].name, rows[r].kind, {}};
        if (rows[r].kind == "municipality" && rows[r].geometry)
            pa.rings = ringsOf(*rows[r].geometry);
        result.areas.push_back(std::move(pa));
    }
    auto bucket = [&](std::size_t key, const char* name) {
        areaIndex[key] = result.areas.size();
        result.areas.push_back({"", name, "", {}});
    };
    bucket(kOutside, "(buiten elke gemeente)");
    bucket(kNone, "(zonder gebied)");
    for (auto& [pid, parts] : raw) {
        auto& dst = result.parts[pid];
        for (const auto& [r, w] : parts)
            dst.push_back({areaIndex.at(r), w});
    }
    return result;
}

std::vector<std::int64_t> splitOver(std::int64_t cents, const std::vector<AreaPart>& parts) {
    if (parts.size() == 1)
        return {cents};
    std::vector<std::int64_t> weights;
    weights.reserve(parts.size());
    for (const auto& p : parts)
        weights.push_back(p.weight);
    auto split = apportion(Money::fromCents(cents), weights);
    std::vector<std::int64_t> out;
    for (const Money& m : split.value())
        out.push_back(m.cents());
    return out;
}

}  // namespace kk::report::detail
