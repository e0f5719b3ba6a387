// The input of a cost allocation: a project's cost items, candidate funds, partners and rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/money.h"
#include "core/base/rate.h"

namespace kk::alloc {

/// Where the money of a fund comes from. Subsidy, private and in-kind money is *external*
/// (it comes from outside the coalition); own and partner contributions are the coalition's own
/// money and count towards the own contribution.
enum class FundType { Subsidy, OwnContribution, PartnerContribution, Private, InKind };

bool isExternal(FundType type);
std::string_view fundTypeName(FundType type);
Result<FundType> parseFundType(std::string_view text);

/// A fund's maximum rate is either the rate it pays (Fixed: it pays exactly that share of each
/// eligible cost unless a cap, budget or ceiling binds) or a ceiling (UpTo: any share up to it).
enum class RateMode { Fixed, UpTo };

std::string_view rateModeName(RateMode mode);
Result<RateMode> parseRateMode(std::string_view text);

/// A planned cost (kostenpost).
struct CostItem {
    std::string id;
    std::string category;
    int year = 0;
    std::string partnerId;  ///< the partner who bears the cost (the beneficiary for state aid)
    Money amount;
    std::vector<std::string> tags;  ///< eligibility tags, e.g. themes ("vergroening")
    bool eligible = true;           ///< an ineligible cost is paid by the partners alone
};

/// A money source with its rules (subsidielijn, fonds, own budget line).
struct Fund {
    std::string id;
    std::string name;
    FundType type = FundType::Subsidy;
    Rate maxRate = Rate::one();  ///< share of each eligible cost the fund pays at most
    RateMode rateMode = RateMode::UpTo;
    /// Remaining budget of the fund for this project. Required for external funds; absent for
    /// own and partner contributions means "no limit".
    std::optional<Money> budget;
    std::optional<Money> capPerProject;
    std::optional<Money> capPerPartner;           ///< per beneficiary partner of the cost items
    std::optional<Money> capPerYear;              ///< per year of the cost items
    std::vector<std::string> eligibleCategories;  ///< empty: every category
    std::vector<std::string> eligibleTags;        ///< empty: no tag needed; else any one of them
    int priority = 0;                             ///< lower comes first (waterfall, tie-breaks)
    std::vector<std::string> cumulationGroups;    ///< e.g. {"public", "national"}
    bool mayNotFundFully = false;  ///< e.g. the Vlaamse Randfonds: never closes the gap
    bool stateAid = false;         ///< counts towards the de minimis ceiling of the beneficiary
    std::string partnerId;         ///< whose money an own/partner contribution fund is
    std::map<std::string, std::string> attributes;  ///< free data (e.g. level=regional)
};

/// Total money of the funds in `group` may not exceed `maxRate` of the eligible cost.
struct CumulationCeiling {
    std::string group;
    Rate maxRate;
};

/// The partners must bear at least this much of the eligible cost themselves. Both parts may
/// be given; the larger one applies. The own contribution rounds up (never a cent too little).
struct MinOwnContribution {
    std::optional<Rate> rate;
    std::optional<Money> amount;
};

/// State aid under the de minimis regulation: aid per beneficiary over a rolling period.
/// Default: € 300.000 over three years (EU Reg. 2023/2831).
struct DeMinimisRule {
    Money ceiling = Money::fromCents(30'000'000);
    int years = 3;
    Date grantDate{2025, 1, 1};  ///< the rolling window is (grantDate - years, grantDate]
};

/// De minimis aid a partner received before this project.
struct PriorAid {
    Date date{2025, 1, 1};
    Money amount;
    std::string source;
};

/// A coalition partner (actor) with its cost-sharing key inputs.
struct Partner {
    std::string id;
    std::string name;
    std::map<std::string, Rate> keyInputs;  ///< criterion id -> value (hectares, inhabitants...)
    std::optional<Rate> floorShare;         ///< the partner's share is at least this
    std::optional<Rate> capShare;           ///< ... and at most this
    std::optional<Money> maxContribution;   ///< the most this partner can pay from own funds
    std::vector<PriorAid> priorAid;
};

enum class CriterionKind {
    TerritoryShare,         ///< area of the partner inside the project area
    Population,             ///< inhabitants
    FixedShare,             ///< agreed fixed shares
    ExpectedBenefit,        ///< points or euros of expected benefit
    InverseFiscalCapacity,  ///< solidarity: the weaker the fiscal capacity, the larger the share
};

std::string_view criterionKindName(CriterionKind kind);
Result<CriterionKind> parseCriterionKind(std::string_view text);

struct KeyCriterion {
    std::string id;  ///< the key into Partner::keyInputs
    CriterionKind kind = CriterionKind::FixedShare;
    Rate weight;  ///< the weights of all criteria add up to exactly 1
};

/// share_i = Σ_k w_k · x_ik / Σ_j x_jk, then floors and caps (see cost_sharing.h).
struct CostSharingKey {
    std::vector<KeyCriterion> criteria;
};

/// A flat-rate cost option (as in Jems): `rate` of the total of `baseCategories` per partner
/// and year becomes one cost item of `category`, rounded down to the cent.
struct FlatRate {
    std::string id;
    std::string category;
    Rate rate;
    std::vector<std::string> baseCategories;
};

struct ProjectRules {
    std::vector<CumulationCeiling> ceilings;
    MinOwnContribution minOwnContribution;
    std::optional<DeMinimisRule> deMinimis;
};

/// Everything one allocation run needs. Held in memory only; the JSON form is in json.h.
struct Problem {
    std::string projectId;
    std::vector<CostItem> costItems;
    std::vector<Fund> funds;
    std::vector<Partner> partners;
    std::vector<FlatRate> flatRates;
    ProjectRules rules;
    std::optional<CostSharingKey> costSharingKey;
};

}  // namespace kk::alloc
