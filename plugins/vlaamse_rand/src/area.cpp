// Instrument areas of the Vlaamse Rand plugin through core/geo, with the class fallback.
#include "plugins/vlaamse_rand/src/area.h"

#include <algorithm>
#include <iterator>

#include "core/geo/workspace_rules.h"
#include "core/store/workspace.h"

namespace kk::plugins::vlaamse_rand {
namespace {

std::vector<std::string> classMembers(Workspace& ws, const std::string& cls, const Date& date) {
    auto st = ws.db().prepare(
        "SELECT DISTINCT nis_code FROM kk_municipality_class WHERE class = ? AND valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?) ORDER BY nis_code");
    st.bind(1, cls).bind(2, date.toString()).bind(3, date.toString());
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.getText(0));
    return out;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

}  // namespace

std::string municipalityLabel(Workspace& ws, const std::string& nis) {
    auto st = ws.db().prepare(
        "SELECT name FROM kk_municipality WHERE nis_code = ? ORDER BY valid_from DESC LIMIT 1");
    st.bind(1, nis);
    return st.step() ? nis + " " + st.getText(0) : nis;
}

Result<AreaMembership> instrumentArea(Workspace& ws, const Rules& rules,
                                      const std::string& instrument, const Date& date) {
    const auto def = rules.areaDefault(instrument, date);
    if (!def)
        return makeError(
            "vlaamse_rand.no_area",
            "instrument '" + instrument + "' has no area rule valid on " + date.toString(),
            "vlaamse_rand: data/areas.json", "add a rule for the instrument and date");
    AreaMembership out;
    out.area = def->area;
    out.name = def->name;
    auto stored = geo::areaMembers(ws, def->area, instrument, date);
    if (stored) {
        out.members = std::move(stored).value();
        std::sort(out.members.begin(), out.members.end());
        out.basis = "area rule '" + def->area + "' for instrument '" + instrument +
                    "' stored in the workspace, evaluated on its boundaries (core/geo)";
        return out;
    }
    // No rule, no boundaries, or a rule whose referenced boundaries (BHG, a municipality of
    // its border list) are missing on the date, as in a workspace with boundaries for only
    // part of Flanders: the class flags decide, and the basis says why. Other errors (a
    // failing Lua indicator) are the user's.
    if (stored.error().code != "area_rule.none" &&
        stored.error().code != "areas.no_municipalities" &&
        stored.error().code != "area_rule.invalid" && stored.error().code != "geo.rule_unknown_key")
        return stored.error();
    for (std::size_t k = 0; k < def->fallbackClasses.size(); ++k) {
        auto members = classMembers(ws, def->fallbackClasses[k], date);
        if (k == 0) {
            out.members = std::move(members);
            continue;
        }
        std::vector<std::string> both;
        std::set_intersection(out.members.begin(), out.members.end(), members.begin(),
                              members.end(), std::back_inserter(both));
        out.members = std::move(both);
    }
    out.basis = "municipality classes " + joined(def->fallbackClasses, " ∩ ") +
                " of data/reference/municipality_classes.csv (" + stored.error().what + ")";
    return out;
}

Status checkInArea(Workspace& ws, const Rules& rules, const Instrument& instrument,
                   const std::vector<std::string>& nisCodes, const Date& date) {
    if (nisCodes.empty())
        return makeError("vlaamse_rand.no_municipality", "the application names no municipality",
                         "--municipalities",
                         "give the NIS codes of the municipalities of the project, or set the "
                         "project's applicant with its NIS code");
    auto area = instrumentArea(ws, rules, instrument.code, date);
    if (!area)
        return area.error();
    const auto& m = area.value().members;
    std::vector<std::string> outside;
    for (const auto& nis : nisCodes)
        if (!std::binary_search(m.begin(), m.end(), nis))
            outside.push_back(municipalityLabel(ws, nis));
    if (outside.empty())
        return {};
    return makeError(
        "vlaamse_rand.outside_area",
        (outside.size() == 1 ? "municipality " : "municipalities ") + joined(outside, ", ") +
            (outside.size() == 1 ? " is" : " are") + " outside the area '" + area.value().name +
            "' of the " + instrument.name + " on " + date.toString(),
        "area of instrument " + instrument.code + ": " + area.value().basis,
        "apply only with municipalities of the area (" + std::to_string(m.size()) +
            " municipalities; list them with 'koppelkans-cli plugin vlaamse_rand area WORKSPACE "
            "--instrument " +
            instrument.code +
            "'), or widen the instrument's area with 'koppelkans-cli areas rule-add' (area " +
            area.value().area + ", instrument " + instrument.code + ")");
}

std::vector<std::string> storeDefaultAreaRules(Workspace& ws, const Rules& rules,
                                               const Date& date) {
    std::vector<std::string> notes;
    // Without boundaries a stored rule could not be evaluated; the classes answer instead.
    const bool boundaries = geo::workspaceMunicipalities(ws, date).ok();
    for (const auto& i : rules.instruments(date)) {
        const auto def = rules.areaDefault(i.code, date);
        if (!def)
            continue;
        auto existing = geo::areaMembers(ws, def->area, i.code, date);
        if (!boundaries) {
            notes.push_back("area " + def->area + " (" + i.code +
                            "): the workspace has no municipality boundaries, the municipality "
                            "classes are used instead");
            continue;
        }
        // Any answer but "no rule" means a rule for this area and instrument is stored.
        if (existing || existing.error().code != "area_rule.none") {
            notes.push_back("area " + def->area + " (" + i.code +
                            "): a rule is already stored in the workspace");
            continue;
        }
        auto stored = geo::addAreaRule(ws, def->ruleJson);
        if (stored)
            notes.push_back("area " + def->area + " (" + i.code +
                            "): default rule stored, evaluated on the workspace's boundaries");
        else
            notes.push_back("area " + def->area + " (" + i.code +
                            "): no rule stored, the municipality classes are used instead (" +
                            stored.error().what + ")");
    }
    return notes;
}

}  // namespace kk::plugins::vlaamse_rand
