// Allocation strategies written in Lua (core/rules), behind the same AllocationStrategy
// interface as the built-in ones, and the choice of any strategy by its name.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/allocate/prepared.h"
#include "core/allocate/strategy.h"
#include "core/base/error.h"

namespace kk::rules {
class LuaTableBuilder;
class ScriptLibrary;
class ScriptPackage;
}  // namespace kk::rules

namespace kk::alloc {

/// The problem as a Lua strategy sees it (docs/allocation.md, "Lua strategies"): the shape of
/// docs/lua-api.md ("Allocation problem and answer") with amounts in integer cents, plus what
/// prepare() derived, so that a script applies the engine's own limits: flat-rate items
/// expanded (`generated = true`), per fund `rate_num`/`rate_den`, `external`, `state_aid`,
/// `limit` (min(budget, cap per project)) and `rate_limits` (per item: rate × amount rounded
/// down, 0 when not eligible), and `limits` = {total_cost, eligible_cost, external,
/// min_own_contribution, groups = {{group, limit, funds}}, de_minimis_headroom = {partner =
/// cents}}. Absent values mean "no limit".
nlohmann::json luaProblem(const PreparedProblem& p);
/// The same problem pushed straight into Lua tables (what LuaAllocationStrategy hands the
/// script): identical shape and values, without the JSON tree.
void pushLuaProblem(const PreparedProblem& p, rules::LuaTableBuilder& out);

/// A strategy defined in a Lua script with kk.allocation_strategy. Its cells go through
/// completeAllocation(), so the trace, partner shares and the invariant checker are the same
/// as for the built-in strategies. Its name is "lua:<rule name>".
class LuaAllocationStrategy final : public AllocationStrategy {
  public:
    ~LuaAllocationStrategy() override;
    std::string name() const override { return "lua:" + m_rule; }
    Result<Allocation> allocate(const Problem& problem) const override;

    /// The script that defines the rule, and the SHA-256 of its text (stored with a run, so
    /// that a re-run can tell whether the script changed).
    const std::string& scriptName() const { return m_script; }
    const std::string& scriptHash() const { return m_hash; }

  private:
    friend Result<std::unique_ptr<LuaAllocationStrategy>> loadLuaStrategy(
        const rules::ScriptLibrary&, std::string_view);
    LuaAllocationStrategy() = default;
    std::unique_ptr<rules::ScriptPackage> m_package;
    std::string m_rule;
    std::string m_script;
    std::string m_hash;
};

/// Finds a Lua strategy by name: "waterfall" is the rule of that name in
/// allocation/waterfall.lua, else a library script name ("allocation/x.lua", "workspace:x")
/// whose single strategy is taken, else the first allocation script that defines a rule of
/// that name. Workspace scripts must be trusted (ScriptLibrary::checkTrusted).
Result<std::unique_ptr<LuaAllocationStrategy>> loadLuaStrategy(const rules::ScriptLibrary& library,
                                                               std::string_view name);

/// "waterfall", "pro_rata", "maximise_external" or "lua:NAME" (needs `library`; null refuses
/// Lua strategies with an error that says how to enable them).
Result<std::unique_ptr<AllocationStrategy>> makeAnyStrategy(std::string_view name,
                                                            const rules::ScriptLibrary* library);

}  // namespace kk::alloc
