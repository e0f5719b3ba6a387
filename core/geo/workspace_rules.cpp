// Area rules stored in the workspace: JSON parsing with reference resolution, storage as
// versions, and membership questions.
#include "core/geo/workspace_rules.h"

#include <nlohmann/json.hpp>

#include "core/geo/gpkg_blob.h"
#include "core/rules/script_library.h"
#include "core/rules/trust.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"

namespace kk::geo {
namespace {

using nlohmann::json;

Error ruleError(const std::string& what, const std::string& where) {
    return makeError("area_rule.invalid", what, where,
                     "see docs/geo.md, 'Area rules in the workspace', for the format");
}

/// Geometry of the newest area with this code that has one and is valid on the date.
Result<Geometry> areaGeometry(Workspace& ws, const std::string& code, const Date& date,
                              const std::string& where) {
    auto st = ws.db().prepare(
        "SELECT geom FROM areas WHERE code = ? AND geom IS NOT NULL AND valid_from <= ? AND "
        "(valid_to IS NULL OR valid_to = '' OR valid_to >= ?) ORDER BY valid_from DESC LIMIT 1");
    st.bind(1, code).bind(2, date.toString()).bind(3, date.toString());
    if (!st.step())
        return ruleError("no area with code '" + code + "' and a geometry on " + date.toString(),
                         where);
    auto g = fromGpkgBlob(st.getBlob(0));
    if (!g)
        return ruleError(g.error().what, where);
    return g.value().geometry;
}

Result<std::vector<std::string>> classMembers(Workspace& ws, const std::string& cls,
                                              const Date& date, const std::string& where) {
    auto st = ws.db().prepare(
        "SELECT DISTINCT nis_code FROM kk_municipality_class WHERE class = ? AND valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?) ORDER BY nis_code");
    st.bind(1, cls).bind(2, date.toString()).bind(3, date.toString());
    std::vector<std::string> keys;
    while (st.step())
        keys.push_back(st.getText(0));
    if (keys.empty())
        return ruleError("no municipality has class '" + cls + "' on " + date.toString(), where);
    return keys;
}

Result<std::vector<std::string>> keyList(Workspace& ws, const json& j, const Date& date,
                                         const std::string& where) {
    if (j.is_object() && j.contains("class"))
        return classMembers(ws, j.at("class").get<std::string>(), date, where);
    if (!j.is_array())
        return ruleError("expected a list of NIS codes or {\"class\": ...}", where);
    std::vector<std::string> keys;
    for (const auto& k : j)
        keys.push_back(k.get<std::string>());
    return keys;
}

struct ParseContext {
    Workspace& ws;
    Date date;
    std::shared_ptr<rules::TrustStore> trust;
    std::shared_ptr<rules::ScriptLibrary> library;
};

Result<RuleNode> parseNode(ParseContext& ctx, const json& j, const std::string& where) {
    if (!j.is_object() || !j.contains("type"))
        return ruleError("a rule needs a \"type\"", where);
    const std::string type = j.at("type").get<std::string>();
    const std::string here = where + "." + type;
    if (type == "static") {
        auto keys = keyList(ctx.ws, j.contains("keys") ? j.at("keys") : j, ctx.date, here);
        if (!keys)
            return keys.error();
        return RuleNode{StaticListRule{keys.value()}};
    }
    if (type == "adjacency") {
        AdjacencyRule r;
        for (const auto& code : j.value("border_areas", json::array())) {
            auto g =
                areaGeometry(ctx.ws, code.get<std::string>(), ctx.date, here + ".border_areas");
            if (!g)
                return g.error();
            r.borderAreas.push_back(g.value());
        }
        if (j.contains("border_municipalities")) {
            auto keys = keyList(ctx.ws, j.at("border_municipalities"), ctx.date,
                                here + ".border_municipalities");
            if (!keys)
                return keys.error();
            r.borderMunicipalities = keys.value();
        }
        r.includeListed = j.value("include_listed", false);
        if (r.borderAreas.empty() && r.borderMunicipalities.empty())
            return ruleError("an adjacency rule needs border_areas or border_municipalities", here);
        return RuleNode{r};
    }
    if (type == "imported") {
        ImportedAreaRule r;
        for (const auto& code : j.value("areas", json::array())) {
            auto g = areaGeometry(ctx.ws, code.get<std::string>(), ctx.date, here + ".areas");
            if (!g)
                return g.error();
            r.polygons.push_back(g.value());
        }
        if (r.polygons.empty())
            return ruleError("an imported rule needs \"areas\"", here);
        if (j.contains("min_share")) {
            auto share = Rate::parse(j.at("min_share").get<std::string>());
            if (!share)
                return ruleError(share.error().what, here + ".min_share");
            r.minShareOfMunicipality = share.value();
        }
        return RuleNode{r};
    }
    if (type == "indicator") {
        const std::string script = j.value("script", "");
        const std::string code = j.value("code", "");
        auto min = Rate::parse(j.value("min", ""));
        if (script.empty() || code.empty() || !min)
            return ruleError("an indicator rule needs \"script\", \"code\" and \"min\"", here);
        if (!ctx.library) {
            auto trust = rules::TrustStore::load(rules::TrustStore::defaultPath());
            if (!trust)
                return trust.error();
            ctx.trust = std::make_shared<rules::TrustStore>(std::move(trust).value());
            ctx.library = std::make_shared<rules::ScriptLibrary>(
                rules::ScriptLibrary::defaultBundledDir(), &ctx.ws, ctx.trust.get());
        }
        auto pkg = ctx.library->load(script);
        if (!pkg)
            return pkg.error();
        std::shared_ptr<rules::ScriptPackage> package = std::move(pkg).value();
        Workspace* ws = &ctx.ws;
        const Rate threshold = min.value();
        IndicatorRule r;
        r.description = code + " >= " + threshold.toString() + " (" + script + ")";
        r.predicate = [ws, package, code, threshold](const std::string& key,
                                                     const Date&) -> Result<bool> {
            auto st = ws->db().prepare(
                "SELECT fid FROM areas WHERE kind = 'municipality' AND code = ? LIMIT 1");
            st.bind(1, key);
            if (!st.step())
                return false;
            auto v = package->computeIndicator(code, "area", st.getInt(0));
            if (!v)
                return v.error();
            // Indicator values are measurements, not money: a double comparison is fine here.
            return v.value().has_value() && *v.value() >= threshold.toDouble();
        };
        return RuleNode{r};
    }
    if (type == "union" || type == "intersection") {
        std::vector<RuleNode> parts;
        int i = 0;
        for (const auto& p : j.value("parts", json::array())) {
            auto node = parseNode(ctx, p, here + ".parts[" + std::to_string(i++) + "]");
            if (!node)
                return node.error();
            parts.push_back(std::move(node).value());
        }
        if (parts.empty())
            return ruleError("a " + type + " needs \"parts\"", here);
        if (type == "union")
            return RuleNode{UnionRule{std::move(parts)}};
        return RuleNode{IntersectionRule{std::move(parts)}};
    }
    return ruleError("unknown rule type '" + type + "'", where);
}

Result<AreaRule> parseRule(ParseContext& ctx, const std::string& text) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        return ruleError(std::string("not valid JSON: ") + e.what(), "rule document");
    }
    try {
        AreaRule rule;
        rule.areaId = j.at("area").get<std::string>();
        rule.instrument = j.value("instrument", "");
        rule.version = j.value("version", 1);
        rule.description = j.value("description", "");
        auto from = Date::parse(j.value("valid_from", "1900-01-01"));
        if (!from)
            return ruleError(from.error().what, rule.areaId + ".valid_from");
        rule.validity.from = from.value();
        if (j.contains("valid_to") && j.at("valid_to").is_string()) {
            auto to = Date::parse(j.at("valid_to").get<std::string>());
            if (!to)
                return ruleError(to.error().what, rule.areaId + ".valid_to");
            rule.validity.to = to.value();
        }
        if (!j.contains("rule"))
            return ruleError("the document has no \"rule\"", rule.areaId);
        auto node = parseNode(ctx, j.at("rule"), rule.areaId);
        if (!node)
            return node.error();
        rule.root = std::move(node).value();
        return rule;
    } catch (const json::exception& e) {
        return ruleError(std::string("a field has the wrong type: ") + e.what(), "rule document");
    }
}

