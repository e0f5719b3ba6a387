// The stadsvernieuwing instruments and their rules, read from the plugin's data files: award
// ranges (with the joint-application increment), ceilings, realisation periods, eligible
// municipality classes, default jury criteria and the leverage benchmark.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/plugin/call_workflow.h"
#include "core/plugin/plugin_host.h"

namespace kk::plugins::stadsvernieuwing {

struct Instrument {
    std::string code;  ///< project_subsidie, conceptsubsidie, thematisch_experiment, ...
    std::string name;
    std::string scenario;
    Money budgetPerYear;
    std::optional<Money> minAward;
    std::optional<Money> maxAward;
    std::optional<Money> jointIncrementPerCity;
    std::optional<int> maxJointCities;
    std::optional<int> realisationYears;
    Rate maxRate = Rate::one();
    int priority = 100;
    std::string where;  ///< "stadsvernieuwing: data/instruments.csv line 4"
    std::string source;
};

/// The allowed award range of an application by `cities` cities.
struct AwardRange {
    std::optional<Money> min;
    std::optional<Money> max;
    std::string explanation;  ///< how the range was formed, with the data file line
};

class Rules {
  public:
    /// Reads every data file of the plugin; errors name the file and line.
    static Result<Rules> load(const plugin::PluginContext& ctx);

    /// The instrument valid on `date` in `scenario` ("current" or "proposal").
    Result<Instrument> instrument(const std::string& code, const Date& date,
                                  const std::string& scenario = "current") const;
    std::vector<Instrument> instruments(const Date& date,
                                        const std::string& scenario = "current") const;
    /// Municipality classes that may apply for the instrument on the date.
    std::vector<std::string> eligibleClasses(const std::string& instrument, const Date& date) const;
    std::vector<plugin::CriterionSpec> criteria(const std::string& instrument,
                                                const Date& date) const;
    Rate stage1PassMark(const std::string& instrument, const Date& date) const;
    /// The leverage benchmark (17 for 1:17) and its source.
    std::optional<std::pair<Rate, std::string>> leverageBenchmark(const Date& date) const;

    AwardRange range(const Instrument& instrument, int cities) const;
    /// Refuses a request outside the instrument's range (conceptsubsidie, thematic experiment
    /// ceiling) with the amounts, the number of cities and the data line.
    Status checkRequest(const Instrument& instrument, Money requested, int cities) const;
    /// Refuses a realisation end later than opens + realisation_years.
    Status checkRealisation(const Instrument& instrument, const Date& opens,
                            const std::optional<Date>& end) const;

  private:
    std::vector<Instrument> m_instruments;
    std::vector<std::tuple<std::string, std::string, Period>> m_eligibility;
    std::vector<std::tuple<std::string, plugin::CriterionSpec, Period>> m_criteria;
    std::vector<std::tuple<std::string, Rate, Period>> m_passMarks;
    std::vector<std::tuple<Rate, std::string, Period>> m_benchmarks;
    std::vector<Period> m_instrumentValidity;
};

/// The NIS codes that may apply for the instrument on `date`, from the workspace's
/// municipality classes (loaded from data/reference/municipality_classes.csv).
std::vector<std::string> eligibleMunicipalities(Workspace& ws, const Rules& rules,
                                                const std::string& instrument, const Date& date);
/// Refuses municipalities that are not in an eligible class on `date`, naming them.
Status checkEligible(Workspace& ws, const Rules& rules, const std::string& instrument,
                     const std::vector<std::string>& nisCodes, const Date& date);

}  // namespace kk::plugins::stadsvernieuwing
