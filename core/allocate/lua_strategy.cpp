// Lua allocation strategies: the problem handed to the script, its cells back into the engine.
#include "core/allocate/lua_strategy.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string_view>

#include "core/rules/lua_table_builder.h"
#include "core/rules/script_library.h"
#include "core/rules/script_package.h"
#include "core/rules/sha256.h"

namespace kk::alloc {
namespace {

/// Lua strategies may hold a whole programme's matrix; the sandbox still caps memory and time,
/// only higher than for indicator rules (64 MiB, 5 s), which see one subject at a time.
rules::HostLimits allocationLimits() {
    rules::HostLimits limits;
    limits.memoryBytes = std::size_t{1} << 30;
    limits.timeBudget = std::chrono::milliseconds(120'000);
    return limits;
}

nlohmann::json optionalCents(std::int64_t cents) {
    return cents >= PreparedProblem::kUnlimited ? nlohmann::json() : nlohmann::json(cents);
}

nlohmann::json optionalMoney(const std::optional<Money>& m) {
    return m ? nlohmann::json(m->cents()) : nlohmann::json();
}

}  // namespace

nlohmann::json luaProblem(const PreparedProblem& p) {
    using nlohmann::json;
    json items = json::array();
    for (std::size_t i = 0; i < p.itemCount(); ++i) {
        const CostItem& c = p.items[i];
        items.push_back({{"id", c.id},
                         {"category", c.category},
                         {"year", c.year},
                         {"partner_id", c.partnerId},
                         {"amount", p.amount[i]},
                         {"eligible", c.eligible},
                         {"tags", c.tags},
                         {"generated", static_cast<bool>(p.generated[i])}});
    }
    json funds = json::array();
    for (std::size_t f = 0; f < p.fundCount(); ++f) {
        const Fund& x = p.funds[f];
        json rateLimits = json::array();
        rateLimits.get_ref<json::array_t&>().reserve(p.itemCount());
        for (std::size_t i = 0; i < p.itemCount(); ++i)
            rateLimits.push_back(p.rateLimit[p.cellIndex(i, f)]);
        funds.push_back({{"id", x.id},
                         {"name", x.name},
                         {"type", fundTypeName(x.type)},
                         {"external", static_cast<bool>(p.fundExternal[f])},
                         {"max_rate", x.maxRate.toString()},
                         {"rate_num", x.maxRate.num()},
                         {"rate_den", x.maxRate.den()},
                         {"rate_mode", rateModeName(x.rateMode)},
                         {"budget", optionalMoney(x.budget)},
                         {"cap_per_project", optionalMoney(x.capPerProject)},
                         {"cap_per_partner", optionalMoney(x.capPerPartner)},
                         {"cap_per_year", optionalMoney(x.capPerYear)},
                         {"limit", optionalCents(p.fundLimit[f])},
                         {"priority", x.priority},
                         {"eligible_categories", x.eligibleCategories},
                         {"eligible_tags", x.eligibleTags},
                         {"cumulation_groups", x.cumulationGroups},
                         {"may_not_fund_fully", x.mayNotFundFully},
                         {"state_aid", x.stateAid},
                         {"partner_id", x.partnerId.empty() ? json() : json(x.partnerId)},
                         {"rate_limits", std::move(rateLimits)}});
    }
    json partners = json::array();
    for (const Partner& x : p.partners)
        partners.push_back({{"id", x.id}, {"name", x.name}});
    json groups = json::array();
    json ceilings = json::array();
    for (const GroupLimit& g : p.groups) {
        json ids = json::array();
        for (std::size_t f : g.funds)
            ids.push_back(p.funds[f].id);
        groups.push_back({{"group", g.group}, {"limit", g.limit}, {"funds", std::move(ids)}});
        ceilings.push_back({{"group", g.group}, {"max_rate", g.maxRate.toString()}});
    }
    json headroom = json::object();
    if (p.deMinimis)
        for (std::size_t k = 0; k < p.partners.size(); ++k)
            if (p.deMinimisHeadroom[k] < PreparedProblem::kUnlimited)
                headroom[p.partners[k].id] = p.deMinimisHeadroom[k];
    return {{"project", {{"id", p.projectId}, {"code", p.projectId}}},
            {"cost_items", std::move(items)},
            {"funds", std::move(funds)},
            {"partners", std::move(partners)},
            {"rules",
             {{"ceilings", std::move(ceilings)}, {"min_own_contribution", {{"amount", p.minOwn}}}}},
            {"limits",
             {{"total_cost", p.totalCost},
              {"eligible_cost", p.eligibleCost},
              {"external", p.externalLimit},
              {"min_own_contribution", p.minOwn},
              {"groups", std::move(groups)},
              {"de_minimis_headroom", std::move(headroom)}}}};
}

void pushLuaProblem(const PreparedProblem& p, rules::LuaTableBuilder& out) {
    // Field for field as luaProblem(); an absent value (null there) is not set.
    auto optional = [&out](const char* key, std::int64_t cents) {
        if (cents < PreparedProblem::kUnlimited)
            out.field(key, cents);
    };
    auto optionalMoney = [&out](const char* key, const std::optional<Money>& m) {
        if (m)
            out.field(key, m->cents());
    };
    const std::size_t n = p.itemCount();
    out.open(0, 6);

    out.open(0, 2);
    out.field("id", p.projectId);
    out.field("code", p.projectId);
    out.closeField("project");

    out.open(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const CostItem& c = p.items[i];
        out.open(0, 8);
        out.field("id", c.id);
        out.field("category", c.category);
        out.field("year", c.year);
        out.field("partner_id", c.partnerId);
        out.field("amount", p.amount[i]);
        out.field("eligible", c.eligible);
        out.stringList("tags", c.tags);
        out.field("generated", static_cast<bool>(p.generated[i]));
        out.closeElement(static_cast<std::int64_t>(i + 1));
    }
    out.closeField("cost_items");

    out.open(p.fundCount(), 0);
    for (std::size_t f = 0; f < p.fundCount(); ++f) {
        const Fund& x = p.funds[f];
        out.open(0, 21);
        out.field("id", x.id);
        out.field("name", x.name);
        out.field("type", fundTypeName(x.type));
        out.field("external", static_cast<bool>(p.fundExternal[f]));
        out.field("max_rate", x.maxRate.toString());
        out.field("rate_num", x.maxRate.num());
        out.field("rate_den", x.maxRate.den());
        out.field("rate_mode", rateModeName(x.rateMode));
        optionalMoney("budget", x.budget);
        optionalMoney("cap_per_project", x.capPerProject);
        optionalMoney("cap_per_partner", x.capPerPartner);
        optionalMoney("cap_per_year", x.capPerYear);
        optional("limit", p.fundLimit[f]);
        out.field("priority", x.priority);
        out.stringList("eligible_categories", x.eligibleCategories);
        out.stringList("eligible_tags", x.eligibleTags);
        out.stringList("cumulation_groups", x.cumulationGroups);
        out.field("may_not_fund_fully", x.mayNotFundFully);
        out.field("state_aid", x.stateAid);
        if (!x.partnerId.empty())
            out.field("partner_id", x.partnerId);
        out.integerList("rate_limits", p.rateLimit.data() + f, n, p.fundCount());
        out.closeElement(static_cast<std::int64_t>(f + 1));
    }
    out.closeField("funds");

    out.open(p.partners.size(), 0);
    for (std::size_t k = 0; k < p.partners.size(); ++k) {
        out.open(0, 2);
        out.field("id", p.partners[k].id);
        out.field("name", p.partners[k].name);
        out.closeElement(static_cast<std::int64_t>(k + 1));
    }
    out.closeField("partners");

    out.open(0, 2);
    out.open(p.groups.size(), 0);
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        out.open(0, 2);
        out.field("group", p.groups[g].group);
        out.field("max_rate", p.groups[g].maxRate.toString());
        out.closeElement(static_cast<std::int64_t>(g + 1));
    }
    out.closeField("ceilings");
    out.open(0, 1);
    out.field("amount", p.minOwn);
    out.closeField("min_own_contribution");
    out.closeField("rules");

