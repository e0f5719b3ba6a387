// Versioned area rules kept in the workspace (an `areas` row per rule version, the rule as JSON
// in rule_json) and the questions they answer: which municipalities belong to area A for
// instrument I on date D, and which areas municipality M is in.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/geo/area_rules.h"

namespace kk {
class Workspace;
}

namespace kk::geo {

/// A rule as stored. JSON format (docs/geo.md, "Area rules in the workspace"):
/// {"area": "vlaamse_rand", "name": "Vlaamse Rand", "instrument": "randfonds", "version": 1,
///  "valid_from": "2020-01-01", "valid_to": null, "description": "...",
///  "rule": {"type": "adjacency", "border_areas": ["BHG"],
///           "border_municipalities": {"class": "faciliteitengemeente"}}}
/// Rule types: static {"keys": [...]} or {"class": C}; adjacency {"border_areas": [area
/// codes], "border_municipalities": [keys] | {"class": C}, "include_listed": bool};
/// imported {"areas": [area codes], "min_share": "1/2"}; indicator {"script": NAME, "code":
/// CODE, "min": "3/10"} (a Lua indicator over the municipality's area, core/rules);
/// union / intersection {"parts": [...]}.
struct StoredRule {
    std::int64_t areaRowId = 0;
    std::string json;
};

/// Parses and checks a rule document against the workspace (referenced areas and classes must
/// exist) and stores it as a new version. Refuses overlapping validity of the same area and
/// instrument (core/geo AreaRuleBook). Returns the area row id.
Result<std::int64_t> addAreaRule(Workspace& ws, const std::string& json);

/// Builds the rule book of every stored rule, resolving references for `date`.
Result<AreaRuleBook> loadAreaRules(Workspace& ws, const Date& date);

/// Municipalities (with geometry) valid on `date`, keyed by NIS code.
Result<std::unique_ptr<MunicipalitySet>> workspaceMunicipalities(Workspace& ws, const Date& date);

/// Members (NIS codes) of an area for an instrument on a date.
Result<std::vector<std::string>> areaMembers(Workspace& ws, const std::string& area,
                                             const std::string& instrument, const Date& date);

/// Area ids whose rule includes the municipality for the instrument on the date.
Result<std::vector<std::string>> areasOfMunicipality(Workspace& ws, const std::string& nis,
                                                     const std::string& instrument,
                                                     const Date& date);

}  // namespace kk::geo
