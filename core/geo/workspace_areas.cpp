// Areas in the workspace: import through a ChangeSet, listing and export as features, and the
// demo's generated geometry.
#include "core/geo/workspace_areas.h"

#include <map>

#include "core/geo/gpkg_blob.h"
#include "core/geo/grid_map.h"
#include "core/geo/runtime.h"
#include "core/model/validation.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::geo {
namespace {

/// The areas table declares MULTIPOLYGON, so QGIS sees one geometry type: a single polygon is
/// stored as a one-part multipolygon (its WKB wrapped in a MultiPolygon header).
std::vector<std::uint8_t> asMulti(const Geometry& g) {
    if (g.typeName() != "Polygon")
        return toGpkgBlob(g, kLambert72);
    const auto polygon = g.toWkb();
    std::vector<std::uint8_t> multi{1, 6, 0, 0, 0, 1, 0, 0, 0};
    multi.insert(multi.end(), polygon.begin(), polygon.end());
    auto wrapped = Geometry::fromWkb(multi);
    return toGpkgBlob(wrapped ? wrapped.value() : g, kLambert72);
}

}  // namespace

Result<AreaImportReport> importAreasIntoWorkspace(Workspace& ws, const GeoRuntime& runtime,
                                                  const std::string& path, AreaKind kind,
                                                  ImportOptions options) {
    if (kind == AreaKind::Municipality && !options.validateKey) {
        options.validateKey = [&ws](std::string_view key) -> std::optional<std::string> {
            if (auto s = validateNisFormat(key); !s)
                return s.error().what;
            if (!isKnownMunicipality(ws, key))
                return "no municipality has NIS code " + std::string(key);
            return std::nullopt;
        };
    }
    auto imported = importAreas(runtime, path, options);
    if (!imported)
        return imported.error();
    AreaImportReport report;
    report.repairs = imported.value().repairs;
    report.warnings = imported.value().warnings;
    try {
        ChangeSet cs(ws, "Import " + std::to_string(imported.value().features.size()) + " " +
                             std::string(toCode(kind)) + " areas from " + path);
        auto find = ws.db().prepare(
            "SELECT fid FROM areas WHERE kind = ? AND code = ? ORDER BY valid_from DESC LIMIT 1");
        for (const Feature& f : imported.value().features) {
            const auto blob = asMulti(f.geometry);
            find.bind(1, std::string(toCode(kind))).bind(2, f.key);
            std::int64_t existing = 0;
            if (find.step())
                existing = find.getInt(0);
            find.reset();
            if (existing) {
                cs.update("areas", existing, Row().set("geom", blob).set("source", path));
                ++report.updated;
            } else {
                std::string name = f.name.empty() ? f.key : f.name;
                if (kind == AreaKind::Municipality) {
                    auto st = ws.db().prepare(
                        "SELECT name FROM kk_municipality WHERE nis_code = ? ORDER BY valid_from "
                        "DESC LIMIT 1");
                    st.bind(1, f.key);
                    if (st.step() && f.name.empty())
                        name = st.getText(0);
                }
                cs.insert("areas", Row()
                                       .set("geom", blob)
                                       .set("kind", std::string(toCode(kind)))
                                       .set("code", f.key)
                                       .set("name", name)
                                       .set("valid_from", std::string("1900-01-01"))
                                       .set("source", path));
                ++report.inserted;
            }
        }
        if (auto s = cs.commit(); !s)
            return s.error();
    } catch (const KkError& e) {
        return e.error();
    }
    return report;
}