    out.open(0, 6);
    out.field("total_cost", p.totalCost);
    out.field("eligible_cost", p.eligibleCost);
    out.field("external", p.externalLimit);
    out.field("min_own_contribution", p.minOwn);
    out.open(p.groups.size(), 0);
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const GroupLimit& x = p.groups[g];
        out.open(0, 3);
        out.field("group", x.group);
        out.field("limit", x.limit);
        out.open(x.funds.size(), 0);
        for (std::size_t k = 0; k < x.funds.size(); ++k)
            out.element(static_cast<std::int64_t>(k + 1), std::string_view(p.funds[x.funds[k]].id));
        out.closeField("funds");
        out.closeElement(static_cast<std::int64_t>(g + 1));
    }
    out.closeField("groups");
    out.open(0, p.deMinimis ? p.partners.size() : 0);
    if (p.deMinimis)
        for (std::size_t k = 0; k < p.partners.size(); ++k)
            if (p.deMinimisHeadroom[k] < PreparedProblem::kUnlimited)
                out.entry(p.partners[k].id, p.deMinimisHeadroom[k]);
    out.closeField("de_minimis_headroom");
    out.closeField("limits");
    out.closeRoot();
}

LuaAllocationStrategy::~LuaAllocationStrategy() = default;

Result<Allocation> LuaAllocationStrategy::allocate(const Problem& problem) const {
    auto prepared = prepare(problem);
    if (!prepared)
        return prepared.error();
    const PreparedProblem& p = prepared.value();
    rules::AllocationIds ids;
    ids.costItems.reserve(p.itemCount());
    for (const CostItem& c : p.items)
        ids.costItems.emplace_back(c.id);
    ids.funds.reserve(p.fundCount());
    for (const Fund& f : p.funds)
        ids.funds.emplace_back(f.id);
    auto cells = m_package->allocateWith(
        m_rule, ids, [&p](rules::LuaTableBuilder& out) { pushLuaProblem(p, out); });
    if (!cells)
        return cells.error();
    // The checks of completeAllocation(), on the problem prepared once above; ids are known
    // (allocateWith refuses others).
    std::vector<std::int64_t> matrix(p.itemCount() * p.fundCount(), 0);
    std::vector<bool> seen(matrix.size(), false);
    for (std::size_t k = 0; k < cells.value().size(); ++k) {
        const rules::IndexedAllocationCell& c = cells.value()[k];
        auto where = [&] {
            return "strategy '" + name() + "' cell " + std::to_string(k + 1) + " (" +
                   p.items[c.costItem].id + " × " + p.funds[c.fund].id + ")";
        };
        const std::size_t idx = p.cellIndex(c.costItem, c.fund);
        if (seen[idx])
            return makeError("allocate.duplicate_cell", "the same cell is given twice", where(),
                             "return each cost item × fund once");
        seen[idx] = true;
        if (c.cents > p.amount[c.costItem])
            return makeError("allocate.bad_cell",
                             "the cell's amount " + Money::fromCents(c.cents).format() +
                                 " is negative or more than the cost " +
                                 p.items[c.costItem].amount.format(),
                             where(), "return amounts between zero and the cost");
        matrix[idx] = c.cents;
    }
    return finishAllocation(p, name(), std::move(matrix));
}

