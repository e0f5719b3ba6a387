// JSON (de)serialisation of problems, allocations and comparisons.
#include "core/allocate/json.h"

#include <functional>

namespace kk::alloc {
namespace {

using nlohmann::json;

/// Reading throws KkError with the JSON path; the public functions turn it into a Result.
[[noreturn]] void fail(const std::string& path, const std::string& what, const std::string& hint) {
    throw KkError(makeError("allocate.json", what, path, hint));
}

const json* field(const json& j, const std::string& path, const char* key, bool required) {
    if (!j.is_object())
        fail(path, "expected an object", "write {\"key\": value, ...}");
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required)
            fail(path + "." + key, "missing field", "add \"" + std::string(key) + "\"");
        return nullptr;
    }
    return &*it;
}

std::string str(const json& j, const std::string& path, const char* key, bool required = false) {
    const json* v = field(j, path, key, required);
    if (!v)
        return {};
    if (!v->is_string())
        fail(path + "." + key, "expected text", "write it between double quotes");
    return v->get<std::string>();
}

Money money(const json& v, const std::string& path) {
    if (!v.is_string())
        fail(path, "expected an amount as text", "write amounts as strings, e.g. \"1234.56\"");
    auto m = Money::parse(v.get<std::string>());
    if (!m)
        fail(path, m.error().what, m.error().hint);
    return m.value();
}

std::optional<Money> optMoney(const json& j, const std::string& path, const char* key) {
    const json* v = field(j, path, key, false);
    if (!v)
        return std::nullopt;
    return money(*v, path + "." + key);
}

Rate rate(const json& v, const std::string& path) {
    if (v.is_number_integer())
        return Rate(v.get<std::int64_t>(), 1);
    if (!v.is_string())
        fail(path, "expected a rate as text", "write e.g. \"80%\", \"3/4\" or \"0.8\"");
    auto r = Rate::parse(v.get<std::string>());
    if (!r)
        fail(path, r.error().what, r.error().hint);
    return r.value();
}

std::optional<Rate> optRate(const json& j, const std::string& path, const char* key) {
    const json* v = field(j, path, key, false);
    if (!v)
        return std::nullopt;
    return rate(*v, path + "." + key);
}

Date date(const json& v, const std::string& path) {
    if (!v.is_string())
        fail(path, "expected a date as text", "write e.g. \"2025-06-01\"");
    auto d = Date::parse(v.get<std::string>());
    if (!d)
        fail(path, d.error().what, d.error().hint);
    return d.value();
}

std::int64_t integer(const json& j, const std::string& path, const char* key,
                     std::int64_t fallback) {
    const json* v = field(j, path, key, false);
    if (!v)
        return fallback;
    if (!v->is_number_integer())
        fail(path + "." + key, "expected a whole number", "write e.g. 2025");
    return v->get<std::int64_t>();
}

bool boolean(const json& j, const std::string& path, const char* key, bool fallback) {
    const json* v = field(j, path, key, false);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        fail(path + "." + key, "expected true or false", "write true or false without quotes");
    return v->get<bool>();
}

std::vector<std::string> strings(const json& j, const std::string& path, const char* key) {
    std::vector<std::string> out;
    const json* v = field(j, path, key, false);
    if (!v)
        return out;
    if (!v->is_array())
        fail(path + "." + key, "expected a list", "write [\"a\", \"b\"]");
    for (std::size_t k = 0; k < v->size(); ++k) {
        if (!(*v)[k].is_string())
            fail(path + "." + key + "[" + std::to_string(k) + "]", "expected text", "quote it");
        out.push_back((*v)[k].get<std::string>());
    }
    return out;
}

template <class F>
void each(const json& j, const std::string& path, const char* key, F&& f) {
    const json* v = field(j, path, key, false);
    if (!v)
        return;
    if (!v->is_array())
        fail(path + "." + key, "expected a list", "write [ {...}, {...} ]");
    for (std::size_t k = 0; k < v->size(); ++k)
        f((*v)[k], path + "." + key + "[" + std::to_string(k) + "]");
}

template <class E>
E named(Result<E> r, const std::string& path) {
    if (!r)
        fail(path, r.error().what, r.error().hint);
    return r.value();
}