std::vector<std::string> storedRuleTexts(Workspace& ws) {
    auto st = ws.db().prepare("SELECT rule_json FROM areas WHERE rule_json <> '' ORDER BY fid");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.getText(0));
    return out;
}

}  // namespace

Result<std::unique_ptr<MunicipalitySet>> workspaceMunicipalities(Workspace& ws, const Date& date) {
    try {
        auto st = ws.db().prepare(
            "SELECT a.code, a.name, a.geom FROM areas a WHERE a.kind = 'municipality' AND "
            "a.geom IS NOT NULL AND a.code IN (SELECT nis_code FROM kk_municipality WHERE "
            "valid_from <= ? AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?)) "
            "ORDER BY a.code");
        st.bind(1, date.toString()).bind(2, date.toString());
        std::vector<Feature> features;
        while (st.step()) {
            auto g = fromGpkgBlob(st.getBlob(2));
            if (!g)
                return makeError("areas.bad_geometry", g.error().what, "area " + st.getText(0));
            features.push_back({st.getText(0), st.getText(1), {}, g.value().geometry});
        }
        if (features.empty())
            return makeError(
                "areas.no_municipalities",
                "the workspace has no municipality boundaries valid on " + date.toString(),
                ws.path(), "import them with 'koppelkans-cli areas import W FILE --key NIS'");
        return std::make_unique<MunicipalitySet>(std::move(features));
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<std::int64_t> addAreaRule(Workspace& ws, const std::string& text) {
    ParseContext ctx{ws, Date::today(), nullptr, nullptr};
    auto rule = parseRule(ctx, text);
    if (!rule)
        return rule.error();
    ctx.date = rule.value().validity.from;
    // Re-parse on the rule's own start date so references are checked when the rule applies.
    rule = parseRule(ctx, text);
    if (!rule)
        return rule.error();
    AreaRuleBook book;
    for (const auto& stored : storedRuleTexts(ws)) {
        ParseContext c{ws, ctx.date, ctx.trust, ctx.library};
        auto r = parseRule(c, stored);
        if (r)
            (void)book.add(std::move(r).value());
    }
    const AreaRule copy = rule.value();
    if (auto s = book.add(std::move(rule).value()); !s)
        return s.error();
    try {
        ChangeSet cs(ws, "Add area rule " + copy.areaId + " v" + std::to_string(copy.version));
        const std::string code =
            copy.instrument.empty() ? copy.areaId : copy.areaId + ":" + copy.instrument;
        const auto doc = json::parse(text);
        Row row;
        row.set("kind", std::string(copy.areaId == "vlaamse_rand" ? "vlaamse_rand" : "other"))
            .set("code", code)
            .set("name", doc.value("name", copy.areaId))
            .set("valid_from", copy.validity.from.toString())
            .set("valid_to", copy.validity.to ? sql::Value(copy.validity.to->toString())
                                              : sql::Value(std::monostate{}))
            .set("rule_json", text)
            .set("source", std::string("area rule v") + std::to_string(copy.version));
        const auto id = cs.insert("areas", row);
        if (auto s = cs.commit(); !s)
            return s.error();
        return id;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<AreaRuleBook> loadAreaRules(Workspace& ws, const Date& date) {
    AreaRuleBook book;
    ParseContext ctx{ws, date, nullptr, nullptr};
    for (const auto& text : storedRuleTexts(ws)) {
        auto r = parseRule(ctx, text);
        if (!r)
            return r.error();
        // Only the versions that apply on the date need resolving; others may reference
        // areas that no longer exist.
        if (auto s = book.add(std::move(r).value()); !s)
            return s.error();
    }
    return book;
}

Result<std::vector<std::string>> areaMembers(Workspace& ws, const std::string& area,
                                             const std::string& instrument, const Date& date) {
    auto book = loadAreaRules(ws, date);
    if (!book)
        return book.error();
    const AreaRule* rule = book.value().ruleFor(area, instrument, date);
    if (!rule)
        return makeError("area_rule.none",
                         "no rule for area '" + area + "'" +
                             (instrument.empty() ? "" : " and instrument '" + instrument + "'") +
                             " is valid on " + date.toString(),
                         ws.path(), "add one with 'koppelkans-cli areas rule-add'");
    auto set = workspaceMunicipalities(ws, date);
    if (!set)
        return set.error();
    return membersOf(*rule, *set.value(), date);
}

Result<std::vector<std::string>> areasOfMunicipality(Workspace& ws, const std::string& nis,
                                                     const std::string& instrument,
                                                     const Date& date) {
    auto book = loadAreaRules(ws, date);
    if (!book)
        return book.error();
    auto set = workspaceMunicipalities(ws, date);
    if (!set)
        return set.error();
    if (set.value()->indexOf(nis) < 0)
        return makeError("areas.unknown_municipality",
                         "no municipality " + nis + " with a boundary on " + date.toString(),
                         ws.path(), "check the NIS code and the date");
    return book.value().areasContaining(nis, instrument, date, *set.value());
}

}  // namespace kk::geo