Result<std::vector<Feature>> workspaceAreas(Workspace& ws, std::optional<AreaKind> kind) {
    try {
        Repository<Area> areas(ws);
        Query q;
        if (kind)
            q.where("kind", std::string(toCode(*kind)));
        std::vector<Feature> out;
        for (const Area& a : areas.list(q)) {
            Feature f;
            f.key = a.code;
            f.name = a.name;
            f.attributes["kind"] = std::string(toCode(a.kind));
            f.attributes["valid_from"] = a.valid.from.toString();
            f.attributes["valid_to"] = a.valid.to ? a.valid.to->toString() : "";
            f.attributes["source"] = a.source;
            if (!a.geometry.empty()) {
                auto g = fromGpkgBlob(a.geometry);
                if (!g)
                    return makeError("areas.bad_geometry", g.error().what,
                                     "area " + std::to_string(a.id.value) + " (" + a.code + ")",
                                     "re-import this area from its source file");
                f.geometry = g.value().geometry;
            }
            out.push_back(std::move(f));
        }
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<std::vector<Feature>> workspaceProjects(Workspace& ws) {
    try {
        auto st = ws.db().prepare(
            "SELECT p.code, p.name, p.status, a.geom, "
            "(SELECT coalesce(sum(amount), 0) FROM kk_cost_item c WHERE c.project_id = p.id), "
            "(SELECT coalesce(sum(amount), 0) FROM kk_award w WHERE w.project_id = p.id AND "
            " w.status = 'granted'), "
            "(SELECT coalesce(sum(amount), 0) FROM kk_expense e WHERE e.project_id = p.id) "
            "FROM kk_project p LEFT JOIN areas a ON a.fid = p.area_id ORDER BY p.code");
        std::vector<Feature> out;
        while (st.step()) {
            Feature f;
            f.key = st.getText(0);
            f.name = st.getText(1);
            f.attributes["status"] = st.getText(2);
            if (!st.isNull(3)) {
                auto g = fromGpkgBlob(st.getBlob(3));
                if (g)
                    f.geometry = g.value().geometry;
            }
            f.attributes["cost_total"] = Money::fromCents(st.getInt(4)).toString();
            f.attributes["awarded_total"] = Money::fromCents(st.getInt(5)).toString();
            f.attributes["expenses_total"] = Money::fromCents(st.getInt(6)).toString();
            out.push_back(std::move(f));
        }
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<std::vector<Feature>> workspaceIndicators(Workspace& ws, const std::string& code) {
    try {
        auto st = ws.db().prepare(
            "SELECT i.code, i.name, i.unit, m.subject_kind, m.subject_id, m.year, m.value, "
            "coalesce(pa.geom, aa.geom), coalesce(p.code, aa.code) FROM kk_measurement m "
            "JOIN kk_indicator i ON i.id = m.indicator_id "
            "LEFT JOIN kk_project p ON m.subject_kind = 'project' AND p.id = m.subject_id "
            "LEFT JOIN areas pa ON pa.fid = p.area_id "
            "LEFT JOIN areas aa ON m.subject_kind = 'area' AND aa.fid = m.subject_id "
            "WHERE (? = '' OR i.code = ?) ORDER BY i.code, m.subject_kind, m.subject_id, m.year");
        st.bind(1, code).bind(2, code);
        std::vector<Feature> out;
        while (st.step()) {
            Feature f;
            f.key = st.getText(0) + ":" + st.getText(3) + ":" + st.getText(4) + ":" + st.getText(5);
            f.name = st.getText(1);
            f.attributes["indicator"] = st.getText(0);
            f.attributes["unit"] = st.getText(2);
            f.attributes["subject_kind"] = st.getText(3);
            f.attributes["subject"] = st.getText(8);
            f.attributes["year"] = st.getText(5);
            f.attributes["value"] = st.getText(6);
            if (!st.isNull(7))
                if (auto g = fromGpkgBlob(st.getBlob(7)); g)
                    f.geometry = g.value().geometry;
            out.push_back(std::move(f));
        }
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

Status assignGeneratedGeometry(Workspace& ws, std::uint64_t seed) {
    try {
        std::vector<std::pair<std::int64_t, std::string>> municipalities;
        {
            auto st = ws.db().prepare(
                "SELECT fid, code FROM areas WHERE kind = 'municipality' ORDER BY code");
            while (st.step())
                municipalities.emplace_back(st.getInt(0), st.getText(1));
        }
        if (municipalities.empty())
            return {};
        GridMapOptions opt;
        opt.seed = seed;
        // Enough cells around the synthetic Brussels block for every municipality.
        const auto n = municipalities.size();
        opt.cols = 24;
        opt.rows = static_cast<int>((n + 4 + static_cast<std::size_t>(opt.cols) - 1) /
                                    static_cast<std::size_t>(opt.cols)) +
                   1;
        if (opt.rows < 4)
            opt.rows = 4;
        opt.municipalityCount = n;
        for (const auto& [fid, code] : municipalities)
            opt.keys.push_back(code);
        auto map = generateGridMap(opt);
        if (!map)
            return map.error();
        ChangeSet cs(ws, "Generate demo geometry");
        std::map<std::string, Envelope> extent;
        for (std::size_t i = 0; i < n; ++i) {
            const Feature& f = map.value().municipalities[i];
            cs.update("areas", municipalities[i].first, Row().set("geom", asMulti(f.geometry)));
            extent[f.key] = f.geometry.envelope();
        }
        if (!map.value().brussels.geometry.isEmpty())
            cs.insert("areas",
                      Row()
                          .set("geom", asMulti(map.value().brussels.geometry))
                          .set("kind", std::string("region"))
                          .set("code", std::string("BHG"))
                          .set("name", std::string("Brussels Hoofdstedelijk Gewest (generated)"))
                          .set("valid_from", std::string("1989-01-01"))
                          .set("source", std::string("demo: generated geometry")));
        // One perimeter per project, inside the project's municipality.
        std::vector<std::tuple<std::int64_t, std::string, std::string>> projects;  // id, code, nis
        {
            auto st = ws.db().prepare(
                "SELECT p.id, p.code, a.code FROM kk_project p JOIN areas a ON a.fid = p.area_id "
                "WHERE a.kind = 'municipality' ORDER BY p.id");
            while (st.step())
                projects.emplace_back(st.getInt(0), st.getText(1), st.getText(2));
        }
        auto bulk =
            cs.bulkInsert("areas", {"geom", "kind", "code", "name", "valid_from", "source"});
        std::vector<std::pair<std::int64_t, std::int64_t>> projectArea;
        std::uint64_t k = 0;
        for (const auto& [id, code, nis] : projects) {
            const Envelope e = extent[nis];
            const double w = e.maxX - e.minX;
            const double h = e.maxY - e.minY;
            Envelope inner{e.minX + 0.35 * w, e.minY + 0.35 * h, e.maxX - 0.35 * w,
                           e.maxY - 0.35 * h};
            PerimeterOptions po;
            po.count = 1;
            po.minSize = 200.0;
            po.maxSize = std::min(w, h) * 0.3;
            po.seed = seed * 1000003 + ++k;
            auto per = generatePerimeters(inner, po);
            const auto aid = bulk.add({asMulti(per.front().geometry), std::string("perimeter"),
                                       code, "Perimeter " + code, std::string("2026-01-01"),
                                       std::string("demo: generated geometry")});
            projectArea.emplace_back(id, aid);
        }
        bulk.finish();
        for (const auto& [pid, aid] : projectArea)
            cs.update("kk_project", pid, Row().set("area_id", aid));
        return cs.commit();
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk::geo
