// Names of the allocation enums as they appear in JSON, traces and messages.
#include "core/allocate/problem.h"

#include <array>
#include <utility>

#include "core/allocate/reason.h"

namespace kk::alloc {
namespace {

template <class E, std::size_t N>
Result<E> parseName(std::string_view text,
                    const std::array<std::pair<E, std::string_view>, N>& names,
                    std::string_view what) {
    std::string options;
    for (const auto& [value, name] : names) {
        if (name == text)
            return value;
        options += options.empty() ? "" : ", ";
        options += name;
    }
    return makeError("allocate.unknown_name",
                     "unknown " + std::string(what) + " '" + std::string(text) + "'", {},
                     "use one of: " + options);
}

template <class E, std::size_t N>
std::string_view nameOf(E value, const std::array<std::pair<E, std::string_view>, N>& names) {
    for (const auto& [v, name] : names)
        if (v == value)
            return name;
    return "unknown";
}

constexpr std::array<std::pair<FundType, std::string_view>, 5> kFundTypes{{
    {FundType::Subsidy, "subsidy"},
    {FundType::OwnContribution, "own_contribution"},
    {FundType::PartnerContribution, "partner_contribution"},
    {FundType::Private, "private"},
    {FundType::InKind, "in_kind"},
}};

constexpr std::array<std::pair<RateMode, std::string_view>, 2> kRateModes{{
    {RateMode::Fixed, "fixed"},
    {RateMode::UpTo, "up_to"},
}};

constexpr std::array<std::pair<CriterionKind, std::string_view>, 5> kCriterionKinds{{
    {CriterionKind::TerritoryShare, "territory_share"},
    {CriterionKind::Population, "population"},
    {CriterionKind::FixedShare, "fixed_share"},
    {CriterionKind::ExpectedBenefit, "expected_benefit"},
    {CriterionKind::InverseFiscalCapacity, "inverse_fiscal_capacity"},
}};

constexpr std::array<std::pair<Reason, std::string_view>, 16> kReasons{{
    {Reason::None, "none"},
    {Reason::ItemNotEligible, "item_not_eligible"},
    {Reason::CategoryNotEligible, "category_not_eligible"},
    {Reason::TagNotEligible, "tag_not_eligible"},
    {Reason::Rate, "rate"},
    {Reason::PriorityExhausted, "priority_exhausted"},
    {Reason::CostCovered, "cost_covered"},
    {Reason::FundBudget, "fund_budget"},
    {Reason::CapPerProject, "cap_per_project"},
    {Reason::CapPerPartner, "cap_per_partner"},
    {Reason::CapPerYear, "cap_per_year"},
    {Reason::CumulationCeiling, "cumulation_ceiling"},
    {Reason::MinOwnContribution, "min_own_contribution"},
    {Reason::MayNotFundFully, "may_not_fund_fully"},
    {Reason::DeMinimis, "de_minimis"},
    {Reason::StrategyChoice, "strategy_choice"},
}};

}  // namespace

bool isExternal(FundType type) {
    return type == FundType::Subsidy || type == FundType::Private || type == FundType::InKind;
}

std::string_view fundTypeName(FundType type) {
    return nameOf(type, kFundTypes);
}
Result<FundType> parseFundType(std::string_view text) {
    return parseName(text, kFundTypes, "fund type");
}
std::string_view rateModeName(RateMode mode) {
    return nameOf(mode, kRateModes);
}
Result<RateMode> parseRateMode(std::string_view text) {
    return parseName(text, kRateModes, "rate mode");
}
std::string_view criterionKindName(CriterionKind kind) {
    return nameOf(kind, kCriterionKinds);
}
Result<CriterionKind> parseCriterionKind(std::string_view text) {
    return parseName(text, kCriterionKinds, "cost-sharing criterion kind");
}
std::string_view reasonName(Reason reason) {
    return nameOf(reason, kReasons);
}
Result<Reason> parseReason(std::string_view text) {
    return parseName(text, kReasons, "trace reason");
}

bool isLimit(Reason reason) {
    switch (reason) {
        case Reason::Rate:
        case Reason::PriorityExhausted:
        case Reason::CostCovered:
        case Reason::FundBudget:
        case Reason::CapPerProject:
        case Reason::CapPerPartner:
        case Reason::CapPerYear:
        case Reason::CumulationCeiling:
        case Reason::MinOwnContribution:
        case Reason::MayNotFundFully:
        case Reason::DeMinimis:
            return true;
        default:
            return false;
    }
}

}  // namespace kk::alloc
