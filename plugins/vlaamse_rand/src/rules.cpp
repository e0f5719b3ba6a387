// Reading the Vlaamse Rand data files and answering what is valid on a date.
#include "plugins/vlaamse_rand/src/rules.h"

#include <fstream>

namespace kk::plugins::vlaamse_rand {
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

/// Applies one parameter row to the instrument; throws KkError naming the cell when the value
/// does not parse, so Rules::load refuses a bad file before any command runs.
void applyParameter(Instrument& i, const DataRow& row) {
    const std::string& key = row.text("parameter");
    if (key == "budget_per_year")
        i.budgetPerYear = row.optionalMoney("value");
    else if (key == "max_rate")
        i.maxRate = row.rate("value");
    else if (key == "may_fund_fully")
        i.mayFundFully = row.flag("value");
    else if (key == "theme_required")
        i.themeRequired = row.flag("value");
    else if (key == "supra_local_min_municipalities")
        i.supraLocalMinMunicipalities =
            row.empty("value") ? std::nullopt
                               : std::optional<int>(static_cast<int>(row.integer("value")));
    else if (key == "cumulation_disclosure")
        i.cumulationDisclosure = row.flag("value");
    else if (key == "pass_mark")
        i.passMark = row.rate("value");
    else if (key == "gebiedsgericht_bonus")
        i.gebiedsgerichtBonus = row.rate("value");
    else
        throw KkError(makeError("vlaamse_rand.parameter", "unknown parameter '" + key + "'",
                                row.where("parameter"),
                                "use budget_per_year, max_rate, may_fund_fully, theme_required, "
                                "supra_local_min_municipalities, cumulation_disclosure, "
                                "pass_mark or gebiedsgericht_bonus"));
    i.where[key] = row.where("value") + " (" + row.text("source") + ")";
}

Result<std::vector<AreaDefault>> readAreas(const std::string& path, const std::string& name) {
    std::ifstream in(path);
    if (!in)
        return makeError("vlaamse_rand.areas", "cannot read the area rules", name,
                         "restore data/areas.json from the plugin folder");
    std::vector<AreaDefault> out;
    try {
        const auto doc = nlohmann::json::parse(in);
        for (const auto& r : doc.at("rules")) {
            AreaDefault a;
            a.area = r.at("area").get<std::string>();
            a.name = r.value("name", a.area);
            a.instrument = r.at("instrument").get<std::string>();
            auto from = Date::parse(r.at("valid_from").get<std::string>());
            if (!from)
                return makeError("vlaamse_rand.areas", "valid_from is not a date",
                                 name + ", area " + a.area, "write dates as 2020-01-01");
            a.validity.from = from.value();
            if (r.contains("valid_to") && r.at("valid_to").is_string()) {
                auto to = Date::parse(r.at("valid_to").get<std::string>());
                if (!to)
                    return makeError("vlaamse_rand.areas", "valid_to is not a date",
                                     name + ", area " + a.area, "write dates as 2020-01-01");
                a.validity.to = to.value();
            }
            a.fallbackClasses = r.at("fallback_classes").get<std::vector<std::string>>();
            if (a.fallbackClasses.empty())
                return makeError("vlaamse_rand.areas", "fallback_classes is empty",
                                 name + ", area " + a.area,
                                 "name at least one class of municipality_classes.csv");
            a.source = r.value("source", std::string());
            // The document core/geo stores: everything but the plugin's own keys.
            nlohmann::json rule = r;
            for (const char* k : {"fallback_classes", "source", "confidence"})
                rule.erase(k);
            a.ruleJson = rule.dump();
            out.push_back(std::move(a));
        }
    } catch (const nlohmann::json::exception& e) {
        return makeError("vlaamse_rand.areas", std::string("the file is not valid: ") + e.what(),
                         name, "compare it with the shipped data/areas.json");
    }
    return out;
}

}  // namespace

std::string Instrument::whereOf(const std::string& parameter) const {
    const auto it = where.find(parameter);
    return it == where.end() ? "vlaamse_rand: data/parameters.csv" : it->second;
}

