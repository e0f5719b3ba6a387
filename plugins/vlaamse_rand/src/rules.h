// The Vlaamse Rand instruments (Randfonds, faciliteitengemeenten subsidy) and their figures,
// read from the plugin's data files: parameters with their source and validity, the seven
// themes, the jury criteria and the default area rule of each instrument.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/plugin/call_workflow.h"
#include "core/plugin/data_table.h"
#include "core/plugin/plugin_host.h"

namespace kk::plugins::vlaamse_rand {

/// One instrument with its figures valid on a date.
struct Instrument {
    std::string code;  ///< randfonds, faciliteiten
    std::string name;
    std::string grantor;
    std::string area;  ///< area id of its default rule, e.g. vlaamse_rand
    int priority = 100;
    std::optional<Money> budgetPerYear;  ///< nullopt: not known, each call sets its budget
    Rate maxRate = Rate::one();
    bool mayFundFully = false;
    bool themeRequired = false;
    std::optional<int> supraLocalMinMunicipalities;  ///< nullopt: no supra-local check
    bool cumulationDisclosure = false;
    Rate passMark;
    Rate gebiedsgerichtBonus;
    std::string source;
    /// Where each figure came from: parameter -> "data/parameters.csv line 3 (source...)".
    std::map<std::string, std::string> where;
    std::string whereOf(const std::string& parameter) const;
};

struct Theme {
    std::string code;
    std::string name;
};

/// The default area rule of an instrument (data/areas.json): a rule document for
/// core/geo and the reference-data classes whose intersection replaces it without boundaries.
struct AreaDefault {
    std::string area;
    std::string name;
    std::string instrument;
    std::string ruleJson;  ///< the document as `koppelkans-cli areas rule-add` takes it
    std::vector<std::string> fallbackClasses;
    Period validity;
    std::string source;
};

class Rules {
  public:
    /// Reads every data file; errors name the file, line and column.
    static Result<Rules> load(const plugin::PluginContext& ctx);

    /// The instrument with its figures valid on `date`; an error lists the known codes.
    Result<Instrument> instrument(const std::string& code, const Date& date) const;
    std::vector<Instrument> instruments(const Date& date) const;
    std::vector<Theme> themes(const Date& date) const;
    /// Refuses an unknown theme, naming the seven.
    Status checkTheme(const std::string& theme, const Date& date) const;
    std::vector<plugin::CriterionSpec> criteria(const std::string& instrument,
                                                const Date& date) const;
    std::optional<AreaDefault> areaDefault(const std::string& instrument, const Date& date) const;
    const std::vector<AreaDefault>& areaDefaults() const { return m_areas; }

  private:
    std::vector<plugin::DataRow> m_instrumentRows;
    std::vector<plugin::DataRow> m_parameters;
    std::vector<std::pair<Theme, Period>> m_themes;
    std::vector<std::tuple<std::string, plugin::CriterionSpec, Period>> m_criteria;
    std::vector<AreaDefault> m_areas;
};

}  // namespace kk::plugins::vlaamse_rand
