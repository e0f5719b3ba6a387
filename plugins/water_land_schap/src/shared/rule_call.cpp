// The JSON <-> Lua bridge for plugin rule modules (see rule_call.h).
#include "plugins/water_land_schap/src/shared/rule_call.h"

#include <lua.hpp>

#include <cmath>
#include <functional>
#include <stdexcept>

#include "core/rules/script_library.h"
#include "core/rules/script_package.h"

namespace kk::plugin {
namespace {

// Runs inside the sandbox: the module is found by the host's resolver like any `require`.
constexpr std::string_view kAdapter = R"lua(
local module, fn, arg = ...
local m = require(module)
if type(m) ~= "table" or type(m[fn]) ~= "function" then
    error(("the rule module '%s' has no function '%s'"):format(module, fn), 0)
end
return m[fn](arg)
)lua";

void pushJson(lua_State* L, const nlohmann::json& j, int depth) {
    if (depth > 32)
        throw std::runtime_error("rule argument nested too deeply");
    if (!lua_checkstack(L, 4))
        throw std::runtime_error("Lua stack exhausted");
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

nlohmann::json toJson(lua_State* L, int idx, int depth) {
    if (depth > 32)
        throw std::runtime_error("rule answer nested too deeply");
    if (!lua_checkstack(L, 4))
        throw std::runtime_error("Lua stack exhausted");
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
        case LUA_TBOOLEAN:
            return lua_toboolean(L, idx) != 0;
        case LUA_TNUMBER:
            if (lua_isinteger(L, idx))
                return static_cast<std::int64_t>(lua_tointeger(L, idx));
            if (!std::isfinite(lua_tonumber(L, idx)))
                throw std::runtime_error("a rule answered an infinite or NaN number");
            return lua_tonumber(L, idx);
        case LUA_TSTRING: {
            std::size_t len = 0;
            const char* s = lua_tolstring(L, idx, &len);
            return std::string(s, len);
        }
        case LUA_TTABLE: {
            // A sequence 1..n becomes an array, anything else an object with text keys.
            const auto n = static_cast<lua_Integer>(lua_rawlen(L, idx));
            lua_Integer keys = 0;
            lua_pushnil(L);
            while (lua_next(L, idx) != 0) {
                ++keys;
                lua_pop(L, 1);
            }
            if (keys == n) {
                nlohmann::json arr = nlohmann::json::array();
                for (lua_Integer i = 1; i <= n; ++i) {
                    lua_rawgeti(L, idx, i);
                    arr.push_back(toJson(L, -1, depth + 1));
                    lua_pop(L, 1);
                }
                return arr;
            }
            nlohmann::json obj = nlohmann::json::object();
            lua_pushnil(L);
            while (lua_next(L, idx) != 0) {
                std::string key;
                if (lua_type(L, -2) == LUA_TSTRING)
                    key = lua_tostring(L, -2);
                else if (lua_isinteger(L, -2))
                    key = std::to_string(lua_tointeger(L, -2));
                else
                    throw std::runtime_error("a rule answered a table with a non-text key");
                obj[key] = toJson(L, -1, depth + 1);
                lua_pop(L, 1);
            }
            return obj;
        }
        case LUA_TNIL:
        case LUA_TNONE:
            return nullptr;
        default:
            throw std::runtime_error(std::string("a rule answered a ") +
                                     lua_typename(L, lua_type(L, idx)) +
                                     ", which is not data (use tables, strings, numbers)");
    }
}

}  // namespace

RuleModules::~RuleModules() = default;

Result<std::unique_ptr<RuleModules>> RuleModules::open(const std::string& pluginId,
                                                       const std::string& scriptsFolder,
                                                       Workspace* ws) {
    std::unique_ptr<RuleModules> out(new RuleModules());
    out->m_pluginId = pluginId;
    out->m_library = std::make_unique<rules::ScriptLibrary>(
        rules::ScriptLibrary::defaultBundledDir(), ws, nullptr);
    out->m_library->addPack(pluginId, scriptsFolder);
    // An empty main script: the rules are modules the calls require.
    rules::ScriptSource main{"plugin:" + pluginId + "/(rules)", "plugin:" + pluginId,
                             "-- " + pluginId + " rule host\n"};
    auto pkg = rules::ScriptPackage::load(main, ws, out->m_library->resolver());
    if (!pkg)
        return pkg.error();
    out->m_package = std::move(pkg).value();
    return out;
}

Result<nlohmann::json> RuleModules::call(std::string_view module, std::string_view function,
                                         const nlohmann::json& argument) {
    nlohmann::json answer;
    const std::string mod(module);
    const std::string fn(function);
    const std::function<int(lua_State*)> push = [&](lua_State* L) {
        const std::string chunk = "=" + m_pluginId + " rule bridge";
        if (luaL_loadbufferx(L, kAdapter.data(), kAdapter.size(), chunk.c_str(), "t") != LUA_OK)
            throw std::runtime_error("the rule bridge does not compile");
        lua_pushlstring(L, mod.data(), mod.size());
        lua_pushlstring(L, fn.data(), fn.size());
        pushJson(L, argument, 0);
        return 4;
    };
    const std::function<void(lua_State*, int)> collect = [&](lua_State* L, int idx) {
        answer = toJson(L, idx, 0);
    };
    if (auto st = m_package->invoke("rule " + mod + "." + fn, push, collect); !st)
        return st.error();
    return answer;
}

}  // namespace kk::plugin
