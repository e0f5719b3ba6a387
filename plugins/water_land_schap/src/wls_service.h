// Water+Land+Schap operations on a workspace: coalitions on the path partnership -> area
// programme -> realisation, the composition and continuity rules (Lua, scripts/wls/), process
// and result indicators, shared practices. Every write is one ChangeSet.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/model/entities.h"
#include "core/model/validation.h"
#include "core/plugin/plugin_host.h"
#include "plugins/water_land_schap/src/shared/rule_call.h"
#include "plugins/water_land_schap/src/wls_config.h"

namespace kk::wls {

/// The plugin's migrations (src/migrations/*.sql, embedded at build time).
const std::vector<Migration>& migrations();

struct NewCoalition {
    std::string code;
    std::string name;
    std::string areaCode;  ///< optional: an area of the workspace
    std::vector<std::string> themes;
    std::string waterSystem;
    std::optional<Date> agreementFrom;
    std::optional<Date> fundingEnd;
    std::string purpose;
};

struct NewMember {
    std::string coalitionCode;
    std::string actorCode;
    std::string actorName;  ///< with actorKind: creates the actor when it does not exist
    std::string actorKind;
    std::string role = "member";
    std::string mandateFunction;
};

class Service {
  public:
    /// Applies the plugin's migrations, reads the data files valid on `today` and opens the
    /// rule sandbox.
    static Result<std::unique_ptr<Service>> open(const plugin::PluginContext& ctx, Workspace& ws,
                                                 const Date& today);

    const Config& config() const { return m_config; }
    Workspace& workspace() { return m_ws; }
    const Date& today() const { return m_today; }

    Result<CoalitionId> createCoalition(const NewCoalition& c);
    Result<CoalitionMemberId> addMember(const NewMember& m);
    /// The composition rule's answer: {ok, missing[], satisfied[], message}.
    Result<nlohmann::json> composition(const std::string& coalitionCode);
    /// Continuity findings of every W+L+S coalition (or one).
    Result<nlohmann::json> continuity(const std::string& coalitionCode = {});
    Status setContinuity(const std::string& coalitionCode, const std::string& actorCode,
                         const std::string& plan);
    Status setFundingEnd(const std::string& coalitionCode, const Date& end);
    Status milestoneDone(const std::string& coalitionCode, const std::string& milestone,
                         const Date& on, const std::string& note);
    /// Moves to the next phase when the path rule allows it; the error lists every reason.
    Status advance(const std::string& coalitionCode, const std::string& toPhase, const Date& on);
    /// Creates the plugin's process and result indicators (data/indicators.csv) when missing.
    Result<int> ensureIndicators();
    Status setTarget(const std::string& coalitionCode, const std::string& indicator, int year,
                     const std::string& value, bool milestone);
    Status measure(const std::string& coalitionCode, const std::string& indicator, int year,
                   const std::string& value, const std::string& source);
    Status addPractice(const std::string& coalitionCode, const std::string& theme,
                       const std::string& title, const std::string& description);

    /// The coalition's state: phase, milestones, composition, continuity, indicators.
    Result<nlohmann::json> status(const std::string& coalitionCode);
    /// Every coalition registered with the plugin, by code.
    std::vector<Coalition> coalitions();
    /// Findings for `koppelkans-cli check` (composition errors, continuity warnings).
    std::vector<Finding> findings();

    Coalition requireCoalition(const std::string& code);
    std::string phaseOf(CoalitionId id);

  private:
    Service(Workspace& ws, Config config, const Date& today)
        : m_ws(ws), m_config(std::move(config)), m_today(today) {}
    nlohmann::json membersJson(CoalitionId id);
    nlohmann::json milestonesJson(CoalitionId id);
    nlohmann::json indicatorsJson(CoalitionId id);
    Workspace& m_ws;
    Config m_config;
    Date m_today;
    std::unique_ptr<plugin::RuleModules> m_rules;
};

/// A user-facing error for an unknown coalition code.
Error unknownCoalition(const std::string& code);

}  // namespace kk::wls
