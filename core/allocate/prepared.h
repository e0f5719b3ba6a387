// A validated problem in the form the strategies work on: flat rates expanded, limits in cents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/allocate/problem.h"
#include "core/allocate/reason.h"

namespace kk::alloc {

/// A cumulation ceiling resolved to cents and to the funds it covers.
struct GroupLimit {
    std::string group;
    Rate maxRate;
    std::int64_t limit = 0;
    std::vector<std::size_t> funds;
};

/// Built once per run by prepare(); read-only afterwards. Amounts are int64 cents: the hot
/// loops of the strategies stay free of Money's overflow checks because prepare() has bounded
/// every sum (the total cost fits with a wide margin, see kMaxTotalCents).
struct PreparedProblem {
    std::string projectId;
    std::vector<CostItem> items;  ///< the problem's items, then generated flat-rate items
    std::vector<bool> generated;  ///< true for a flat-rate item
    std::vector<Fund> funds;
    std::vector<Partner> partners;
    std::optional<CostSharingKey> costSharingKey;

    std::vector<std::int64_t> amount;      ///< per item, cents
    std::vector<std::size_t> itemPartner;  ///< per item: index into partners
    std::vector<std::size_t> itemYear;     ///< per item: index into years
    std::vector<int> years;                ///< distinct years, ascending

    /// Per cell (item-major, item * fundCount + fund): the most the fund may pay on the item
    /// by its rate (rate × amount rounded down), 0 when blocked; and why it is blocked.
    std::vector<std::int64_t> rateLimit;
    std::vector<Reason> block;  ///< Reason::None or an eligibility reason

    std::vector<bool> fundExternal;
    std::vector<std::int64_t> fundLimit;   ///< min(budget, cap per project); kUnlimited if none
    std::vector<Reason> fundLimitReason;   ///< FundBudget or CapPerProject (the smaller one)
    std::vector<std::int64_t> capPartner;  ///< per fund, kUnlimited if none
    std::vector<std::int64_t> capYear;     ///< per fund, kUnlimited if none
    std::vector<GroupLimit> groups;
    std::vector<std::vector<std::size_t>> fundGroups;  ///< per fund: indexes into groups

    std::int64_t totalCost = 0;
    std::int64_t eligibleCost = 0;
    std::int64_t minOwn = 0;         ///< effective minimum own contribution on eligible cost
    std::int64_t ruleMinOwn = 0;     ///< the part of it that comes from the project rule
    bool minOwnFromFlag = false;     ///< a may_not_fund_fully fund raised it to one cent
    std::int64_t externalLimit = 0;  ///< eligibleCost - minOwn: the most external money
    bool deMinimis = false;
    std::vector<std::int64_t> priorAid;           ///< per partner, inside the rolling window
    std::vector<std::int64_t> deMinimisHeadroom;  ///< per partner: ceiling - prior aid, >= 0

    std::vector<std::size_t> priorityOrder;  ///< fund indexes by (priority, input order)
    std::vector<std::size_t> priorityRank;   ///< per fund: its place in priorityOrder

    static constexpr std::int64_t kUnlimited = INT64_MAX / 4;
    /// Bound on the total cost so that sums of cells never come near int64 overflow.
    static constexpr std::int64_t kMaxTotalCents = INT64_MAX / 64;

    std::size_t itemCount() const { return items.size(); }
    std::size_t fundCount() const { return funds.size(); }
    std::size_t cellIndex(std::size_t item, std::size_t fund) const {
        return item * funds.size() + fund;
    }
};

/// Validates the problem and prepares it. Errors name the field (e.g. "funds[2] 'randfonds'
/// .max_rate") and say what to change: negative amounts, rates above 100 %, a fund without
/// budget, unknown partners, contradictory rules (minimum own contribution above the eligible
/// cost, partners who together cannot pay it, a flat rate on its own category...).
Result<PreparedProblem> prepare(const Problem& problem);

/// "funds[2] 'randfonds'": how errors and violations point at a fund or item.
std::string fundWhere(const PreparedProblem& p, std::size_t fund);
std::string itemWhere(const PreparedProblem& p, std::size_t item);

}  // namespace kk::alloc
