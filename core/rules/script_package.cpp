// Loading a script package and calling its rules. Every Lua allocation happens inside a
// protected call: C++ work runs in guarded C functions, script functions run between them.
#include "core/rules/script_package.h"

#include <cmath>
#include <cstring>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/base/rate.h"
#include "core/rules/lua_detail.h"
#include "core/rules/prelude.h"

namespace kk::rules {

namespace {

using detail::ScriptFault;

struct Invocation {
    const std::function<int(lua_State*)>* push = nullptr;
    const std::function<void(lua_State*, int)>* collect = nullptr;
    const std::function<void(lua_State*)>* body = nullptr;
};

Invocation& invocationArg(lua_State* L) {
    return *static_cast<Invocation*>(lua_touserdata(L, 1));
}

int runPush(lua_State* L) {
    Invocation& inv = invocationArg(L);
    if (!lua_checkstack(L, 8))
        throw ScriptFault("Lua stack exhausted");
    return (*inv.push)(L);
}

int runCollect(lua_State* L) {
    Invocation& inv = invocationArg(L);
    (*inv.collect)(L, 2);
    return 0;
}

int runBody(lua_State* L) {
    Invocation& inv = invocationArg(L);
    (*inv.body)(L);
    return 0;
}

// Plain C function (no C++ objects): the script function runs here, so a Lua error can
// unwind through it safely. Arguments: the Invocation, then extra values for the function.
int trampoline(lua_State* L) {
    const int extras = lua_gettop(L) - 1;
    const int before = lua_gettop(L);
    lua_pushcfunction(L, detail::guarded<runPush>);
    lua_pushvalue(L, 1);
    lua_call(L, 1, LUA_MULTRET);
    const int pushed = lua_gettop(L) - before;  // function + its arguments
    if (!lua_checkstack(L, extras + 4))
        return luaL_error(L, "Lua stack exhausted");
    for (int i = 2; i <= 1 + extras; ++i)
        lua_pushvalue(L, i);
    lua_call(L, pushed - 1 + extras, 1);
    lua_pushcfunction(L, detail::guarded<runCollect>);
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -3);
    lua_call(L, 2, 0);
    return 0;
}

/// Pushes registry.by_key["kind:code"][field]; throws when the rule or field is missing.
void pushRuleField(lua_State* L, int registryRef, std::string_view kind, std::string_view code,
                   const char* field) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, registryRef);
    detail::rawField(L, lua_gettop(L), "by_key");
    // "kind:code", built without a heap allocation for the usual short codes (one per call).
    char buf[128];
    if (kind.size() + 1 + code.size() <= sizeof buf) {
        std::memcpy(buf, kind.data(), kind.size());
        buf[kind.size()] = ':';
        std::memcpy(buf + kind.size() + 1, code.data(), code.size());
        lua_pushlstring(L, buf, kind.size() + 1 + code.size());
    } else {
        const std::string key = std::string(kind) + ":" + std::string(code);
        lua_pushlstring(L, key.data(), key.size());
    }
    if (lua_rawget(L, -2) != LUA_TTABLE)
        throw KkError(
            makeError("rules.unknown_rule",
                      "this package has no " + std::string(kind) + " '" + std::string(code) + "'",
                      {}, "list the rules with `koppelkans-cli script list`"));
    detail::rawField(L, lua_gettop(L), field);
}

std::string stringField(lua_State* L, int t, const char* name) {
    std::string out;
    if (detail::rawField(L, t, name) == LUA_TSTRING)
        out = lua_tostring(L, -1);
    lua_pop(L, 1);
    return out;
}

void pushJson(lua_State* L, const nlohmann::json& j, int depth) {
    if (depth > 64)
        throw ScriptFault("allocation problem nested too deeply");
    if (!lua_checkstack(L, 4))
        throw ScriptFault("Lua stack exhausted");
    if (j.is_object()) {
        lua_createtable(L, 0, static_cast<int>(j.size()));
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it->is_null())
                continue;
            pushJson(L, *it, depth + 1);
            lua_setfield(L, -2, it.key().c_str());
        }
    } else if (j.is_array()) {
        lua_createtable(L, static_cast<int>(j.size()), 0);
        lua_Integer i = 0;
        for (const auto& v : j) {
            ++i;
            if (v.is_null())
                continue;
            pushJson(L, v, depth + 1);
            lua_rawseti(L, -2, i);
        }
    } else if (j.is_string()) {
        const auto& s = j.get_ref<const std::string&>();
        lua_pushlstring(L, s.data(), s.size());
    } else if (j.is_number_integer() || j.is_number_unsigned()) {
        lua_pushinteger(L, j.get<std::int64_t>());
    } else if (j.is_number()) {
        lua_pushnumber(L, j.get<double>());
    } else if (j.is_boolean()) {
        lua_pushboolean(L, j.get<bool>());
    } else {
        lua_pushnil(L);
    }
}