Result<std::unique_ptr<LuaAllocationStrategy>> loadLuaStrategy(const rules::ScriptLibrary& library,
                                                               std::string_view name) {
    const std::string wanted(name);
    auto tryScript = [&](const std::string& script,
                         bool needRule) -> Result<std::unique_ptr<LuaAllocationStrategy>> {
        auto src = library.source(script);
        if (!src)
            return src.error();
        auto pkg = library.load(src.value(), allocationLimits());
        if (!pkg)
            return pkg.error();
        std::vector<std::string> strategies;
        for (const auto& r : pkg.value()->rules())
            if (r.kind == rules::RuleKind::AllocationStrategy)
                strategies.push_back(r.code);
        std::string rule;
        if (std::find(strategies.begin(), strategies.end(), wanted) != strategies.end())
            rule = wanted;
        else if (!needRule && strategies.size() == 1)
            rule = strategies.front();
        if (rule.empty())
            return makeError(
                "allocate.no_lua_strategy",
                "script '" + script + "' defines no allocation strategy '" + wanted + "'", script,
                "define it with kk.allocation_strategy { name = ... }");
        auto s = std::unique_ptr<LuaAllocationStrategy>(new LuaAllocationStrategy());
        s->m_package = std::move(pkg).value();
        s->m_rule = rule;
        s->m_script = script;
        s->m_hash = rules::sha256Hex(src.value().text);
        return s;
    };
    // A script that exists but fails to load is reported as such, not as "no strategy".
    if (library.source("allocation/" + wanted + ".lua"))
        return tryScript("allocation/" + wanted + ".lua", true);
    if (library.source(wanted))
        return tryScript(wanted, false);
    for (const auto& e : library.list()) {
        if (e.kind != "allocation_strategy" && e.origin != "workspace")
            continue;
        if (auto s = tryScript(e.name, true); s)
            return s;
    }
    return makeError("allocate.no_lua_strategy", "no Lua allocation strategy '" + wanted + "'",
                     "lua:" + wanted,
                     "list the scripts with `koppelkans-cli script list`; a strategy is defined "
                     "with kk.allocation_strategy { name = \"" +
                         wanted + "\", allocate = ... }");
}

Result<std::unique_ptr<AllocationStrategy>> makeAnyStrategy(std::string_view name,
                                                            const rules::ScriptLibrary* library) {
    if (name.rfind("lua:", 0) != 0)
        return makeStrategy(name);
    if (library == nullptr)
        return makeError("allocate.no_lua", "Lua strategies are not available here",
                         std::string(name), "run the strategy through koppelkans-cli allocate");
    auto s = loadLuaStrategy(*library, name.substr(4));
    if (!s)
        return s.error();
    return std::unique_ptr<AllocationStrategy>(std::move(s).value());
}

}  // namespace kk::alloc
