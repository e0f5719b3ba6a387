// Evaluation of versioned area rules over a set of municipalities.
#include "core/geo/area_rules.h"

#include <algorithm>
#include <set>

namespace kk::geo {

MunicipalitySet::MunicipalitySet(std::vector<Feature> municipalities)
    : m_features(std::move(municipalities)) {
    for (std::size_t i = 0; i < m_features.size(); ++i)
        m_byKey.emplace(m_features[i].key, i);
}

MunicipalitySet::~MunicipalitySet() = default;

std::ptrdiff_t MunicipalitySet::indexOf(const std::string& key) const {
    const auto it = m_byKey.find(key);
    return it == m_byKey.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
}

Result<const std::vector<std::vector<std::size_t>>*> MunicipalitySet::adjacency(
    const AdjacencyOptions& options) const {
    const auto cacheKey = std::make_pair(options.tolerance, options.minSharedLength);
    auto it = m_adjacency.find(cacheKey);
    if (it == m_adjacency.end()) {
        auto lists = adjacencyLists(m_features, options);
        if (!lists)
            return lists.error();
        it = m_adjacency.emplace(cacheKey, std::move(lists).value()).first;
    }
    return &it->second;
}

const OverlapIndex& MunicipalitySet::overlapIndex() const {
    if (!m_overlap)
        m_overlap = std::make_unique<OverlapIndex>(m_features);
    return *m_overlap;
}

namespace {

using KeySet = std::set<std::string>;

std::string ruleName(const AreaRule& rule) {
    std::string out = "area rule '" + rule.areaId + "'";
    if (!rule.instrument.empty())
        out += " for " + rule.instrument;
    return out + " version " + std::to_string(rule.version);
}

Result<KeySet> evaluate(const RuleNode& node, const AreaRule& rule, const MunicipalitySet& set,
                        const Date& date);

Result<KeySet> evalStatic(const StaticListRule& r, const AreaRule& rule,
                          const MunicipalitySet& set) {
    KeySet out;
    for (const auto& key : r.keys) {
        if (set.indexOf(key) < 0)
            return makeError("geo.rule_unknown_key",
                             "municipality " + key + " of the static list is not known",
                             ruleName(rule), "correct the list or load the municipality");
        out.insert(key);
    }
    return out;
}

Result<KeySet> evalAdjacency(const AdjacencyRule& r, const AreaRule& rule,
                             const MunicipalitySet& set) {
    const auto& features = set.features();
    KeySet out;
    for (const auto& area : r.borderAreas) {
        const Envelope box = area.envelope().expandedBy(r.adjacency.tolerance);
        for (const auto& f : features) {
            if (!f.geometry.envelope().intersects(box))
                continue;
            auto b = borders(f.geometry, area, r.adjacency);
            if (!b)
                return makeError(b.error().code, b.error().what,
                                 ruleName(rule) + ", municipality " + f.key, b.error().hint);
            if (*b)
                out.insert(f.key);
        }
    }
    if (!r.borderMunicipalities.empty()) {
        auto lists = set.adjacency(r.adjacency);
        if (!lists)
            return makeError(lists.error().code, lists.error().what,
                             ruleName(rule) + ", " + lists.error().where, lists.error().hint);
        for (const auto& key : r.borderMunicipalities) {
            const auto i = set.indexOf(key);
            if (i < 0)
                return makeError("geo.rule_unknown_key",
                                 "municipality " + key + " of the border list is not known",
                                 ruleName(rule), "correct the list or load the municipality");
            for (std::size_t j : (**lists)[static_cast<std::size_t>(i)])
                out.insert(features[j].key);
            if (r.includeListed)
                out.insert(key);
        }
    }
    return out;
}

Result<KeySet> evalIndicator(const IndicatorRule& r, const AreaRule& rule,
                             const MunicipalitySet& set, const Date& date) {
    if (!r.predicate)
        return makeError("geo.rule_no_predicate",
                         "the indicator rule '" + r.description + "' has no predicate",
                         ruleName(rule), "attach the indicator script to the rule");
    KeySet out;
    for (const auto& f : set.features()) {
        auto in = r.predicate(f.key, date);
        if (!in)
            return makeError(in.error().code, in.error().what,
                             ruleName(rule) + ", indicator '" + r.description + "', municipality " +
                                 f.key + (in.error().where.empty() ? "" : ", " + in.error().where),
                             in.error().hint);
        if (*in)
            out.insert(f.key);
    }
    return out;
}

Result<KeySet> evalImported(const ImportedAreaRule& r, const AreaRule& rule,
                            const MunicipalitySet& set) {
    KeySet out;
    Geometry all;
    for (const auto& p : r.polygons) {
        auto u = all.unionWith(p);
        if (!u)
            return makeError(u.error().code, u.error().what, ruleName(rule), u.error().hint);
        all = std::move(u).value();
    }
    if (all.isEmpty())
        return out;
    auto shares = set.overlapIndex().shares(all);
    if (!shares)
        return makeError(shares.error().code, shares.error().what, ruleName(rule),
                         shares.error().hint);
    const bool anyOverlap = r.minShareOfMunicipality.isZero();
    for (const auto& s : shares->shares) {
        if (anyOverlap ? s.areaMm2 > 0 : s.shareOfMunicipality >= r.minShareOfMunicipality)
            out.insert(s.key);
    }
    return out;
}

Result<KeySet> evaluate(const RuleNode& node, const AreaRule& rule, const MunicipalitySet& set,
                        const Date& date) {
    if (const auto* s = std::get_if<StaticListRule>(&node.kind))
        return evalStatic(*s, rule, set);
    if (const auto* a = std::get_if<AdjacencyRule>(&node.kind))
        return evalAdjacency(*a, rule, set);
    if (const auto* i = std::get_if<IndicatorRule>(&node.kind))
        return evalIndicator(*i, rule, set, date);
    if (const auto* p = std::get_if<ImportedAreaRule>(&node.kind))
        return evalImported(*p, rule, set);
    const bool isUnion = std::holds_alternative<UnionRule>(node.kind);
    const auto& parts = isUnion ? std::get<UnionRule>(node.kind).parts
                                : std::get<IntersectionRule>(node.kind).parts;
    if (parts.empty())
        return makeError(
            "geo.rule_empty",
            std::string("an empty ") + (isUnion ? "union" : "intersection") + " of rules",
            ruleName(rule), "give the combination at least one rule");
    KeySet acc;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        auto part = evaluate(parts[k], rule, set, date);
        if (!part)
            return part;
        if (isUnion || k == 0) {
            acc.insert(part->begin(), part->end());
        } else {
            KeySet both;
            std::set_intersection(acc.begin(), acc.end(), part->begin(), part->end(),
                                  std::inserter(both, both.begin()));
            acc = std::move(both);
        }
    }
    return acc;
}

}  // namespace