Problem readProblem(const json& j) {
    const std::string root = "problem";
    Problem p;
    p.projectId = str(j, root, "project");
    each(j, root, "partners", [&](const json& e, const std::string& path) {
        Partner x;
        x.id = str(e, path, "id", true);
        x.name = str(e, path, "name");
        if (const json* inputs = field(e, path, "key_inputs", false)) {
            if (!inputs->is_object())
                fail(path + ".key_inputs", "expected an object", "write {\"criterion\": \"12\"}");
            for (const auto& [k, v] : inputs->items())
                x.keyInputs[k] = rate(v, path + ".key_inputs." + k);
        }
        x.floorShare = optRate(e, path, "floor_share");
        x.capShare = optRate(e, path, "cap_share");
        x.maxContribution = optMoney(e, path, "max_contribution");
        each(e, path, "prior_aid", [&](const json& a, const std::string& ap) {
            x.priorAid.push_back({date(*field(a, ap, "date", true), ap + ".date"),
                                  money(*field(a, ap, "amount", true), ap + ".amount"),
                                  str(a, ap, "source")});
        });
        p.partners.push_back(std::move(x));
    });
    each(j, root, "cost_items", [&](const json& e, const std::string& path) {
        CostItem c;
        c.id = str(e, path, "id", true);
        c.category = str(e, path, "category", true);
        c.year = static_cast<int>(integer(e, path, "year", 0));
        c.partnerId = str(e, path, "partner", true);
        c.amount = money(*field(e, path, "amount", true), path + ".amount");
        c.tags = strings(e, path, "tags");
        c.eligible = boolean(e, path, "eligible", true);
        p.costItems.push_back(std::move(c));
    });
    each(j, root, "funds", [&](const json& e, const std::string& path) {
        Fund f;
        f.id = str(e, path, "id", true);
        f.name = str(e, path, "name");
        if (const std::string t = str(e, path, "type"); !t.empty())
            f.type = named(parseFundType(t), path + ".type");
        f.maxRate = rate(*field(e, path, "max_rate", true), path + ".max_rate");
        if (const std::string m = str(e, path, "rate_mode"); !m.empty())
            f.rateMode = named(parseRateMode(m), path + ".rate_mode");
        f.budget = optMoney(e, path, "budget");
        f.capPerProject = optMoney(e, path, "cap_per_project");
        f.capPerPartner = optMoney(e, path, "cap_per_partner");
        f.capPerYear = optMoney(e, path, "cap_per_year");
        f.eligibleCategories = strings(e, path, "eligible_categories");
        f.eligibleTags = strings(e, path, "eligible_tags");
        f.priority = static_cast<int>(integer(e, path, "priority", 0));
        f.cumulationGroups = strings(e, path, "cumulation_groups");
        f.mayNotFundFully = boolean(e, path, "may_not_fund_fully", false);
        f.stateAid = boolean(e, path, "state_aid", false);
        f.partnerId = str(e, path, "partner");
        if (const json* attrs = field(e, path, "attributes", false)) {
            if (!attrs->is_object())
                fail(path + ".attributes", "expected an object", "write {\"level\": \"regional\"}");
            for (const auto& [k, v] : attrs->items()) {
                if (!v.is_string())
                    fail(path + ".attributes." + k, "expected text", "quote the value");
                f.attributes[k] = v.get<std::string>();
            }
        }
        p.funds.push_back(std::move(f));
    });
    each(j, root, "flat_rates", [&](const json& e, const std::string& path) {
        p.flatRates.push_back({str(e, path, "id", true), str(e, path, "category", true),
                               rate(*field(e, path, "rate", true), path + ".rate"),
                               strings(e, path, "base_categories")});
    });
    if (const json* rules = field(j, root, "rules", false)) {
        const std::string path = root + ".rules";
        each(*rules, path, "ceilings", [&](const json& e, const std::string& cp) {
            p.rules.ceilings.push_back({str(e, cp, "group", true),
                                        rate(*field(e, cp, "max_rate", true), cp + ".max_rate")});
        });
        if (const json* m = field(*rules, path, "min_own_contribution", false)) {
            p.rules.minOwnContribution.rate = optRate(*m, path + ".min_own_contribution", "rate");
            p.rules.minOwnContribution.amount =
                optMoney(*m, path + ".min_own_contribution", "amount");
        }
        if (const json* d = field(*rules, path, "de_minimis", false)) {
            const std::string dp = path + ".de_minimis";
            DeMinimisRule rule;
            if (auto c = optMoney(*d, dp, "ceiling"))
                rule.ceiling = *c;
            rule.years = static_cast<int>(integer(*d, dp, "years", 3));
            rule.grantDate = date(*field(*d, dp, "grant_date", true), dp + ".grant_date");
            p.rules.deMinimis = rule;
        }
    }
    if (const json* key = field(j, root, "cost_sharing_key", false)) {
        CostSharingKey k;
        each(*key, root + ".cost_sharing_key", "criteria",
             [&](const json& e, const std::string& cp) {
                 k.criteria.push_back(
                     {str(e, cp, "id", true),
                      named(parseCriterionKind(str(e, cp, "kind", true)), cp + ".kind"),
                      rate(*field(e, cp, "weight", true), cp + ".weight")});
             });
        p.costSharingKey = std::move(k);
    }
    return p;
}

