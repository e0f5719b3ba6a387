// areas import|list|export and map export: geometry in and out of the workspace (core/geo).
#include <nlohmann/json.hpp>

#include <ostream>

#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/geo/double_funding.h"
#include "core/geo/export.h"
#include "core/geo/gpkg_blob.h"
#include "core/geo/runtime.h"
#include "core/geo/workspace_areas.h"
#include "core/geo/workspace_rules.h"

#include <fstream>
#include <sstream>

namespace kk::cli {
namespace {

int areasImport(const Args& a, Context& ctx) {
    if (a.positional.size() != 3)
        return usage(ctx,
                     "areas import WORKSPACE FILE --key FIELD [--kind municipality|perimeter|...] "
                     "[--name FIELD] [--layer NAME] [--crs EPSG:NNNN] [--repair]");
    const auto kind = fromCode<AreaKind>(a.get("kind", "municipality"));
    if (!kind)
        return fail(ctx,
                    makeError("areas.kind", "unknown area kind '" + a.get("kind") + "'", {},
                              "use one of: " + allowedCodes<AreaKind>()),
                    2);
    if (a.get("key").empty())
        return fail(ctx,
                    makeError("areas.key", "--key is required", {},
                              "name the field that holds the NIS code or project key"),
                    2);
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[1], code, false);
    if (!ws)
        return code;
    geo::GeoRuntime runtime;
    geo::ImportOptions opt;
    opt.keyField = a.get("key");
    opt.nameField = a.get("name");
    opt.layer = a.get("layer");
    opt.sourceCrs = a.get("crs");
    opt.repair = a.has("repair");
    auto r = geo::importAreasIntoWorkspace(*ws, runtime, a.positional[2], *kind, opt);
    if (!r)
        return fail(ctx, r.error());
    if (ctx.json) {
        nlohmann::json repairs = nlohmann::json::array();
        for (const auto& n : r.value().repairs)
            repairs.push_back({{"feature", n.featureNumber},
                               {"key", n.key},
                               {"reason", n.reason},
                               {"area_before", n.areaBefore},
                               {"area_after", n.areaAfter},
                               {"action", n.action}});
        ctx.out << nlohmann::json{{"ok", true},
                                  {"inserted", r.value().inserted},
                                  {"updated", r.value().updated},
                                  {"repairs", repairs}}
                       .dump(2)
                << "\n";
    } else {
        for (const auto& n : r.value().repairs)
            ctx.out << "repaired feature " << n.featureNumber << " (" << n.key << "): " << n.reason
                    << "; " << n.action << "\n";
        ctx.out << "imported " << r.value().inserted << " new and " << r.value().updated
                << " updated " << toCode(*kind) << " areas\n";
    }
    return 0;
}

int areasList(const Args& a, Context& ctx) {
    if (a.positional.size() != 2)
        return usage(ctx, "areas list WORKSPACE [--kind K]");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[1], code, true);
    if (!ws)
        return code;
    std::optional<AreaKind> kind;
    if (a.has("kind"))
        kind = fromCode<AreaKind>(a.get("kind"));
    auto list = geo::workspaceAreas(*ws, kind);
    if (!list)
        return fail(ctx, list.error());
    if (ctx.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& f : list.value())
            out.push_back({{"code", f.key},
                           {"name", f.name},
                           {"kind", f.attributes.at("kind")},
                           {"area_m2", f.geometry.area()},
                           {"has_geometry", !f.geometry.isEmpty()}});
        ctx.out << out.dump(2) << "\n";
        return 0;
    }
    for (const auto& f : list.value()) {
        char area[32];
        std::snprintf(area, sizeof area, "%.1f ha", f.geometry.area() / 10000.0);
        ctx.out << f.attributes.at("kind") << "\t" << f.key << "\t" << f.name << "\t"
                << (f.geometry.isEmpty() ? "no geometry" : area) << "\n";
    }
    return 0;
}