/// An id in an allocation cell: a string, or an integer written as text.
std::string cellId(lua_State* L, int idx, const char* what, int cell) {
    if (lua_type(L, idx) == LUA_TSTRING)
        return lua_tostring(L, idx);
    if (lua_isinteger(L, idx))
        return std::to_string(lua_tointeger(L, idx));
    throw ScriptFault("allocation cell " + std::to_string(cell) + ": '" + what +
                      "' must be an id (string), got " + detail::typeName(L, idx));
}

/// The list of cells in a strategy's answer at `idx`: the answer itself or its `cells` field
/// (pushed then).
int answerCells(lua_State* L, int idx, const std::string& strategy) {
    if (lua_type(L, idx) != LUA_TTABLE)
        throw ScriptFault("strategy '" + strategy + "' must return a list of cells");
    if (detail::rawField(L, idx, "cells") == LUA_TTABLE)
        return lua_gettop(L);
    lua_pop(L, 1);
    return idx;
}

/// The amount of a cell (the value at -1): integer cents >= 0.
std::int64_t cellCents(lua_State* L, int cell) {
    if (!lua_isinteger(L, -1))
        throw ScriptFault("allocation cell " + std::to_string(cell) +
                          ": amount must be integer cents, got " +
                          (lua_type(L, -1) == LUA_TNUMBER ? std::to_string(lua_tonumber(L, -1))
                                                          : std::string(detail::typeName(L, -1))) +
                          " (use math.floor or // to round)");
    const lua_Integer cents = lua_tointeger(L, -1);
    if (cents < 0)
        throw ScriptFault("allocation cell " + std::to_string(cell) + ": amount is negative");
    return cents;
}

/// Ids to positions. Answers usually name ids in problem order (a cost item's cells one after
/// the other), so the last position and the one after it are tried first; the hash index is
/// built on the first miss.
class IdLookup {
  public:
    explicit IdLookup(const std::vector<std::string_view>& ids) : m_ids(ids) {}

    std::optional<std::size_t> find(std::string_view id) {
        if (m_last < m_ids.size() && m_ids[m_last] == id)
            return m_last;
        if (m_last + 1 < m_ids.size() && m_ids[m_last + 1] == id)
            return ++m_last;
        if (m_index.empty())
            for (std::size_t k = 0; k < m_ids.size(); ++k)
                m_index.emplace(m_ids[k], k);
        const auto it = m_index.find(id);
        if (it == m_index.end())
            return std::nullopt;
        m_last = it->second;
        return m_last;
    }

  private:
    const std::vector<std::string_view>& m_ids;
    std::unordered_map<std::string_view, std::size_t> m_index;
    std::size_t m_last = 0;
};

/// The id at `idx` (a string, or an integer written as text into `scratch`). Checks the type
/// only: the caller reports unknown ids after the amount, as allocate() does.
std::string_view cellIdView(lua_State* L, int idx, const char* what, int cell,
                            std::string& scratch) {
    if (lua_type(L, idx) == LUA_TSTRING) {
        std::size_t len = 0;
        const char* s = lua_tolstring(L, idx, &len);
        return {s, len};
    }
    if (lua_isinteger(L, idx)) {
        scratch = std::to_string(lua_tointeger(L, idx));
        return scratch;
    }
    throw ScriptFault("allocation cell " + std::to_string(cell) + ": '" + what +
                      "' must be an id (string), got " + detail::typeName(L, idx));
}