Result<Rules> Rules::load(const plugin::PluginContext& ctx) {
    Rules r;
    try {
        auto instruments = read(ctx, "data/instruments.csv",
                                {"instrument", "name", "grantor", "area", "priority", "valid_from",
                                 "valid_to", "confidence"});
        if (!instruments)
            return instruments.error();
        for (const auto& row : instruments.value().rows()) {
            (void)row.integer("priority");
            (void)validity(row);
            r.m_instrumentRows.push_back(row);
        }
        auto parameters =
            read(ctx, "data/parameters.csv",
                 {"instrument", "parameter", "value", "valid_from", "valid_to", "confidence"});
        if (!parameters)
            return parameters.error();
        for (const auto& row : parameters.value().rows()) {
            Instrument probe;
            applyParameter(probe, row);
            (void)validity(row);
            r.m_parameters.push_back(row);
        }
        auto themes =
            read(ctx, "data/themes.csv", {"code", "name", "valid_from", "valid_to", "confidence"});
        if (!themes)
            return themes.error();
        for (const auto& row : themes.value().rows())
            r.m_themes.emplace_back(Theme{row.text("code"), row.text("name")}, validity(row));
        auto criteria = read(ctx, "data/criteria.csv",
                             {"instrument", "code", "name", "weight", "max_score", "valid_from",
                              "valid_to", "confidence"});
        if (!criteria)
            return criteria.error();
        for (const auto& row : criteria.value().rows())
            r.m_criteria.emplace_back(
                row.text("instrument"),
                plugin::CriterionSpec{row.text("code"), row.text("name"), row.rate("weight"),
                                      static_cast<int>(row.integer("max_score")), 1},
                validity(row));
    } catch (const KkError& e) {
        return e.error();
    }
    auto areas = readAreas(ctx.dataFile("data/areas.json"), ctx.id + ": data/areas.json");
    if (!areas)
        return areas.error();
    r.m_areas = std::move(areas).value();
    return r;
}

std::vector<Instrument> Rules::instruments(const Date& date) const {
    std::vector<Instrument> out;
    for (const auto& row : m_instrumentRows) {
        if (!validity(row).contains(date))
            continue;
        Instrument i;
        i.code = row.text("instrument");
        i.name = row.text("name");
        i.grantor = row.text("grantor");
        i.area = row.text("area");
        i.priority = static_cast<int>(row.integer("priority"));
        i.source = row.text("source");
        for (const auto& p : m_parameters)
            if (p.text("instrument") == i.code && validity(p).contains(date))
                applyParameter(i, p);
        out.push_back(std::move(i));
    }
    return out;
}

Result<Instrument> Rules::instrument(const std::string& code, const Date& date) const {
    std::string known;
    for (auto& i : instruments(date)) {
        if (i.code == code)
            return i;
        known += (known.empty() ? "" : ", ") + i.code;
    }
    return makeError("vlaamse_rand.instrument",
                     "no instrument '" + code + "' is valid on " + date.toString(),
                     "vlaamse_rand: data/instruments.csv",
                     known.empty() ? "add a row valid on that date" : "use one of: " + known);
}

std::vector<Theme> Rules::themes(const Date& date) const {
    std::vector<Theme> out;
    for (const auto& [theme, period] : m_themes)
        if (period.contains(date))
            out.push_back(theme);
    return out;
}

Status Rules::checkTheme(const std::string& theme, const Date& date) const {
    std::string known;
    for (const auto& t : themes(date)) {
        if (t.code == theme)
            return {};
        known += (known.empty() ? "" : ", ") + t.code;
    }
    return makeError("vlaamse_rand.theme",
                     theme.empty()
                         ? "the application names no theme"
                         : "'" + theme + "' is not a Randfonds theme on " + date.toString(),
                     "--theme (vlaamse_rand: data/themes.csv)", "use one of: " + known);
}

std::vector<plugin::CriterionSpec> Rules::criteria(const std::string& instrument,
                                                   const Date& date) const {
    std::vector<plugin::CriterionSpec> out;
    for (const auto& [pattern, spec, period] : m_criteria)
        if ((pattern == instrument || pattern == "*") && period.contains(date))
            out.push_back(spec);
    return out;
}

std::optional<AreaDefault> Rules::areaDefault(const std::string& instrument,
                                              const Date& date) const {
    for (const auto& a : m_areas)
        if (a.instrument == instrument && a.validity.contains(date))
            return a;
    return std::nullopt;
}

}  // namespace kk::plugins::vlaamse_rand