int areasExport(const Args& a, Context& ctx) {
    if (a.positional.size() != 3)
        return usage(ctx,
                     "areas export WORKSPACE FILE.gpkg|.geojson|.shp [--layer areas|projects] "
                     "[--kind K] [--overwrite]");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[1], code, true);
    if (!ws)
        return code;
    geo::GeoRuntime runtime;
    const std::string layer = a.get("layer", "areas");
    Result<std::vector<geo::Feature>> features = std::vector<geo::Feature>{};
    if (layer == "projects") {
        features = geo::workspaceProjects(*ws);
    } else if (layer == "indicators") {
        features = geo::workspaceIndicators(*ws, a.get("indicator"));
    } else if (layer == "areas") {
        std::optional<AreaKind> kind;
        if (a.has("kind"))
            kind = fromCode<AreaKind>(a.get("kind"));
        features = geo::workspaceAreas(*ws, kind);
    } else {
        return fail(ctx,
                    makeError("areas.layer", "unknown layer '" + layer + "'", {},
                              "use --layer areas, projects or indicators"),
                    2);
    }
    if (!features)
        return fail(ctx, features.error());
    auto format = geo::exportFormatForPath(a.positional[2]);
    if (!format)
        return fail(ctx, format.error());
    geo::ExportOptions opt;
    opt.format = format.value();
    opt.layerName = layer;
    opt.keyField = "code";
    opt.overwrite = a.has("overwrite");
    if (auto s = geo::exportFeatures(runtime, a.positional[2], features.value(), opt); !s)
        return fail(ctx, s.error());
    if (ctx.json)
        ctx.out << nlohmann::json{{"ok", true}, {"features", features.value().size()}}.dump(2)
                << "\n";
    else
        ctx.out << "exported " << features.value().size() << " " << layer << " to "
                << a.positional[2] << "\n";
    return 0;
}

/// Overlapping project perimeters funded from the same cumulation group.
int areasDoubleFunding(const Args& a, Context& ctx) {
    if (a.positional.size() != 2)
        return usage(ctx, "areas double-funding WORKSPACE");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[1], code, true);
    if (!ws)
        return code;
    std::vector<geo::FundedPerimeter> perimeters;
    auto st = ws->db().prepare(
        "SELECT p.code, a.geom, group_concat(DISTINCT f.cumulation_group) FROM kk_project p "
        "JOIN areas a ON a.fid = p.area_id JOIN kk_award w ON w.project_id = p.id AND "
        "w.status = 'granted' JOIN kk_fund f ON f.id = w.fund_id WHERE f.cumulation_group <> '' "
        "AND a.geom IS NOT NULL GROUP BY p.id ORDER BY p.code");
    while (st.step()) {
        auto g = geo::fromGpkgBlob(st.getBlob(1));
        if (!g)
            continue;
        geo::FundedPerimeter fp;
        fp.projectKey = st.getText(0);
        fp.geometry = g.value().geometry;
        std::string groups = st.getText(2);
        for (std::size_t s = 0, e; s <= groups.size(); s = e + 1) {
            e = groups.find(',', s);
            if (e == std::string::npos)
                e = groups.size();
            if (e > s)
                fp.cumulationGroups.push_back(groups.substr(s, e - s));
        }
        perimeters.push_back(std::move(fp));
    }
    auto found = geo::detectDoubleFunding(perimeters);
    if (!found)
        return fail(ctx, found.error());
    if (ctx.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : found.value())
            out.push_back({{"a", s.firstKey},
                           {"b", s.secondKey},
                           {"groups", s.sharedGroups},
                           {"overlap_m2", s.overlapM2}});
        ctx.out << out.dump(2) << "\n";
    } else {
        for (const auto& s : found.value()) {
            std::string groups;
            for (const auto& g : s.sharedGroups)
                groups += (groups.empty() ? "" : ", ") + g;
            ctx.out << s.firstKey << " and " << s.secondKey << " overlap by " << s.overlapM2
                    << " m² and are both funded from: " << groups << "\n";
        }
        ctx.out << found.value().size() << " possible double-funding signals\n";
    }
    return 0;
}