double weightValue(lua_State* L, int idx, const std::string& criterion) {
    if (lua_type(L, idx) == LUA_TNUMBER)
        return lua_tonumber(L, idx);
    if (lua_type(L, idx) == LUA_TSTRING) {
        const auto rate = Rate::parse(lua_tostring(L, idx));
        if (rate.ok())
            return rate->toDouble();
    }
    throw ScriptFault("criterion '" + criterion + "': weight must be a number or \"n/d\"");
}

}  // namespace

std::string_view ruleKindName(RuleKind kind) {
    switch (kind) {
        case RuleKind::Indicator:
            return "indicator";
        case RuleKind::Check:
            return "check";
        case RuleKind::Score:
            return "score";
        case RuleKind::AllocationStrategy:
            return "allocation_strategy";
    }
    return "?";
}

ScriptPackage::ScriptPackage(std::string name, Workspace* ws, ModuleResolver resolver,
                             HostLimits limits)
    : m_name(std::move(name)),
      m_api(ws),
      m_host(std::make_unique<LuaHost>(m_name, limits, std::move(resolver))) {
    m_host->setWorkspaceApi(&m_api);
}

ScriptPackage::~ScriptPackage() = default;

Result<std::unique_ptr<ScriptPackage>> ScriptPackage::load(const ScriptSource& main, Workspace* ws,
                                                           ModuleResolver resolver,
                                                           HostLimits limits) {
    try {
        std::unique_ptr<ScriptPackage> pkg(
            new ScriptPackage(main.name, ws, std::move(resolver), limits));
        if (auto st = pkg->boot(main); !st.ok())
            return st.error();
        return pkg;
    } catch (const KkError& e) {
        return e.error();
    }
}

Status ScriptPackage::runGuarded(std::string_view rule,
                                 const std::function<void(lua_State*)>& body) {
    Invocation inv;
    inv.body = &body;
    lua_State* L = m_host->state();
    if (!lua_checkstack(L, 4))
        return makeError("rules.stack", "the Lua stack is exhausted", m_name);
    lua_pushcfunction(L, detail::guarded<runBody>);
    lua_pushlightuserdata(L, &inv);
    return m_host->call(1, 0, rule);
}

Status ScriptPackage::invoke(std::string_view rule, const std::function<int(lua_State*)>& push,
                             const std::function<void(lua_State*, int)>& collect) {
    return invokeWith(rule, push, collect, 0);
}

Status ScriptPackage::invokeWith(std::string_view rule, const std::function<int(lua_State*)>& push,
                                 const std::function<void(lua_State*, int)>& collect, int extras) {
    Invocation inv;
    inv.push = &push;
    inv.collect = &collect;
    lua_State* L = m_host->state();
    if (!lua_checkstack(L, 4)) {
        lua_pop(L, extras);
        return makeError("rules.stack", "the Lua stack is exhausted", m_name);
    }
    // Stack: extras... -> trampoline, invocation, extras...
    lua_pushcfunction(L, trampoline);
    lua_insert(L, -1 - extras);
    lua_pushlightuserdata(L, &inv);
    lua_insert(L, -1 - extras);
    auto st = m_host->call(1 + extras, 0, rule);
    if (!st.ok())
        m_api.dropStaged();  // a failed script writes nothing
    return st;
}

namespace {

/// load_module(name) -> chunk, or nil and a message (the prelude's require raises it at the
/// caller's line).
int loadModule(lua_State* L) {
    const std::string name = detail::argString(L, 1, "require", "the module name");
    const bool valid = !name.empty() && name.size() <= 200 &&
                       name.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                           "0123456789_.-") == std::string::npos &&
                       name.front() != '.' && name.find("..") == std::string::npos;
    std::string problem;
    if (!valid) {
        problem = "require: '" + name +
                  "' is not a module name (letters, digits, '_', '-', '.' between parts)";
    } else if (auto text = detail::hostOf(L).resolve(name); !text.ok()) {
        problem = "require: " + text.error().what;
    } else {
        const std::string chunk = "@" + text->chunkName;
        const int rc =
            luaL_loadbufferx(L, text->source.data(), text->source.size(), chunk.c_str(), "t");
        if (rc == LUA_OK)
            return 1;
        problem = lua_tostring(L, -1) ? lua_tostring(L, -1) : "cannot compile";
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    lua_pushlstring(L, problem.data(), problem.size());
    return 2;
}

}  // namespace

