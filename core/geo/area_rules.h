// Versioned area rules: which municipalities belong to an area (Vlaamse Rand, a W+L+S area, ...)
// on a given date, by static list, adjacency, indicator threshold, imported polygons, or a
// union or intersection of those.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/rate.h"
#include "core/geo/adjacency.h"
#include "core/geo/feature.h"
#include "core/geo/overlap.h"

namespace kk::geo {

/// Members named by key.
struct StaticListRule {
    std::vector<std::string> keys;
};

/// "Municipalities that border area X or any municipality of list Y" (AdjacencyOptions say
/// what bordering means: a shared boundary of positive length, never a single point). The
/// default Vlaamse Rand: X = the Brussels-Capital Region, Y = the faciliteitengemeenten.
struct AdjacencyRule {
    std::vector<Geometry> borderAreas;              ///< X (may be empty)
    std::vector<std::string> borderMunicipalities;  ///< Y, by key (may be empty)
    /// Also count the Y municipalities themselves, bordering or not.
    bool includeListed = false;
    AdjacencyOptions adjacency;
};

/// Membership decided by a predicate over (municipality key, date), e.g. an indicator above a
/// threshold; the rules engine supplies it. An error from the predicate aborts membersOf().
using MunicipalityPredicate = std::function<Result<bool>(const std::string& key, const Date& date)>;
struct IndicatorRule {
    std::string description;  ///< e.g. "bebouwde_oppervlakte_aandeel > 0.3"
    MunicipalityPredicate predicate;
};

/// Membership by overlap with imported polygons: a municipality belongs when at least
/// `minShareOfMunicipality` of its territory lies inside the polygons (compared exactly on
/// whole mm²). A zero threshold means "any overlap of positive area".
struct ImportedAreaRule {
    std::vector<Geometry> polygons;
    Rate minShareOfMunicipality = Rate(1, 2);
};

struct RuleNode;
struct UnionRule {
    std::vector<RuleNode> parts;
};
struct IntersectionRule {
    std::vector<RuleNode> parts;
};

struct RuleNode {
    std::variant<StaticListRule, AdjacencyRule, IndicatorRule, ImportedAreaRule, UnionRule,
                 IntersectionRule>
        kind;
};

/// One version of the rule of one area for one instrument (empty instrument: every
/// instrument). Versions of the same area and instrument must not have overlapping periods.
struct AreaRule {
    std::string areaId;      ///< e.g. "vlaamse_rand"
    std::string instrument;  ///< e.g. "randfonds"; empty = all instruments
    int version = 1;
    Period validity;
    std::string description;
    RuleNode root;
};

/// The municipalities a rule is evaluated over (those valid on the date of interest), with
/// the caches rules need: key lookup, adjacency lists (computed once per AdjacencyOptions) and
/// an overlap index. Not thread-safe.
class MunicipalitySet {
  public:
    explicit MunicipalitySet(std::vector<Feature> municipalities);
    ~MunicipalitySet();

    const std::vector<Feature>& features() const { return m_features; }
    /// Position of a key, or -1.
    std::ptrdiff_t indexOf(const std::string& key) const;
    Result<const std::vector<std::vector<std::size_t>>*> adjacency(
        const AdjacencyOptions& options) const;
    const OverlapIndex& overlapIndex() const;

  private:
    std::vector<Feature> m_features;
    std::map<std::string, std::size_t> m_byKey;
    mutable std::map<std::pair<double, double>, std::vector<std::vector<std::size_t>>> m_adjacency;
    mutable std::unique_ptr<OverlapIndex> m_overlap;
};

/// The keys of the members on `date`, sorted. Errors: the date is outside the rule's validity,
/// a listed key is not among the municipalities, a predicate failed (named with the rule).
Result<std::vector<std::string>> membersOf(const AreaRule& rule,
                                           const MunicipalitySet& municipalities, const Date& date);

/// All versioned area rules of a workspace or plugin.
class AreaRuleBook {
  public:
    /// Refuses a rule whose validity overlaps another version of the same area and
    /// instrument, a duplicate version number, or an invalid period.
    Status add(AreaRule rule);
    const std::vector<AreaRule>& rules() const { return m_rules; }
    /// The version valid on `date` for the area and instrument (a rule for every instrument
    /// applies when no instrument-specific one is valid), or nullptr.
    const AreaRule* ruleFor(const std::string& areaId, const std::string& instrument,
                            const Date& date) const;
    /// The ids of the areas whose rule valid on `date` for `instrument` includes the
    /// municipality, sorted.
    Result<std::vector<std::string>> areasContaining(const std::string& municipalityKey,
                                                     const std::string& instrument,
                                                     const Date& date,
                                                     const MunicipalitySet& municipalities) const;

  private:
    std::vector<AreaRule> m_rules;
};

}  // namespace kk::geo