Result<Date> dateOption(const Args& a) {
    if (!a.has("date"))
        return Date::today();
    return Date::parse(a.get("date"));
}

int areasRuleAdd(const Args& a, Context& ctx) {
    if (a.positional.size() != 3)
        return usage(ctx, "areas rule-add WORKSPACE RULE.json");
    std::ifstream in(a.positional[2]);
    if (!in)
        return fail(ctx, makeError("areas.rule_file", "cannot read the rule file", a.positional[2],
                                   "check the path"));
    std::stringstream text;
    text << in.rdbuf();
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[1], code, false);
    if (!ws)
        return code;
    auto id = geo::addAreaRule(*ws, text.str());
    if (!id)
        return fail(ctx, id.error());
    ctx.out << "added area rule (area row " << id.value() << ")\n";
    return 0;
}

int printKeys(Context& ctx, const std::vector<std::string>& keys, Workspace& ws) {
    if (ctx.json) {
        ctx.out << nlohmann::json(keys).dump(2) << "\n";
        return 0;
    }
    auto st = ws.db().prepare(
        "SELECT name FROM kk_municipality WHERE nis_code = ? ORDER BY valid_from DESC LIMIT 1");
    for (const auto& k : keys) {
        st.bind(1, k);
        const std::string name = st.step() ? st.getText(0) : std::string();
        st.reset();
        ctx.out << k << (name.empty() ? "" : "\t" + name) << "\n";
    }
    ctx.out << keys.size() << (keys.size() == 1 ? " entry\n" : " entries\n");
    return 0;
}

/// members and member-of share everything but the question asked: both take
/// WORKSPACE NAME [--instrument I] [--date D] and print a list of keys.
using RuleQuestion = Result<std::vector<std::string>> (*)(Workspace&, const std::string&,
                                                          const std::string&, const Date&);

int askRules(const Args& a, Context& ctx, const std::string& synopsis, RuleQuestion question,
             bool municipalities) {
    if (a.positional.size() != 3)
        return usage(ctx, synopsis);
    auto date = dateOption(a);
    if (!date)
        return fail(ctx, date.error(), 2);
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[1], code, true);
    if (!ws)
        return code;
    auto keys = question(*ws, a.positional[2], a.get("instrument"), date.value());
    if (!keys)
        return fail(ctx, keys.error());
    if (municipalities || ctx.json)
        return printKeys(ctx, keys.value(), *ws);
    for (const auto& id : keys.value())
        ctx.out << id << "\n";
    ctx.out << keys.value().size() << " areas\n";
    return 0;
}

}  // namespace

int cmdAreas(const std::vector<std::string>& raw, Context& ctx) {
    const Args a =
        parseArgs(raw, {"kind", "key", "name", "layer", "crs", "indicator", "instrument", "date"});
    const std::string sub = a.positional.empty() ? "" : a.positional[0];
    if (sub == "import")
        return areasImport(a, ctx);
    if (sub == "list")
        return areasList(a, ctx);
    if (sub == "export")
        return areasExport(a, ctx);
    if (sub == "double-funding")
        return areasDoubleFunding(a, ctx);
    if (sub == "rule-add")
        return areasRuleAdd(a, ctx);
    if (sub == "members")
        return askRules(a, ctx, "areas members WORKSPACE AREA [--instrument I] [--date YYYY-MM-DD]",
                        &geo::areaMembers, true);
    if (sub == "member-of")
        return askRules(a, ctx,
                        "areas member-of WORKSPACE NIS [--instrument I] [--date YYYY-MM-DD]",
                        &geo::areasOfMunicipality, false);
    return usage(
        ctx, "areas import|list|export|double-funding|rule-add|members|member-of WORKSPACE ...");
}

}  // namespace kk::cli