Status ScriptPackage::boot(const ScriptSource& main) {
    lua_State* L = m_host->state();
    auto st = runGuarded("setup", [this](lua_State* L) {
        lua_newtable(L);
        m_registryRef = luaL_ref(L, LUA_REGISTRYINDEX);
        m_api.install(L);
    });
    if (!st.ok())
        return st;
    if (st = m_host->compile("kk/prelude.lua", preludeSource()); !st.ok())
        return st;
    lua_rawgeti(L, LUA_REGISTRYINDEX, m_registryRef);
    lua_pushcfunction(L, detail::guarded<loadModule>);
    if (st = m_host->call(2, 0, "prelude"); !st.ok())
        return st;

    if (st = m_host->compile(main.name, main.text); !st.ok())
        return st;
    const std::function<int(lua_State*)> push = [this](lua_State* L) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, m_registryRef);
        detail::rawField(L, lua_gettop(L), "run_main");
        return 1;
    };
    const std::function<void(lua_State*, int)> none = [](lua_State*, int) {};
    if (st = invokeWith("load", push, none, 1); !st.ok())
        return st;
    // Loading must not write: anything staged at the top level is dropped.
    m_api.dropStaged();
    return readRules();
}

Status ScriptPackage::readRules() {
    m_rules.clear();
    m_testNames.clear();
    return runGuarded("load", [this](lua_State* L) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, m_registryRef);
        const int reg = lua_gettop(L);
        detail::rawField(L, reg, "rules");
        const int list = lua_gettop(L);
        detail::rawField(L, reg, "by_key");
        const int byKey = lua_gettop(L);
        const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, list));
        for (lua_Integer i = 1; i <= n; ++i) {
            lua_rawgeti(L, list, i);
            const int entry = lua_gettop(L);
            RuleInfo info;
            const std::string kind = stringField(L, entry, "kind");
            info.code = stringField(L, entry, "code");
            if (kind == "indicator")
                info.kind = RuleKind::Indicator;
            if (kind == "check")
                info.kind = RuleKind::Check;
            if (kind == "score")
                info.kind = RuleKind::Score;
            if (kind == "allocation_strategy")
                info.kind = RuleKind::AllocationStrategy;
            const std::string key = kind + ":" + info.code;
            lua_pushlstring(L, key.data(), key.size());
            lua_rawget(L, byKey);
            const int def = lua_gettop(L);
            info.name = stringField(L, def, "name");
            info.unit = stringField(L, def, "unit");
            info.type = stringField(L, def, "type");
            info.aggregation = stringField(L, def, "aggregation");
            info.direction = stringField(L, def, "direction");
            info.severity = stringField(L, def, "severity");
            info.message = stringField(L, def, "message");
            info.appliesTo = stringField(L, def, "applies_to");
            if (info.kind == RuleKind::AllocationStrategy)
                info.message = stringField(L, def, "description");
            if (detail::rawField(L, def, "subjects") == LUA_TTABLE) {
                const int subjects = lua_gettop(L);
                for (lua_Integer s = 1; s <= static_cast<lua_Integer>(lua_rawlen(L, subjects));
                     ++s) {
                    lua_rawgeti(L, subjects, s);
                    if (lua_type(L, -1) == LUA_TSTRING)
                        info.subjects.emplace_back(lua_tostring(L, -1));
                    lua_pop(L, 1);
                }
            }
            lua_settop(L, entry - 1);
            m_rules.push_back(std::move(info));
        }
        detail::rawField(L, reg, "tests");
        const int tests = lua_gettop(L);
        m_testCount = lua_rawlen(L, tests);
        for (lua_Integer i = 1; i <= static_cast<lua_Integer>(m_testCount); ++i) {
            lua_rawgeti(L, tests, i);
            m_testNames.push_back(stringField(L, lua_gettop(L), "name"));
            lua_pop(L, 1);
        }
    });
}

const RuleInfo* ScriptPackage::findRule(RuleKind kind, std::string_view code) const {
    for (const auto& r : m_rules)
        if (r.kind == kind && r.code == code)
            return &r;
    return nullptr;
}

Result<std::optional<double>> ScriptPackage::computeIndicator(std::string_view code,
                                                              std::string_view subjectKind,
                                                              std::int64_t subjectId) {
    return computeIndicatorAt(code, subjectKind, subjectId, false);
}

