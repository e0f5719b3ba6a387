// One script package: a main script (plus what it requires) in its own sandboxed LuaHost,
// the rules it defines, and the calls C++ makes into them (indicators, checks, scores,
// allocation strategies, test cases).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/base/error.h"
#include "core/base/money.h"
#include "core/rules/lua_host.h"
#include "core/rules/lua_table_builder.h"
#include "core/rules/workspace_api.h"

namespace kk {
class Workspace;
}

namespace kk::rules {

enum class RuleKind { Indicator, Check, Score, AllocationStrategy };
std::string_view ruleKindName(RuleKind kind);

/// A rule a script defined with kk.indicator / kk.check / kk.score / kk.allocation_strategy.
struct RuleInfo {
    RuleKind kind = RuleKind::Indicator;
    std::string code;  ///< for allocation strategies: the strategy name
    std::string name;
    std::string unit;                   ///< indicator
    std::string type;                   ///< indicator: output, result, process
    std::string aggregation;            ///< indicator: sum, mean, last, cumulative
    std::string direction;              ///< indicator: increase, decrease
    std::vector<std::string> subjects;  ///< indicator: project, coalition, area, programme
    std::string severity;               ///< check: error, warning, info
    std::string message;                ///< check
    std::string appliesTo;              ///< check: an entity kind
};

/// A check that did not pass for one entity.
struct CheckFinding {
    std::string rule;
    std::string severity;
    std::string subjectKind;
    std::int64_t subjectId = 0;
    std::string message;
};

/// Weighted score of one project: total = Σ weight·score, maxTotal = Σ weight·max.
struct ScoreResult {
    std::string rule;
    std::int64_t projectId = 0;
    struct Criterion {
        std::string code;
        double weight = 0;
        double score = 0;
        double max = 0;
    };
    std::vector<Criterion> criteria;
    double total = 0;
    double maxTotal = 0;
};

/// One cell of a Lua allocation strategy's answer (see docs/lua-api.md, "Allocation").
/// An indicator's value for one subject; nullopt when it does not apply.
struct IndicatorValue {
    std::int64_t subjectId = 0;
    std::optional<double> value;
};

struct AllocationCell {
    std::string costItemId;
    std::string fundId;
    Money amount;
    std::string reason;
};

/// The ids an allocation answer may name, in problem order (allocateWith), each id once (as
/// prepare() makes them). Views: the strings must outlive the call.
struct AllocationIds {
    std::vector<std::string_view> costItems;
    std::vector<std::string_view> funds;
};

/// One cell of the answer as positions into AllocationIds; the reason text is not read.
struct IndexedAllocationCell {
    std::size_t costItem = 0;
    std::size_t fund = 0;
    std::int64_t cents = 0;
};

struct TestOutcome {
    enum class Status { Pass, Fail, Skip };
    std::string name;
    Status status = Status::Pass;
    std::string message;  ///< failure or skip reason
    std::string where;    ///< "script 'x', line n" of a failure
};

/// A script to run: its text and where it came from.
struct ScriptSource {
    std::string name;    ///< e.g. "indicators/leverage.lua" or "workspace:my_rules"
    std::string origin;  ///< bundled, plugin:<id>, workspace, file
    std::string text;
};

class ScriptPackage {
  public:
    /// Creates the sandbox, installs the API and runs the main script. `ws` may be null.
    static Result<std::unique_ptr<ScriptPackage>> load(const ScriptSource& main, Workspace* ws,
                                                       ModuleResolver resolver,
                                                       HostLimits limits = {});
    ~ScriptPackage();

    const std::string& name() const { return m_name; }
    const std::vector<RuleInfo>& rules() const { return m_rules; }
    const RuleInfo* findRule(RuleKind kind, std::string_view code) const;
    std::size_t testCount() const { return m_testCount; }

    /// compute(subject) of an indicator; nullopt when it returned nil (not applicable).
    Result<std::optional<double>> computeIndicator(std::string_view code,
                                                   std::string_view subjectKind,
                                                   std::int64_t subjectId);
    /// The indicator for every subject of kind `subjectKind` in the workspace, by id: one
    /// protected call each, like computeIndicator, without asking whether each id exists
    /// (they come from the workspace itself). Stops at the first error.
    Result<std::vector<IndicatorValue>> computeIndicatorAll(std::string_view code,
                                                            std::string_view subjectKind);
    /// run(entity) of a check for one entity; empty when it passed.
    Result<std::vector<CheckFinding>> runCheck(std::string_view code, std::int64_t entityId);
    /// The check over every entity of its kind.
    Result<std::vector<CheckFinding>> runCheckAll(std::string_view code);
    Result<ScoreResult> score(std::string_view code, std::int64_t projectId);
    /// allocate(problem) of a Lua allocation strategy; `problem` has the shape documented in
    /// docs/lua-api.md. Cells are checked: integer cents >= 0, known cost item and fund ids.
    Result<std::vector<AllocationCell>> allocate(std::string_view strategy,
                                                 const nlohmann::json& problem);
    /// The same without JSON: `build` pushes the problem table through the builder (open one
    /// root table, fill it, closeRoot), and cells come back as positions into `ids`, with the
    /// same checks and messages as allocate(). For large problems: no intermediate tree, no
    /// id strings per cell.
    Result<std::vector<IndexedAllocationCell>> allocateWith(
        std::string_view strategy, const AllocationIds& ids,
        const std::function<void(LuaTableBuilder&)>& build);
    /// Runs every test case, each as its own protected call.
    std::vector<TestOutcome> runTests();

    /// Writes staged measurements as one ChangeSet; dropStaged() forgets them.
    Status commitStaged(const std::string& label) { return m_api.commitStaged(label); }
    void dropStaged() { m_api.dropStaged(); }
    std::size_t stagedCount() const { return m_api.staged().size(); }
    std::string takeOutput() { return m_host->takeOutput(); }
    LuaHost& host() { return *m_host; }

    /// Runs push (pushes a function and its arguments, returns their count) and collect
    /// (reads the single result at the given index) inside ONE protected call, so no Lua
    /// allocation happens outside a pcall. Used by the methods above.
    Status invoke(std::string_view rule, const std::function<int(lua_State*)>& push,
                  const std::function<void(lua_State*, int)>& collect);

  private:
    ScriptPackage(std::string name, Workspace* ws, ModuleResolver resolver, HostLimits limits);
    Status boot(const ScriptSource& main);
    Status readRules();
    /// Runs C++ code that uses the Lua API (but calls no Lua function) inside a pcall.
    Status runGuarded(std::string_view rule, const std::function<void(lua_State*)>& body);
    Status invokeWith(std::string_view rule, const std::function<int(lua_State*)>& push,
                      const std::function<void(lua_State*, int)>& collect, int extras);

    /// computeIndicator; `known`: the id was read from the workspace, skip the existence query.
    Result<std::optional<double>> computeIndicatorAt(std::string_view code,
                                                     std::string_view subjectKind,
                                                     std::int64_t subjectId, bool known);

    std::string m_name;
    std::string m_label;  ///< "indicator leverage": the rule name of the running call
    WorkspaceApi m_api;
    std::unique_ptr<LuaHost> m_host;
    int m_registryRef = -1;
    std::vector<RuleInfo> m_rules;
    std::size_t m_testCount = 0;
    std::vector<std::string> m_testNames;
};

}  // namespace kk::rules
