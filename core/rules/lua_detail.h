// Internal to core/rules (.cpp files only): the Lua C API, the one wrapper every Lua-facing
// C++ function goes through, and argument helpers that throw instead of longjmp-ing.
#pragma once

#include <lua.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/rules/lua_host.h"

namespace kk::rules::detail {

/// Thrown by Lua-facing C++ code for a mistake in the script ("kk.get: unknown kind 'x'").
/// The wrapper turns it into a Lua error at the caller's line.
class ScriptFault : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline LuaHost& hostOf(lua_State* L) {
    return **static_cast<LuaHost**>(lua_getextraspace(L));
}

using HostFn = int (*)(lua_State*);

/// Runs `fn`, catching every C++ exception. Returns fn's result count, or -1 with the error
/// message pushed once all C++ objects of the attempt are destroyed.
int invokeGuarded(lua_State* L, HostFn fn) noexcept;

/// The only way C++ functions are exposed to Lua: exceptions become Lua errors raised after
/// the C++ frames are gone, so no longjmp crosses a live C++ object.
template <HostFn F>
int guarded(lua_State* L) {
    const int n = invokeGuarded(L, F);
    if (n < 0)
        return lua_error(L);
    return n;
}

// Argument helpers: they read with non-raising API calls and throw ScriptFault.
std::int64_t argInteger(lua_State* L, int idx, const char* fn, const char* what);
std::string argString(lua_State* L, int idx, const char* fn, const char* what);
void argTable(lua_State* L, int idx, const char* fn, const char* what);
const char* typeName(lua_State* L, int idx);

/// Pushes t[name] without metamethods (t at absolute index `t`); returns its Lua type.
int rawField(lua_State* L, int t, const char* name);

}  // namespace kk::rules::detail
