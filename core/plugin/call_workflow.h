// The call workflow shared by programme plugins: applications to a call, scores per jury
// stage against the call's weighted criteria, the two-stage jury, and awards that stay within
// the call's budget. Each plugin keeps these rows in its own tables (<plugin id>_application,
// <plugin id>_score, <plugin id>_call, <plugin id>_criterion_stage; applicationMigrations()).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/plugin/plugin_host.h"
#include "core/store/changeset.h"

namespace kk::plugin {

/// The migrations of the workflow tables of one plugin (its id is the table prefix).
std::vector<Migration> applicationMigrations(const std::string& pluginId);

struct CriterionSpec {
    std::string code;
    std::string name;
    Rate weight;
    int maxScore = 10;
    int stage = 2;  ///< 1: pre-selection, 2: final jury
};

struct CallSpec {
    std::string code;
    std::string name;
    std::string instrument;
    ProgrammeId programme;
    FundId fund;
    Date opens;
    Date closes;
    Money budget;
    Rate stage1PassMark;  ///< share of the stage-1 maximum an application needs to go on
    std::vector<CriterionSpec> criteria;
};

struct Application {
    std::int64_t id = 0;
    CallId call;
    ProjectId project;
    std::string instrument;
    Money requested;
    Money totalCost;
    Money privateInvestment;
    std::vector<std::string> municipalities;  ///< NIS codes of the applying cities
    std::string theme;
    std::vector<std::string> flags;  ///< e.g. supra_local, gebiedsgericht
    std::string cumulation;          ///< other subsidies requested, "fund: amount; ..."
    std::string status = "submitted";
    std::optional<Date> realisationEnd;
    std::optional<int> rank;
    bool hasFlag(std::string_view flag) const;
};

/// The workflow of one plugin's tables.
class CallWorkflow {
  public:
    explicit CallWorkflow(std::string pluginId) : m_id(std::move(pluginId)) {}

    /// Creates the call, links its fund and stores its criteria and stages. The criteria
    /// weights must add up to 1 per stage (refused otherwise).
    Result<CallId> createCall(ChangeSet& cs, const CallSpec& spec) const;
    /// The call by code, with its instrument; error naming the code when unknown.
    Result<Call> call(Workspace& ws, const std::string& code) const;
    std::string instrumentOf(Workspace& ws, CallId call) const;
    Rate stage1PassMark(Workspace& ws, CallId call) const;
    std::vector<CriterionSpec> criteria(Workspace& ws, CallId call) const;

    /// Stores an application (one per project and call); the plugin has checked its rules.
    Result<std::int64_t> addApplication(ChangeSet& cs, const Application& a) const;
    std::optional<Application> application(Workspace& ws, CallId call, ProjectId project) const;
    std::vector<Application> applications(Workspace& ws, std::optional<CallId> call = {}) const;

    /// Records one criterion score (0..max of the criterion) of a stage.
    Status setScore(ChangeSet& cs, const Application& a, int stage, const std::string& criterion,
                    int score) const;
    /// The weighted sheet of one stage; an error names the criteria not scored yet.
    Result<ScoreSheet> scoreSheet(Workspace& ws, const Application& a, int stage) const;

    /// Stage 1: every submitted application passes when its sheet reaches the pass mark.
    /// Stage 2: the passed applications are ranked by their stage-2 total (ties: lower
    /// application id first). Returns the applications in the new order.
    Result<std::vector<Application>> runJury(ChangeSet& cs, CallId call, int stage) const;

    /// Grants `amount` to the application's project from the call's fund. Refused when the
    /// call's remaining budget is smaller, when the amount exceeds the request, or when the
    /// application is not ranked (or passed, for calls without a stage 2).
    Result<AwardId> award(ChangeSet& cs, const Application& a, Money amount,
                          const Date& decidedOn) const;
    /// Money already granted in the call.
    Money granted(Workspace& ws, CallId call) const;
    /// The fund of the call (the first linked one).
    Result<FundId> fundOf(Workspace& ws, CallId call) const;

  private:
    std::string table(const char* suffix) const { return m_id + "_" + suffix; }
    std::string m_id;
};

/// Money from a command-line or form value in euros ("75000", "75.000,00"), or an error
/// naming the option.
Result<Money> parseEuros(const std::string& text, const std::string& option);

/// Minimal option parsing for plugin commands: "--name value" and "--name=value" pairs.
class CommandArgs {
  public:
    explicit CommandArgs(const std::vector<std::string>& args);
    bool has(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    /// The value or an error "--name is required" with the command's synopsis as hint.
    Result<std::string> required(const std::string& name, const std::string& synopsis) const;
    /// --name as a date (empty when not given); a bad date is an error naming the option.
    Result<std::optional<Date>> optionalDate(const std::string& name) const;
    /// --name as a list: items separated by ';' (or ',' when there is no ';'), empty ones
    /// dropped.
    std::vector<std::string> list(const std::string& name) const;
    const std::vector<std::string>& positional() const { return m_positional; }

  private:
    std::vector<std::pair<std::string, std::string>> m_options;
    std::vector<std::string> m_positional;
};

/// Runs a plugin command's writes as one ChangeSet (one undo step): `body(ChangeSet&)` returns
/// the command's output; the change set is committed only when it succeeds, and a KkError
/// thrown inside becomes the result.
template <class F>
Result<CommandOutput> inChangeSet(Workspace& ws, const std::string& label, F body) {
    try {
        ChangeSet cs(ws, label);
        Result<CommandOutput> out = body(cs);
        if (!out)
            return out;
        if (auto st = cs.commit(); !st)
            return st.error();
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk::plugin
