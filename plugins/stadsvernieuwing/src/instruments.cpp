// Reading the stadsvernieuwing data files and applying their rules.
#include "plugins/stadsvernieuwing/src/instruments.h"

#include <algorithm>

#include "core/plugin/data_table.h"
#include "core/store/workspace.h"

namespace kk::plugins::stadsvernieuwing {
namespace {

using plugin::DataRow;
using plugin::DataTable;

Period validity(const DataRow& r) {
    return Period{r.date("valid_from"), r.optionalDate("valid_to")};
}

Result<DataTable> read(const plugin::PluginContext& ctx, const std::string& file,
                       const std::vector<std::string>& columns) {
    return DataTable::read(ctx.dataFile(file), ctx.id + ": " + file, columns);
}

bool matches(const std::string& pattern, const std::string& instrument) {
    return pattern == "*" || pattern == instrument;
}

}  // namespace

Result<Rules> Rules::load(const plugin::PluginContext& ctx) {
    Rules r;
    try {
        auto instruments =
            read(ctx, "data/instruments.csv",
                 {"instrument", "name", "scenario", "budget_per_year", "min_award", "max_award",
                  "joint_increment_per_city", "max_joint_cities", "realisation_years", "max_rate",
                  "priority", "valid_from", "valid_to"});
        if (!instruments)
            return instruments.error();
        for (const auto& row : instruments.value().rows()) {
            Instrument i;
            i.code = row.text("instrument");
            i.name = row.text("name");
            i.scenario = row.text("scenario");
            i.budgetPerYear = row.money("budget_per_year");
            i.minAward = row.optionalMoney("min_award");
            i.maxAward = row.optionalMoney("max_award");
            i.jointIncrementPerCity = row.optionalMoney("joint_increment_per_city");
            if (!row.empty("max_joint_cities"))
                i.maxJointCities = static_cast<int>(row.integer("max_joint_cities"));
            if (!row.empty("realisation_years"))
                i.realisationYears = static_cast<int>(row.integer("realisation_years"));
            i.maxRate = row.rate("max_rate");
            i.priority = static_cast<int>(row.integer("priority"));
            i.where = row.where();
            i.source = row.text("source");
            r.m_instruments.push_back(std::move(i));
            r.m_instrumentValidity.push_back(validity(row));
        }
        auto eligibility =
            read(ctx, "data/eligibility.csv", {"instrument", "class", "valid_from", "valid_to"});
        if (!eligibility)
            return eligibility.error();
        for (const auto& row : eligibility.value().rows())
            r.m_eligibility.emplace_back(row.text("instrument"), row.text("class"), validity(row));
        auto criteria = read(ctx, "data/criteria.csv",
                             {"instrument", "stage", "code", "name", "weight", "max_score",
                              "valid_from", "valid_to"});
        if (!criteria)
            return criteria.error();
        for (const auto& row : criteria.value().rows())
            r.m_criteria.emplace_back(
                row.text("instrument"),
                plugin::CriterionSpec{row.text("code"), row.text("name"), row.rate("weight"),
                                      static_cast<int>(row.integer("max_score")),
                                      static_cast<int>(row.integer("stage"))},
                validity(row));
        auto jury = read(ctx, "data/jury.csv",
                         {"instrument", "stage1_pass_mark", "valid_from", "valid_to"});
        if (!jury)
            return jury.error();
        for (const auto& row : jury.value().rows())
            r.m_passMarks.emplace_back(row.text("instrument"), row.rate("stage1_pass_mark"),
                                       validity(row));
        auto bench =
            read(ctx, "data/benchmarks.csv", {"indicator", "value", "valid_from", "valid_to"});
        if (!bench)
            return bench.error();
        for (const auto& row : bench.value().rows())
            if (row.text("indicator") == "leverage")
                r.m_benchmarks.emplace_back(row.rate("value"), row.text("source"), validity(row));
    } catch (const KkError& e) {
        return e.error();
    }
    return r;
}

std::vector<Instrument> Rules::instruments(const Date& date, const std::string& scenario) const {
    std::vector<Instrument> out;
    for (std::size_t i = 0; i < m_instruments.size(); ++i)
        if (m_instruments[i].scenario == scenario && m_instrumentValidity[i].contains(date))
            out.push_back(m_instruments[i]);
    return out;
}

Result<Instrument> Rules::instrument(const std::string& code, const Date& date,
                                     const std::string& scenario) const {
    std::string known;
    for (const auto& i : instruments(date, scenario)) {
        if (i.code == code)
            return i;
        known += (known.empty() ? "" : ", ") + i.code;
    }
    return makeError(
        "stadsvernieuwing.instrument",
        "no instrument '" + code + "' (scenario " + scenario + ") is valid on " + date.toString(),
        "stadsvernieuwing: data/instruments.csv",
        known.empty() ? "add a row for that date" : "use one of: " + known);
}

std::vector<std::string> Rules::eligibleClasses(const std::string& instrument,
                                                const Date& date) const {
    std::vector<std::string> out;
    for (const auto& [pattern, cls, period] : m_eligibility)
        if (matches(pattern, instrument) && period.contains(date))
            out.push_back(cls);
    return out;
}

std::vector<plugin::CriterionSpec> Rules::criteria(const std::string& instrument,
                                                   const Date& date) const {
    // Criteria for the instrument itself replace the "*" defaults.
    std::vector<plugin::CriterionSpec> specific;
    std::vector<plugin::CriterionSpec> general;
    for (const auto& [pattern, spec, period] : m_criteria) {
        if (!period.contains(date))
            continue;
        if (pattern == instrument)
            specific.push_back(spec);
        else if (pattern == "*")
            general.push_back(spec);
    }
    return specific.empty() ? general : specific;
}

Rate Rules::stage1PassMark(const std::string& instrument, const Date& date) const {
    std::optional<Rate> general;
    for (const auto& [pattern, rate, period] : m_passMarks) {
        if (!period.contains(date))
            continue;
        if (pattern == instrument)
            return rate;
        if (pattern == "*")
            general = rate;
    }
    return general.value_or(Rate::zero());
}

std::optional<std::pair<Rate, std::string>> Rules::leverageBenchmark(const Date& date) const {
    for (const auto& [rate, source, period] : m_benchmarks)
        if (period.contains(date))
            return std::make_pair(rate, source);
    return std::nullopt;
}

AwardRange Rules::range(const Instrument& i, int cities) const {
    AwardRange r;
    r.min = i.minAward;
    r.max = i.maxAward;
    r.explanation = i.where;
    if (r.max && i.jointIncrementPerCity && cities > 1) {
        const int counted = i.maxJointCities ? std::min(cities, *i.maxJointCities) : cities;
        r.max = *r.max + i.jointIncrementPerCity->times(counted - 1);
        r.explanation += ": " + i.maxAward->format() + " + " + std::to_string(counted - 1) +
                         " extra " + (counted == 2 ? "city" : "cities") + " × " +
                         i.jointIncrementPerCity->format();
    }
    return r;
}

Status Rules::checkRequest(const Instrument& i, Money requested, int cities) const {
    const AwardRange r = range(i, cities);
    const std::string who = std::to_string(cities) + (cities == 1 ? " city" : " cities");
    if ((r.min && requested < *r.min) || (r.max && requested > *r.max)) {
        std::string allowed = r.min && r.max ? r.min->format() + " – " + r.max->format()
                              : r.max        ? "at most " + r.max->format()
                                             : "at least " + r.min->format();
        const bool ceiling = r.max && requested > *r.max;
        return makeError(
            ceiling ? "stadsvernieuwing.above_ceiling" : "stadsvernieuwing.below_minimum",
            "a " + i.name + " of " + requested.format() + " for " + who +
                " is outside the allowed range " + allowed,
            r.explanation,
            ceiling
                ? "request at most " + r.max->format() +
                      (i.jointIncrementPerCity ? " (joint applications by more cities may ask more)"
                                               : std::string())
                : "request at least " + r.min->format());
    }
    return {};
}

Status Rules::checkRealisation(const Instrument& i, const Date& opens,
                               const std::optional<Date>& end) const {
    if (!i.realisationYears)
        return {};
    if (!end)
        return makeError("stadsvernieuwing.realisation_missing",
                         "a " + i.name + " needs a realisation end date", "--realisation-end",
                         "give the planned end of the realisation (within " +
                             std::to_string(*i.realisationYears) + " years)");
    const Date latest = opens.addYears(*i.realisationYears);
    if (*end > latest)
        return makeError("stadsvernieuwing.realisation_too_late",
                         "the realisation ends on " + end->toString() + ", later than " +
                             latest.toString() + " (" + std::to_string(*i.realisationYears) +
                             " years after the call opens)",
                         i.where, "plan the realisation within the period");
    return {};
}

std::vector<std::string> eligibleMunicipalities(Workspace& ws, const Rules& rules,
                                                const std::string& instrument, const Date& date) {
    std::vector<std::string> out;
    auto st = ws.db().prepare(
        "SELECT DISTINCT nis_code FROM kk_municipality_class WHERE class = ? AND valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?) ORDER BY nis_code");
    for (const auto& cls : rules.eligibleClasses(instrument, date)) {
        st.bind(1, cls).bind(2, date.toString()).bind(3, date.toString());
        while (st.step())
            out.push_back(st.getText(0));
        st.reset();
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Status checkEligible(Workspace& ws, const Rules& rules, const std::string& instrument,
                     const std::vector<std::string>& nisCodes, const Date& date) {
    if (nisCodes.empty())
        return makeError("stadsvernieuwing.no_city", "the application names no city", "--cities",
                         "give the NIS codes of the applying cities, or set the project's "
                         "applicant with its NIS code");
    const auto eligible = eligibleMunicipalities(ws, rules, instrument, date);
    std::string refused;
    for (const auto& nis : nisCodes)
        if (!std::binary_search(eligible.begin(), eligible.end(), nis))
            refused += (refused.empty() ? "" : ", ") + nis;
    if (!refused.empty()) {
        std::string classes;
        for (const auto& c : rules.eligibleClasses(instrument, date))
            classes += (classes.empty() ? "" : ", ") + c;
        return makeError("stadsvernieuwing.not_eligible",
                         "municipality " + refused + " is not in an eligible class (" + classes +
                             ") on " + date.toString(),
                         "stadsvernieuwing: data/eligibility.csv",
                         "only grootsteden, centrumsteden and provinciale steden may apply; check "
                         "the NIS code or the classes in data/reference/municipality_classes.csv");
    }
    return {};
}

}  // namespace kk::plugins::stadsvernieuwing