Result<std::vector<IndicatorValue>> ScriptPackage::computeIndicatorAll(
    std::string_view code, std::string_view subjectKind) {
    const RuleInfo* rule = findRule(RuleKind::Indicator, code);
    if (rule == nullptr)
        return makeError("rules.unknown_rule", "no indicator '" + std::string(code) + "'",
                         "script '" + m_name + "'", "list the rules with `script list`");
    if (std::find(rule->subjects.begin(), rule->subjects.end(), subjectKind) ==
        rule->subjects.end())
        return makeError(
            "rules.bad_subject",
            "indicator '" + rule->code + "' is not defined for a " + std::string(subjectKind),
            "script '" + m_name + "'", "use one of its subjects");
    std::vector<std::int64_t> ids;
    try {
        ids = m_api.ids(kindIndex(subjectKind));
    } catch (const std::exception& e) {
        return makeError("rules.no_workspace", e.what(), "script '" + m_name + "'");
    }
    std::vector<IndicatorValue> values;
    values.reserve(ids.size());
    for (std::int64_t id : ids) {
        auto v = computeIndicatorAt(code, subjectKind, id, true);
        if (!v.ok()) {
            Error e = v.error();
            e.what += " (subject " + std::string(subjectKind) + " #" + std::to_string(id) + ")";
            return e;
        }
        values.push_back({id, *v});
    }
    return values;
}

Result<std::optional<double>> ScriptPackage::computeIndicatorAt(std::string_view code,
                                                                std::string_view subjectKind,
                                                                std::int64_t subjectId,
                                                                bool known) {
    const RuleInfo* rule = findRule(RuleKind::Indicator, code);
    if (rule == nullptr)
        return makeError("rules.unknown_rule", "no indicator '" + std::string(code) + "'",
                         "script '" + m_name + "'", "list the rules with `script list`");
    const int kind = kindIndex(subjectKind);
    if (std::find(rule->subjects.begin(), rule->subjects.end(), subjectKind) ==
        rule->subjects.end())
        return makeError(
            "rules.bad_subject",
            "indicator '" + rule->code + "' is not defined for a " + std::string(subjectKind),
            "script '" + m_name + "'", "use one of its subjects");
    // The lambdas capture one pointer each, so std::function keeps them without allocating:
    // this runs once per subject of a batch.
    struct Call {
        ScriptPackage* self;
        std::string_view code;
        int kind;
        std::int64_t subjectId;
        bool known;
        std::optional<double> value;
    } call{this, code, kind, subjectId, known, std::nullopt};
    Call* c = &call;
    const std::function<int(lua_State*)> push = [c](lua_State* L) {
        pushRuleField(L, c->self->m_registryRef, "indicator", c->code, "compute");
        c->self->m_api.pushProxy(L, c->kind, c->subjectId, c->known);
        return 2;
    };
    const std::function<void(lua_State*, int)> collect = [c](lua_State* L, int idx) {
        if (lua_isnil(L, idx))
            return;
        if (lua_type(L, idx) != LUA_TNUMBER)
            throw ScriptFault("indicator '" + std::string(c->code) + "' returned a " +
                              detail::typeName(L, idx) + "; compute must return a number or nil");
        const double v = lua_tonumber(L, idx);
        if (!std::isfinite(v))
            throw ScriptFault("indicator '" + std::string(c->code) +
                              "' returned a value that is not finite (division by zero?); "
                              "return nil when the indicator does not apply");
        c->value = v;
    };
    m_label.assign("indicator ").append(code);
    if (auto st = invoke(m_label, push, collect); !st.ok())
        return st.error();
    return call.value;
}