Result<std::vector<std::string>> membersOf(const AreaRule& rule,
                                           const MunicipalitySet& municipalities,
                                           const Date& date) {
    if (!rule.validity.contains(date))
        return makeError("geo.rule_not_valid",
                         ruleName(rule) + " is not valid on " + date.toString() + " (valid " +
                             rule.validity.toString() + ")",
                         ruleName(rule), "use the version of the rule valid on that date");
    auto keys = evaluate(rule.root, rule, municipalities, date);
    if (!keys)
        return keys.error();
    return std::vector<std::string>(keys->begin(), keys->end());
}

Status AreaRuleBook::add(AreaRule rule) {
    if (auto valid = rule.validity.validate(); !valid)
        return makeError(valid.error().code, valid.error().what, ruleName(rule),
                         valid.error().hint);
    for (const auto& other : m_rules) {
        if (other.areaId != rule.areaId || other.instrument != rule.instrument)
            continue;
        if (other.version == rule.version)
            return makeError("geo.rule_duplicate_version",
                             "version " + std::to_string(rule.version) + " already exists",
                             ruleName(rule), "give the new rule the next version number");
        if (other.validity.overlaps(rule.validity))
            return makeError("geo.rule_overlapping_versions",
                             "its validity " + rule.validity.toString() + " overlaps version " +
                                 std::to_string(other.version) + " (" + other.validity.toString() +
                                 ")",
                             ruleName(rule), "end the older version the day before");
    }
    m_rules.push_back(std::move(rule));
    return {};
}

const AreaRule* AreaRuleBook::ruleFor(const std::string& areaId, const std::string& instrument,
                                      const Date& date) const {
    const AreaRule* general = nullptr;
    for (const auto& r : m_rules) {
        if (r.areaId != areaId || !r.validity.contains(date))
            continue;
        if (r.instrument == instrument && !instrument.empty())
            return &r;
        if (r.instrument.empty())
            general = &r;
    }
    return general;
}

Result<std::vector<std::string>> AreaRuleBook::areasContaining(
    const std::string& municipalityKey, const std::string& instrument, const Date& date,
    const MunicipalitySet& municipalities) const {
    if (municipalities.indexOf(municipalityKey) < 0)
        return makeError("geo.unknown_municipality",
                         "municipality " + municipalityKey + " is not known", {},
                         "check the NIS code");
    std::set<std::string> areaIds;
    for (const auto& r : m_rules)
        areaIds.insert(r.areaId);
    std::vector<std::string> out;
    for (const auto& id : areaIds) {
        const AreaRule* rule = ruleFor(id, instrument, date);
        if (rule == nullptr)
            continue;
        auto members = membersOf(*rule, municipalities, date);
        if (!members)
            return members.error();
        if (std::binary_search(members->begin(), members->end(), municipalityKey))
            out.push_back(id);
    }
    return out;
}

}  // namespace kk::geo
