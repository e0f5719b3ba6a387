// A government's meerjarenplan in the workspace: the plan (government x period), its policy
// tree (core kk_policy_goal/kk_action_plan/kk_action plus the plugin's texts) and its
// budgettaire registrations (bbc-spec §1.4-1.5).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/base/money.h"

namespace kk {
class ChangeSet;
class Workspace;
}  // namespace kk

namespace kk::bbc {

struct Plan {
    std::int64_t id = 0;
    std::int64_t governmentId = 0;
    std::string kbo;
    std::string governmentName;
    std::string period;  ///< "2020-2025"
    std::string regime;  ///< "BBC2020"
    int firstYear = 0;
    int lastYear = 0;
};

/// Parses "2020-2025" into its first and last year.
Result<std::pair<int, int>> parsePeriod(std::string_view period);

/// The government by KBO number (any punctuation) or exact name.
Result<std::int64_t> findGovernment(Workspace& ws, std::string_view keyOrName);
/// The plan of a government and period; an error when it does not exist.
Result<Plan> findPlan(Workspace& ws, std::string_view government, std::string_view period);
/// Every plan of the period, in government-name order ("all governments").
std::vector<Plan> plansOfPeriod(Workspace& ws, std::string_view period);
/// The plan, created (with the period's years) when missing.
Result<Plan> ensurePlan(ChangeSet& cs, std::int64_t governmentId, std::string_view period);

enum class Level { Goal, Plan, Action };
std::string_view levelName(Level level);   ///< goal, plan, action
std::string_view levelLabel(Level level);  ///< beleidsdoelstelling, actieplan, actie

struct PolicyItem {
    Level level = Level::Action;
    std::int64_t id = 0;
    std::int64_t parentId = 0;  ///< goal of a plan, plan of an action
    std::string code;
    std::string title;  ///< korte omschrijving (<= 100)
    std::string longText;
    std::string comment;
    std::string evaluation;
    bool priority = false;                    ///< stored for plans and actions
    std::vector<std::string> externalCodes;   ///< actions: kk_action_external_code
    std::vector<std::string> misplacedCodes;  ///< goals/plans: codes found by an import
};

struct PolicyTree {
    std::vector<PolicyItem> goals, plans, actions;
    std::map<std::int64_t, std::size_t> goalIndex, planIndex, actionIndex;
    const PolicyItem* goal(std::int64_t id) const;
    const PolicyItem* plan(std::int64_t id) const;
    const PolicyItem* action(std::int64_t id) const;
    /// The goal of an action (through its plan), or nullptr.
    const PolicyItem* goalOfAction(std::int64_t actionId) const;
    /// A BD is prioritair when one of its actieplannen or acties is (bbc-spec §1.4).
    bool goalIsPriority(std::int64_t goalId) const;
    /// "BD 1 > AP 1.1 > actie 1.1.1"
    std::string pathOf(std::int64_t actionId) const;
};

PolicyTree loadTree(Workspace& ws, const Plan& plan);

enum class RegKind { Budget, Realisation };
std::string_view kindName(RegKind k);  ///< budget, realisation
std::optional<RegKind> kindFromName(std::string_view text);

/// One budgettaire registration (BVR art. 83, bbc-spec §1.5).
struct Registration {
    std::int64_t id = 0;
    std::int64_t planId = 0;
    std::int64_t seq = 0;  ///< volgnummer
    std::string entryDate;
    int year = 0;  ///< boekjaar
    std::string entity;
    std::string account;
    char direction = 'U';  ///< 'U' uitgave, 'O' ontvangst
    Money amount;
    std::string description;
    std::string policyField;
    std::string sectorCode;
    std::optional<std::int64_t> actionId;
    std::string investmentProject;
    RegKind kind = RegKind::Budget;
    std::string origin;  ///< import, project, manual
    std::string source;  ///< "mjp.csv line 12", "cost item P1-C2"
};

/// Which registrations a report uses.
struct RegistrationFilter {
    std::optional<RegKind> kind;
    std::optional<int> year;
    /// Only registrations of acties carrying an external code (the subsidised part) ...
    bool subsidisedOnly = false;
    /// ... or carrying this code.
    std::string externalCode;
};

std::vector<Registration> loadRegistrations(Workspace& ws, const std::vector<Plan>& plans,
                                            const RegistrationFilter& filter = {});

/// The columns of bbc_registration in the order registrationValues() produces them.
const std::vector<std::string>& registrationColumns();
std::vector<std::int64_t> registrationIds(Workspace& ws, std::int64_t planId,
                                          std::string_view origin);

}  // namespace kk::bbc