Result<std::vector<CheckFinding>> ScriptPackage::runCheck(std::string_view code,
                                                          std::int64_t entityId) {
    const RuleInfo* rule = findRule(RuleKind::Check, code);
    if (rule == nullptr)
        return makeError("rules.unknown_rule", "no check '" + std::string(code) + "'",
                         "script '" + m_name + "'", "list the rules with `script list`");
    const int kind = kindIndex(rule->appliesTo);
    std::vector<CheckFinding> findings;
    const std::function<int(lua_State*)> push = [&](lua_State* L) {
        pushRuleField(L, m_registryRef, "check", code, "run");
        m_api.pushProxy(L, kind, entityId);
        return 2;
    };
    auto add = [&](std::string message) {
        findings.push_back({rule->code, rule->severity, rule->appliesTo, entityId,
                            message.empty() ? rule->message : std::move(message)});
    };
    const std::function<void(lua_State*, int)> collect = [&](lua_State* L, int idx) {
        const int t = lua_type(L, idx);
        if (t == LUA_TNIL || (t == LUA_TBOOLEAN && lua_toboolean(L, idx)))
            return;
        if (t == LUA_TBOOLEAN)
            return add({});
        if (t == LUA_TSTRING)
            return add(lua_tostring(L, idx));
        if (t == LUA_TTABLE) {
            for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L, idx)); ++i) {
                lua_rawgeti(L, idx, i);
                if (lua_type(L, -1) == LUA_TSTRING)
                    add(lua_tostring(L, -1));
                lua_pop(L, 1);
            }
            return;
        }
        throw ScriptFault("check '" + std::string(code) + "' returned a " +
                          detail::typeName(L, idx) +
                          "; run must return true/nil (pass), false, a message or a list of "
                          "messages");
    };
    if (auto st = invoke("check " + std::string(code), push, collect); !st.ok())
        return st.error();
    return findings;
}

Result<std::vector<CheckFinding>> ScriptPackage::runCheckAll(std::string_view code) {
    const RuleInfo* rule = findRule(RuleKind::Check, code);
    if (rule == nullptr)
        return makeError("rules.unknown_rule", "no check '" + std::string(code) + "'",
                         "script '" + m_name + "'", "list the rules with `script list`");
    std::vector<std::int64_t> ids;
    try {
        ids = m_api.ids(kindIndex(rule->appliesTo));
    } catch (const std::exception& e) {
        return makeError("rules.no_workspace", e.what(), "script '" + m_name + "'");
    }
    std::vector<CheckFinding> all;
    for (std::int64_t id : ids) {
        auto f = runCheck(code, id);
        if (!f.ok())
            return f.error();
        all.insert(all.end(), f->begin(), f->end());
    }
    return all;
}

Result<ScoreResult> ScriptPackage::score(std::string_view code, std::int64_t projectId) {
    if (findRule(RuleKind::Score, code) == nullptr)
        return makeError("rules.unknown_rule", "no score '" + std::string(code) + "'",
                         "script '" + m_name + "'", "list the rules with `script list`");
    ScoreResult result;
    result.rule = std::string(code);
    result.projectId = projectId;
    // The criteria: from the rule, or from the call it names (kk_call_criterion).
    auto st = runGuarded("score " + result.rule, [&](lua_State* L) {
        pushRuleField(L, m_registryRef, "score", code, "criteria");
        const int crit = lua_gettop(L);
        if (lua_type(L, crit) == LUA_TTABLE) {
            for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L, crit)); ++i) {
                lua_rawgeti(L, crit, i);
                const int c = lua_gettop(L);
                ScoreResult::Criterion cr;
                cr.code = stringField(L, c, "code");
                detail::rawField(L, c, "weight");
                cr.weight = weightValue(L, -1, cr.code);
                detail::rawField(L, c, "max");
                cr.max = lua_tonumber(L, -1);
                lua_settop(L, c - 1);
                result.criteria.push_back(cr);
            }
            return;
        }
        lua_settop(L, 0);
        pushRuleField(L, m_registryRef, "score", code, "call");
        const std::string call = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        auto rows = m_api.query(
            "SELECT c.code, c.weight, c.max_score FROM kk_call_criterion c JOIN kk_call k ON "
            "k.id = c.call_id WHERE k.code = ? ORDER BY c.id",
            sql::Value{call});
        if (rows.empty())
            throw ScriptFault("score '" + std::string(code) + "': call '" + call +
                              "' has no criteria in the workspace");
        for (const auto& r : rows) {
            ScoreResult::Criterion cr;
            cr.code = std::get<std::string>(r[0]);
            const auto w = Rate::parse(std::get<std::string>(r[1]));
            cr.weight = w.ok() ? w->toDouble() : 0.0;
            cr.max = static_cast<double>(std::get<std::int64_t>(r[2]));
            result.criteria.push_back(cr);
        }
    });
    if (!st.ok())
        return st.error();
    const std::function<int(lua_State*)> push = [&](lua_State* L) {
        pushRuleField(L, m_registryRef, "score", code, "score");
        m_api.pushProxy(L, kindIndex("project"), projectId);
        lua_createtable(L, static_cast<int>(result.criteria.size()), 0);
        for (std::size_t i = 0; i < result.criteria.size(); ++i) {
            lua_createtable(L, 0, 3);
            lua_pushstring(L, result.criteria[i].code.c_str());
            lua_setfield(L, -2, "code");
            lua_pushnumber(L, result.criteria[i].weight);
            lua_setfield(L, -2, "weight");
            lua_pushnumber(L, result.criteria[i].max);
            lua_setfield(L, -2, "max");
            lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
        }
        return 3;
    };
    const std::function<void(lua_State*, int)> collect = [&](lua_State* L, int idx) {
        if (lua_type(L, idx) != LUA_TTABLE)
            throw ScriptFault("score '" + std::string(code) +
                              "' must return a table { criterion = points, ... }");
        for (auto& c : result.criteria) {
            detail::rawField(L, idx, c.code.c_str());
            if (lua_type(L, -1) != LUA_TNUMBER)
                throw ScriptFault("score '" + std::string(code) + "' gave no number for '" +
                                  c.code + "'");
            c.score = lua_tonumber(L, -1);
            lua_pop(L, 1);
            if (c.score < 0 || c.score > c.max)
                throw ScriptFault("score '" + std::string(code) + "': '" + c.code +
                                  "' = " + std::to_string(c.score) + " is outside 0.." +
                                  std::to_string(c.max));
            result.total += c.weight * c.score;
            result.maxTotal += c.weight * c.max;
        }
    };
    if (auto s = invoke("score " + result.rule, push, collect); !s.ok())
        return s.error();
    return result;
}