template <class T>
Result<T> guarded(const std::function<T()>& body) {
    try {
        return body();
    } catch (const KkError& e) {
        return e.error();
    } catch (const json::exception& e) {
        return makeError("allocate.json", std::string("malformed JSON: ") + e.what(), {},
                         "check the file against docs/allocation.md");
    }
}

json moneyOrNull(const std::optional<Money>& m) {
    return m ? json(m->toString()) : json(nullptr);
}

}  // namespace

Result<Problem> problemFromJson(const json& j) {
    return guarded<Problem>([&] { return readProblem(j); });
}

Result<Problem> parseProblem(std::string_view text) {
    return guarded<Problem>([&] { return readProblem(json::parse(text)); });
}

json toJson(const Problem& p) {
    json j;
    j["project"] = p.projectId;
    j["partners"] = json::array();
    for (const Partner& x : p.partners) {
        json e{{"id", x.id}, {"name", x.name}};
        json inputs = json::object();
        for (const auto& [k, v] : x.keyInputs)
            inputs[k] = v.toString();
        e["key_inputs"] = inputs;
        if (x.floorShare)
            e["floor_share"] = x.floorShare->toString();
        if (x.capShare)
            e["cap_share"] = x.capShare->toString();
        if (x.maxContribution)
            e["max_contribution"] = x.maxContribution->toString();
        e["prior_aid"] = json::array();
        for (const PriorAid& a : x.priorAid)
            e["prior_aid"].push_back({{"date", a.date.toString()},
                                      {"amount", a.amount.toString()},
                                      {"source", a.source}});
        j["partners"].push_back(std::move(e));
    }
    j["cost_items"] = json::array();
    for (const CostItem& c : p.costItems)
        j["cost_items"].push_back({{"id", c.id},
                                   {"category", c.category},
                                   {"year", c.year},
                                   {"partner", c.partnerId},
                                   {"amount", c.amount.toString()},
                                   {"tags", c.tags},
                                   {"eligible", c.eligible}});
    j["funds"] = json::array();
    for (const Fund& f : p.funds) {
        json e{{"id", f.id},
               {"name", f.name},
               {"type", fundTypeName(f.type)},
               {"max_rate", f.maxRate.toString()},
               {"rate_mode", rateModeName(f.rateMode)},
               {"budget", moneyOrNull(f.budget)},
               {"cap_per_project", moneyOrNull(f.capPerProject)},
               {"cap_per_partner", moneyOrNull(f.capPerPartner)},
               {"cap_per_year", moneyOrNull(f.capPerYear)},
               {"eligible_categories", f.eligibleCategories},
               {"eligible_tags", f.eligibleTags},
               {"priority", f.priority},
               {"cumulation_groups", f.cumulationGroups},
               {"may_not_fund_fully", f.mayNotFundFully},
               {"state_aid", f.stateAid},
               {"partner", f.partnerId},
               {"attributes", f.attributes}};
        j["funds"].push_back(std::move(e));
    }
    j["flat_rates"] = json::array();
    for (const FlatRate& fr : p.flatRates)
        j["flat_rates"].push_back({{"id", fr.id},
                                   {"category", fr.category},
                                   {"rate", fr.rate.toString()},
                                   {"base_categories", fr.baseCategories}});
    json rules;
    rules["ceilings"] = json::array();
    for (const CumulationCeiling& c : p.rules.ceilings)
        rules["ceilings"].push_back({{"group", c.group}, {"max_rate", c.maxRate.toString()}});
    json minOwn = json::object();
    if (p.rules.minOwnContribution.rate)
        minOwn["rate"] = p.rules.minOwnContribution.rate->toString();
    if (p.rules.minOwnContribution.amount)
        minOwn["amount"] = p.rules.minOwnContribution.amount->toString();
    rules["min_own_contribution"] = minOwn;
    if (p.rules.deMinimis)
        rules["de_minimis"] = {{"ceiling", p.rules.deMinimis->ceiling.toString()},
                               {"years", p.rules.deMinimis->years},
                               {"grant_date", p.rules.deMinimis->grantDate.toString()}};
    j["rules"] = rules;
    if (p.costSharingKey) {
        json criteria = json::array();
        for (const KeyCriterion& c : p.costSharingKey->criteria)
            criteria.push_back({{"id", c.id},
                                {"kind", criterionKindName(c.kind)},
                                {"weight", c.weight.toString()}});
        j["cost_sharing_key"] = {{"criteria", criteria}};
    }
    return j;
}

}  // namespace kk::alloc
