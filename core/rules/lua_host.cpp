// The sandboxed lua_State: allocator with a cap, count hook with a time budget, the library
// allowlist, and protected calls that report script, line and rule.
#include "core/rules/lua_host.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/rules/lua_detail.h"

namespace kk::rules {

namespace {

constexpr int kHookInterval = 1000;  // instructions between budget checks
constexpr char kTracebackMarker[] = "\nstack traceback:";

/// Message handler for every protected call: the message plus a traceback.
int messageHandler(lua_State* L) {
    const char* msg = lua_tostring(L, 1);
    if (msg == nullptr) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    // Remember the innermost script line (outside the prelude) for messages without one,
    // such as error(msg, 0), error tables or errors raised at a tail call.
    lua_Debug ar;
    for (int level = 1; level < 50 && lua_getstack(L, level, &ar); ++level) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 &&
            std::strcmp(ar.short_src, "kk/prelude.lua") != 0) {
            detail::hostOf(L).noteErrorSite(ar.short_src, ar.currentline);
            break;
        }
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

// load(chunk [, chunkname [, mode [, env]]]): text only, whatever mode is asked for.
int sandboxLoad(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING) {
        lua_pushnil(L);
        lua_pushstring(L, "load: only source text (a string) is accepted in Koppelkans scripts");
        return 2;
    }
    std::size_t len = 0;
    const char* text = lua_tolstring(L, 1, &len);
    const char* name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "=(load)";
    if (len > 0 && text[0] == LUA_SIGNATURE[0]) {
        lua_pushnil(L);
        lua_pushstring(L,
                       "load: precompiled bytecode is refused in Koppelkans scripts (mode is 't')");
        return 2;
    }
    const int env = lua_isnoneornil(L, 4) ? 0 : 4;
    if (luaL_loadbufferx(L, text, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env != 0) {
        lua_pushvalue(L, env);
        if (lua_setupvalue(L, -2, 1) == nullptr)
            lua_pop(L, 1);
    }
    return 1;
}

int sandboxCollectGarbage(lua_State* L) {
    const char* opt = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : "collect";
    if (std::strcmp(opt, "count") != 0)
        throw detail::ScriptFault(std::string("collectgarbage('") + opt +
                                  "') is not available in Koppelkans scripts; only "
                                  "collectgarbage('count') is");
    const int kb = lua_gc(L, LUA_GCCOUNT);
    const int bytes = lua_gc(L, LUA_GCCOUNTB);
    lua_pushnumber(L, static_cast<lua_Number>(kb) + static_cast<lua_Number>(bytes) / 1024.0);
    return 1;
}

int sandboxPrint(lua_State* L) {
    LuaHost& host = detail::hostOf(L);
    const int n = lua_gettop(L);
    for (int i = 1; i <= n; ++i) {
        std::size_t len = 0;
        const char* s = luaL_tolstring(L, i, &len);
        if (i > 1)
            host.appendOutput("\t");
        host.appendOutput(std::string_view(s, len));
        lua_pop(L, 1);
    }
    host.appendOutput("\n");
    return 0;
}

/// Copies the named fields of the table on top into a new table, which replaces it.
void keepOnly(lua_State* L, std::initializer_list<const char*> names) {
    lua_newtable(L);
    for (const char* name : names) {
        lua_getfield(L, -2, name);
        lua_setfield(L, -2, name);
    }
    lua_remove(L, -2);
}

/// "chunk:12: message" -> chunk, 12, message. Returns false when there is no position.
bool splitPosition(const std::string& msg, std::string& chunk, int& line, std::string& rest) {
    for (std::size_t colon = msg.find(':'); colon != std::string::npos;
         colon = msg.find(':', colon + 1)) {
        std::size_t i = colon + 1;
        int value = 0;
        std::size_t digits = 0;
        while (i < msg.size() && msg[i] >= '0' && msg[i] <= '9' && digits < 9) {
            value = value * 10 + (msg[i] - '0');
            ++i;
            ++digits;
        }
        if (digits > 0 && i < msg.size() && msg[i] == ':') {
            chunk = msg.substr(0, colon);
            line = value;
            rest = msg.substr(i + 1);
            if (!rest.empty() && rest.front() == ' ')
                rest.erase(0, 1);
            return true;
        }
    }
    return false;
}

std::string mib(std::size_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

}  // namespace

namespace detail {

int invokeGuarded(lua_State* L, HostFn fn) noexcept {
    LuaHost& host = hostOf(L);
    char message[512];
    message[0] = '\0';
    if (host.poisoned()) {
        std::snprintf(message, sizeof message,
                      "this script package ran out of memory inside a host call; reload it");
    } else {
        host.enterHostCall();
        try {
            const int n = fn(L);
            host.leaveHostCall();
            return n;
        } catch (const KkError& e) {
            std::snprintf(message, sizeof message, "%s", e.error().message().c_str());
        } catch (const std::exception& e) {
            std::snprintf(message, sizeof message, "%s", e.what());
        }
        host.leaveHostCall();
    }
    // Every C++ object of the attempt is destroyed here; only Lua calls follow.
    luaL_where(L, 1);
    lua_pushstring(L, message);
    lua_concat(L, 2);
    return -1;
}

const char* typeName(lua_State* L, int idx) {
    return lua_typename(L, lua_type(L, idx));
}

std::int64_t argInteger(lua_State* L, int idx, const char* fn, const char* what) {
    int isInt = 0;
    const lua_Integer v = lua_tointegerx(L, idx, &isInt);
    if (!isInt)
        throw ScriptFault(std::string(fn) + ": " + what + " must be an integer, got " +
                          typeName(L, idx));
    return v;
}

std::string argString(lua_State* L, int idx, const char* fn, const char* what) {
    if (lua_type(L, idx) != LUA_TSTRING)
        throw ScriptFault(std::string(fn) + ": " + what + " must be a string, got " +
                          typeName(L, idx));
    std::size_t len = 0;
    const char* s = lua_tolstring(L, idx, &len);
    return std::string(s, len);
}

void argTable(lua_State* L, int idx, const char* fn, const char* what) {
    if (lua_type(L, idx) != LUA_TTABLE)
        throw ScriptFault(std::string(fn) + ": " + what + " must be a table, got " +
                          typeName(L, idx));
}

int rawField(lua_State* L, int t, const char* name) {
    lua_pushstring(L, name);
    return lua_rawget(L, t);
}

}  // namespace detail

Error ScriptFailure::toError() const {
    std::string where;
    if (!script.empty())
        where = "script '" + script + "'";
    if (line > 0)
        where += (where.empty() ? "line " : ", line ") + std::to_string(line);
    if (!rule.empty())
        where += (where.empty() ? "rule '" : ", rule '") + rule + "'";
    std::string hint;
    if (kind == "syntax")
        hint = "fix the syntax at that line, then run `koppelkans-cli script test` again";
    else if (kind == "memory")
        hint = "look for a table or string that grows without end, or raise the memory limit";
    else if (kind == "time")
        hint =
            "look for a loop that never ends or a recursion without a base case, or raise "
            "the time budget";
    else
        hint = "correct the script at that line; the traceback shows how it got there";
    return makeError("rules." + kind, message, where, hint);
}

LuaHost::LuaHost(std::string packageName, HostLimits limits, ModuleResolver resolver)
    : m_package(std::move(packageName)), m_limits(limits), m_resolver(std::move(resolver)) {
    m_L = lua_newstate(&LuaHost::allocate, this);
    if (m_L == nullptr)
        throw KkError(makeError("rules.no_memory", "cannot create a Lua state", m_package,
                                "raise the memory limit of the rules engine"));
    *static_cast<LuaHost**>(lua_getextraspace(m_L)) = this;
    openSandbox();
}

LuaHost::~LuaHost() {
    if (m_L)
        lua_close(m_L);
}

void* LuaHost::allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) noexcept {
    auto* host = static_cast<LuaHost*>(ud);
    const std::size_t old = ptr ? osize : 0;  // without ptr, osize is a type tag
    if (nsize == 0) {
        std::free(ptr);
        host->m_used -= old;
        return nullptr;
    }
    if (nsize > old) {
        std::size_t limit = host->m_limits.memoryBytes;
        // Inside a host function a refusal would longjmp over C++ frames; allow headroom there
        // and enforce the cap again as soon as Lua code runs.
        if (host->m_hostCalls > 0)
            limit = limit * 2 + (16u << 20);
        if (host->m_used + (nsize - old) > limit) {
            host->m_memoryRefused = true;
            if (host->m_hostCalls > 0)
                host->m_poisoned = true;
            host->recordAllocationFailureSite();
            return nullptr;
        }
    }
    void* p = std::realloc(ptr, nsize);
    if (p == nullptr)
        return nullptr;
    host->m_used = host->m_used - old + nsize;
    return p;
}

void LuaHost::recordAllocationFailureSite() noexcept {
    if (m_L == nullptr || m_depth == 0)
        return;
    // Read-only stack inspection; nothing here allocates from Lua or from C++ (the site is
    // written into a fixed buffer).
    lua_Debug ar;
    for (int level = 0; level < 50 && lua_getstack(m_L, level, &ar); ++level) {
        if (lua_getinfo(m_L, "Sl", &ar) && ar.currentline > 0) {
            std::snprintf(m_memorySiteBuf, sizeof m_memorySiteBuf, "%s:%d: ", ar.short_src,
                          ar.currentline);
            return;
        }
    }
}

void LuaHost::countHook(lua_State* L, lua_Debug* ar) {
    LuaHost& host = detail::hostOf(L);
    if (!host.m_stopping) {
        host.m_instructions += kHookInterval;
        const bool tooMany = host.m_limits.maxInstructions > 0 &&
                             host.m_instructions > host.m_limits.maxInstructions;
        if (!tooMany && std::chrono::steady_clock::now() < host.m_deadline)
            return;
        host.m_stopping = true;
        // From now on every instruction raises, so a pcall in the script cannot absorb it.
        lua_sethook(L, &LuaHost::countHook, LUA_MASKCOUNT, 1);
    }
    lua_getinfo(L, "Sl", ar);
    if (host.m_limits.maxInstructions > 0 && host.m_instructions > host.m_limits.maxInstructions)
        lua_pushfstring(L, "%s:%d: instruction limit of %I exceeded", ar->short_src,
                        ar->currentline, static_cast<lua_Integer>(host.m_limits.maxInstructions));
    else
        lua_pushfstring(L, "%s:%d: time budget of %I ms exceeded", ar->short_src, ar->currentline,
                        static_cast<lua_Integer>(host.m_limits.timeBudget.count()));
    lua_error(L);
}

void LuaHost::openSandbox() {
    // Allowlist: base, string, table, math, utf8 and a read-only slice of os. No io, package,
    // debug, coroutine; base loses dofile/loadfile and gets text-only load.
    luaL_requiref(m_L, "_G", luaopen_base, 1);
    lua_pop(m_L, 1);
    luaL_requiref(m_L, LUA_STRLIBNAME, luaopen_string, 1);
    lua_pop(m_L, 1);
    luaL_requiref(m_L, LUA_TABLIBNAME, luaopen_table, 1);
    lua_pop(m_L, 1);
    luaL_requiref(m_L, LUA_MATHLIBNAME, luaopen_math, 1);
    lua_pop(m_L, 1);
    luaL_requiref(m_L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(m_L, 1);
    luaL_requiref(m_L, LUA_OSLIBNAME, luaopen_os, 0);
    keepOnly(m_L, {"time", "clock", "date", "difftime"});
    lua_setglobal(m_L, "os");
    // Nothing may stay reachable through the loaded-modules table of luaL_requiref.
    lua_pushnil(m_L);
    lua_setfield(m_L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);

    for (const char* name : {"dofile", "loadfile", "require"}) {
        lua_pushnil(m_L);
        lua_setglobal(m_L, name);
    }
    lua_pushcfunction(m_L, sandboxLoad);
    lua_setglobal(m_L, "load");
    lua_pushcfunction(m_L, detail::guarded<sandboxCollectGarbage>);
    lua_setglobal(m_L, "collectgarbage");
    lua_pushcfunction(m_L, detail::guarded<sandboxPrint>);
    lua_setglobal(m_L, "print");
    // Deterministic results: rules must give the same values on every run.
    lua_getglobal(m_L, "math");
    lua_getfield(m_L, -1, "randomseed");
    lua_pushinteger(m_L, 20250101);
    lua_call(m_L, 1, 0);
    lua_pop(m_L, 1);
    // Rules make many short-lived objects per call (proxies, result lists): the generational
    // collector frees them young, far cheaper than incremental sweeps over the whole heap.
    lua_gc(m_L, LUA_GCGEN, 0, 0);
    lua_sethook(m_L, &LuaHost::countHook, LUA_MASKCOUNT, kHookInterval);
}

Status LuaHost::compile(std::string_view chunkName, std::string_view source) {
    const std::string name = "@" + std::string(chunkName);
    if (!source.empty() && source.front() == LUA_SIGNATURE[0]) {
        fail("syntax", "precompiled bytecode is refused; give the script as Lua source text", {});
        m_failure.script = std::string(chunkName);
        return m_failure.toError();
    }
    const int rc = luaL_loadbufferx(m_L, source.data(), source.size(), name.c_str(), "t");
    if (rc == LUA_OK)
        return {};
    std::string msg = lua_tostring(m_L, -1) ? lua_tostring(m_L, -1) : "cannot compile";
    lua_pop(m_L, 1);
    fail(rc == LUA_ERRMEM ? "memory" : "syntax", msg, {});
    if (m_failure.script.empty())
        m_failure.script = std::string(chunkName);
    return m_failure.toError();
}

Status LuaHost::call(int nargs, int nresults, std::string_view rule) {
    const bool outermost = m_depth == 0;
    // Outside a call the rule is empty; only a nested call has one to restore (and only then
    // is a string moved), so a batch of calls reuses m_rule's buffer.
    std::string previousRule;
    if (!outermost)
        previousRule = std::move(m_rule);
    if (outermost) {
        m_deadline = std::chrono::steady_clock::now() + m_limits.timeBudget;
        m_instructions = 0;
        m_stopping = false;
        m_memoryRefused = false;
        m_memorySiteBuf[0] = '\0';
        m_errorLine = 0;
        lua_sethook(m_L, &LuaHost::countHook, LUA_MASKCOUNT, kHookInterval);
    }
    m_rule.assign(rule);
    const int base = lua_gettop(m_L) - nargs;  // the function's slot
    lua_pushcfunction(m_L, messageHandler);
    lua_insert(m_L, base);
    ++m_depth;
    const int rc = lua_pcall(m_L, nargs, nresults, base);
    --m_depth;
    lua_remove(m_L, base);
    Status status;
    if (rc != LUA_OK) {
        std::string text = lua_type(m_L, -1) == LUA_TSTRING ? lua_tostring(m_L, -1) : "";
        lua_pop(m_L, 1);
        std::string traceback;
        if (const auto at = text.find(kTracebackMarker); at != std::string::npos) {
            traceback = text.substr(at + 1);
            text.erase(at);
        }
        if (rc == LUA_ERRMEM ||
            (m_memoryRefused && text.find("not enough memory") != std::string::npos)) {
            fail("memory",
                 std::string(m_memorySiteBuf) + "memory limit of " + mib(m_limits.memoryBytes) +
                     " exceeded",
                 traceback);
        } else if (m_stopping) {
            fail("time", text, traceback);
        } else {
            fail("runtime", text.empty() ? "error in error handling" : text, traceback);
        }
        status = m_failure.toError();
    }
    if (outermost)
        m_rule.clear();
    else
        m_rule = std::move(previousRule);
    if (outermost) {
        ++m_generation;  // proxies handed to this callback expire now
        m_hostCalls = 0;
        m_stopping = false;
        lua_sethook(m_L, &LuaHost::countHook, LUA_MASKCOUNT, kHookInterval);
    }
    return status;
}

void LuaHost::noteErrorSite(const char* script, int line) noexcept {
    std::snprintf(m_errorScript, sizeof m_errorScript, "%s", script);
    m_errorLine = line;
}

void LuaHost::fail(std::string kind, std::string message, std::string traceback) {
    m_failure = ScriptFailure{};
    m_failure.kind = std::move(kind);
    m_failure.rule = m_rule;
    m_failure.traceback = std::move(traceback);
    std::string chunk;
    std::string rest;
    int line = 0;
    if (splitPosition(message, chunk, line, rest)) {
        m_failure.script = chunk;
        m_failure.line = line;
        m_failure.message = rest;
    } else {
        m_failure.message = std::move(message);
        m_failure.script = m_errorLine > 0 ? std::string(m_errorScript) : m_package;
        m_failure.line = m_errorLine;
    }
}

std::string LuaHost::takeOutput() {
    std::string out = std::move(m_output);
    m_output.clear();
    m_outputTruncated = false;
    return out;
}

void LuaHost::appendOutput(std::string_view text) {
    if (m_outputTruncated)
        return;
    if (m_output.size() + text.size() > m_limits.maxOutputBytes) {
        m_output += "\n[output truncated]\n";
        m_outputTruncated = true;
        return;
    }
    m_output += text;
}

Result<ModuleText> LuaHost::resolve(std::string_view module) const {
    if (!m_resolver)
        return makeError("rules.require", "require is not available in this script package");
    return m_resolver(module);
}

}  // namespace kk::rules