Result<std::vector<AllocationCell>> ScriptPackage::allocate(std::string_view strategy,
                                                            const nlohmann::json& problem) {
    if (findRule(RuleKind::AllocationStrategy, strategy) == nullptr)
        return makeError("rules.unknown_rule",
                         "no allocation strategy '" + std::string(strategy) + "'",
                         "script '" + m_name + "'", "list the rules with `script list`");
    std::set<std::string> costItems;
    std::set<std::string> funds;
    auto idText = [](const nlohmann::json& v) {
        return v.is_string() ? v.get<std::string>() : v.dump();
    };
    if (problem.contains("cost_items"))
        for (const auto& c : problem["cost_items"])
            costItems.insert(idText(c.value("id", nlohmann::json())));
    if (problem.contains("funds"))
        for (const auto& f : problem["funds"])
            funds.insert(idText(f.value("id", nlohmann::json())));
    std::vector<AllocationCell> cells;
    const std::string name(strategy);
    const std::function<int(lua_State*)> push = [&](lua_State* L) {
        pushRuleField(L, m_registryRef, "allocation_strategy", name, "allocate");
        pushJson(L, problem, 0);
        return 2;
    };
    const std::function<void(lua_State*, int)> collect = [&](lua_State* L, int idx) {
        const int list = answerCells(L, idx, name);
        const auto n = static_cast<lua_Integer>(lua_rawlen(L, list));
        for (lua_Integer i = 1; i <= n; ++i) {
            lua_rawgeti(L, list, i);
            const int c = lua_gettop(L);
            const int cell = static_cast<int>(i);
            if (lua_type(L, c) != LUA_TTABLE)
                throw ScriptFault("allocation cell " + std::to_string(cell) + " is not a table");
            AllocationCell out;
            detail::rawField(L, c, "cost_item");
            out.costItemId = cellId(L, -1, "cost_item", cell);
            detail::rawField(L, c, "fund");
            out.fundId = cellId(L, -1, "fund", cell);
            detail::rawField(L, c, "amount");
            out.amount = Money::fromCents(cellCents(L, cell));
            out.reason = stringField(L, c, "reason");
            if (!costItems.count(out.costItemId))
                throw ScriptFault("allocation cell " + std::to_string(cell) +
                                  ": unknown cost item '" + out.costItemId + "'");
            if (!funds.count(out.fundId))
                throw ScriptFault("allocation cell " + std::to_string(cell) + ": unknown fund '" +
                                  out.fundId + "'");
            lua_settop(L, c - 1);
            cells.push_back(std::move(out));
        }
    };
    if (auto st = invoke("allocation_strategy " + name, push, collect); !st.ok())
        return st.error();
    return cells;
}

