// Regiodeal operations on a workspace: deals with goals, partners, multi-year commitments
// (public, private, in kind; own or national origin), payments, spending and the yearly
// accounting; the co-financing rule (scripts/regiodeal/cofinancing.lua) with the defaults of
// data/rules.csv, overridable per deal. Every write is one ChangeSet.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/money.h"
#include "core/base/rate.h"
#include "core/model/validation.h"
#include "core/plugin/plugin_host.h"
#include "core/store/workspace.h"
#include "plugins/water_land_schap/src/shared/rule_call.h"

namespace kk::regiodeal {

inline constexpr const char* kPluginId = "regiodeal";

const std::vector<Migration>& migrations();

/// The co-financing rule's parameters (data/rules.csv, then the deal's own settings).
struct RuleSettings {
    Rate minRegionalShare = Rate(1, 2);
    bool nationalCountsAsRegional = false;
    bool inKindCounts = true;
    std::optional<Money> nationalMin;
    std::optional<Money> nationalMax;
    std::vector<std::string> sources;  ///< where each default came from
};

struct Deal {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    int firstYear = 0;
    int lastYear = 0;
    std::optional<Rate> minRegionalShare;          ///< the deal's own rule, when set
    std::optional<bool> nationalCountsAsRegional;  ///< the deal's own rule, when set
    std::string areaCode;
};

/// One row of the monitoring table: a partner's commitment and payments for a goal and year.
struct MonitorRow {
    std::string partner;
    std::string partnerName;
    std::string level;
    std::string goal;
    int year = 0;
    Money committed;
    Money paid;
    Money outstanding() const { return committed - paid; }
};

/// One row of the accounting table (SiSa layout).
struct AccountingRow {
    int year = 0;
    Money spending;
    Money cumulative;
    bool final = false;
    Money privateContribution;  ///< committed private and in-kind money of regional partners
    Money nationalPaid;
};

class Service {
  public:
    static Result<std::unique_ptr<Service>> open(const plugin::PluginContext& ctx, Workspace& ws,
                                                 const Date& today);

    Workspace& workspace() { return m_ws; }
    const RuleSettings& defaults() const { return m_defaults; }
    const std::vector<std::pair<std::string, std::string>>& accountingLabels() const {
        return m_accountingLabels;
    }

    Result<std::int64_t> createDeal(const Deal& deal);
    Status setRule(const std::string& deal, std::optional<Rate> minShare,
                   std::optional<bool> nationalCounts);
    Status addGoal(const std::string& deal, const std::string& code, const std::string& name);
    /// Adds a partner; creates the actor when it is unknown and name and kind are given.
    Status addPartner(const std::string& deal, const std::string& actor, const std::string& level,
                      const std::string& name, const std::string& kind, const std::string& role);
    /// Records (or replaces) what a partner commits to a goal in a year, of one kind.
    Status commit(const std::string& deal, const std::string& partner, const std::string& goal,
                  int year, const std::string& kind, const std::string& origin, Money amount);
    Status pay(const std::string& deal, const std::string& partner, const std::string& goal,
               int year, Money amount, const std::optional<Date>& paidOn);
    Status spend(const std::string& deal, const std::string& goal, int year, Money amount,
                 const std::string& note);
    Status setFinal(const std::string& deal, int year, bool final);

    Deal requireDeal(const std::string& code);
    std::vector<Deal> deals();
    /// The rule in force for a deal: the defaults with the deal's own settings on top.
    RuleSettings ruleFor(const Deal& deal) const;
    /// The co-financing rule's answer (see cofinancing.lua).
    Result<nlohmann::json> cofinancing(const std::string& deal);
    std::vector<MonitorRow> monitor(const std::string& deal, std::optional<int> year = {});
    std::vector<AccountingRow> accounting(const std::string& deal);
    /// Findings of every deal for `koppelkans-cli check`.
    std::vector<Finding> findings();

  private:
    Service(Workspace& ws, const Date& today) : m_ws(ws), m_today(today) {}
    std::int64_t partnerId(std::int64_t deal, const std::string& actor);
    std::int64_t goalId(std::int64_t deal, const std::string& goal);
    void checkYear(const Deal& deal, int year);
    Workspace& m_ws;
    Date m_today;
    RuleSettings m_defaults;
    std::vector<std::pair<std::string, std::string>> m_accountingLabels;
    std::unique_ptr<plugin::RuleModules> m_rules;
};

}  // namespace kk::regiodeal