Result<std::vector<IndexedAllocationCell>> ScriptPackage::allocateWith(
    std::string_view strategy, const AllocationIds& ids,
    const std::function<void(LuaTableBuilder&)>& build) {
    if (findRule(RuleKind::AllocationStrategy, strategy) == nullptr)
        return makeError("rules.unknown_rule",
                         "no allocation strategy '" + std::string(strategy) + "'",
                         "script '" + m_name + "'", "list the rules with `script list`");
    IdLookup costItems(ids.costItems);
    IdLookup funds(ids.funds);
    std::vector<IndexedAllocationCell> cells;
    const std::string name(strategy);
    const std::function<int(lua_State*)> push = [&](lua_State* L) {
        pushRuleField(L, m_registryRef, "allocation_strategy", name, "allocate");
        const int before = lua_gettop(L);
        LuaTableBuilder builder(L);
        build(builder);
        if (builder.depth() != 0 || lua_gettop(L) != before + 1 || !lua_istable(L, -1))
            throw std::logic_error("allocateWith: the builder must leave exactly one table");
        return 2;
    };
    const std::function<void(lua_State*, int)> collect = [&](lua_State* L, int idx) {
        const int list = answerCells(L, idx, name);
        const auto n = static_cast<lua_Integer>(lua_rawlen(L, list));
        cells.reserve(static_cast<std::size_t>(n));
        std::string itemScratch;
        std::string fundScratch;
        for (lua_Integer i = 1; i <= n; ++i) {
            lua_rawgeti(L, list, i);
            const int c = lua_gettop(L);
            const int cell = static_cast<int>(i);
            if (lua_type(L, c) != LUA_TTABLE)
                throw ScriptFault("allocation cell " + std::to_string(cell) + " is not a table");
            // The id strings stay on the stack (and alive) until the cell is done.
            detail::rawField(L, c, "cost_item");
            const std::string_view item = cellIdView(L, -1, "cost_item", cell, itemScratch);
            detail::rawField(L, c, "fund");
            const std::string_view fund = cellIdView(L, -1, "fund", cell, fundScratch);
            detail::rawField(L, c, "amount");
            IndexedAllocationCell out;
            out.cents = cellCents(L, cell);
            const auto itemAt = costItems.find(item);
            if (!itemAt)
                throw ScriptFault("allocation cell " + std::to_string(cell) +
                                  ": unknown cost item '" + std::string(item) + "'");
            out.costItem = *itemAt;
            const auto fundAt = funds.find(fund);
            if (!fundAt)
                throw ScriptFault("allocation cell " + std::to_string(cell) + ": unknown fund '" +
                                  std::string(fund) + "'");
            out.fund = *fundAt;
            lua_settop(L, c - 1);
            cells.push_back(out);
        }
    };
    if (auto st = invoke("allocation_strategy " + name, push, collect); !st.ok())
        return st.error();
    return cells;
}

std::vector<TestOutcome> ScriptPackage::runTests() {
    std::vector<TestOutcome> out;
    const std::function<void(lua_State*, int)> none = [](lua_State*, int) {};
    for (std::size_t i = 0; i < m_testCount; ++i) {
        TestOutcome o;
        o.name = i < m_testNames.size() ? m_testNames[i] : std::to_string(i + 1);
        const std::function<int(lua_State*)> push = [&](lua_State* L) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, m_registryRef);
            detail::rawField(L, lua_gettop(L), "run_test");
            lua_pushinteger(L, static_cast<lua_Integer>(i + 1));
            return 2;
        };
        const auto st = invoke("test " + o.name, push, none);
        m_api.dropStaged();  // tests never write to the workspace
        if (!st.ok()) {
            const ScriptFailure& f = m_host->lastFailure();
            static constexpr std::string_view kSkip = "kk-test-skip: ";
            if (f.message.rfind(kSkip, 0) == 0) {
                o.status = TestOutcome::Status::Skip;
                o.message = f.message.substr(kSkip.size());
            } else {
                o.status = TestOutcome::Status::Fail;
                o.message = f.message;
                o.where = st.error().where;
            }
        }
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace kk::rules
