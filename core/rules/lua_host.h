// A sandboxed Lua 5.4 state for one script package (ARCHITECTURE.md decision 6): allowlisted
// libraries, a memory cap, a time budget, `require` through a resolver, protected calls that
// turn every failure into an Error naming script, line and rule.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/error.h"

struct lua_State;
struct lua_Debug;

namespace kk::rules {

/// Resource limits of one package. Every top-level call into Lua gets the full time budget.
struct HostLimits {
    std::size_t memoryBytes = 64u << 20;         ///< cap on everything the state allocates
    std::chrono::milliseconds timeBudget{5000};  ///< per top-level call (compute, test, load)
    std::uint64_t maxInstructions = 0;           ///< per top-level call; 0 = only the time budget
    std::size_t maxOutputBytes = 1u << 20;       ///< captured print() output
};

/// A module's text as found by a ModuleResolver.
struct ModuleText {
    std::string chunkName;  ///< shown in errors, e.g. "kk/money.lua" or "workspace:my_rules"
    std::string source;
};

/// Finds `require("a.b")`. Returns an Error when the module does not exist or is not trusted.
using ModuleResolver = std::function<Result<ModuleText>(std::string_view module)>;

/// What went wrong in a script, in parts (Error::where joins script, line and rule).
struct ScriptFailure {
    std::string kind;  ///< syntax, runtime, memory, time
    std::string script;
    int line = 0;
    std::string rule;
    std::string message;
    std::string traceback;
    Error toError() const;
};

class WorkspaceApi;

/// Owns a lua_State. Not thread-safe: one host is used by one thread at a time.
class LuaHost {
  public:
    LuaHost(std::string packageName, HostLimits limits, ModuleResolver resolver);
    ~LuaHost();
    LuaHost(const LuaHost&) = delete;
    LuaHost& operator=(const LuaHost&) = delete;

    /// Compiles `source` as text (never bytecode) and leaves the function on the stack.
    Status compile(std::string_view chunkName, std::string_view source);
    /// Calls the function below `nargs` arguments in protected mode with a traceback handler,
    /// a fresh time budget and a new proxy generation. On success `nresults` values are left
    /// on the stack; on failure nothing is, and lastFailure() has the details. `rule` names
    /// the rule in errors ("indicator leverage", "test sums").
    Status call(int nargs, int nresults, std::string_view rule);

    lua_State* state() const { return m_L; }
    const std::string& packageName() const { return m_package; }
    const ScriptFailure& lastFailure() const { return m_failure; }
    /// print() output captured since the last takeOutput().
    std::string takeOutput();
    /// Bytes the state holds now.
    std::size_t memoryInUse() const { return m_used; }
    const HostLimits& limits() const { return m_limits; }

    /// The workspace bridge (set by ScriptPackage; may be null for pure scripts).
    void setWorkspaceApi(WorkspaceApi* api) { m_api = api; }
    WorkspaceApi* workspaceApi() const { return m_api; }

    // --- used by the Lua-facing functions in core/rules only ---
    /// Proxies carry the generation they were made in; they are valid while it is current.
    std::uint64_t generation() const { return m_generation; }
    bool inCall() const { return m_depth > 0; }
    void enterHostCall() { ++m_hostCalls; }
    void leaveHostCall() {
        if (m_hostCalls > 0)
            --m_hostCalls;
    }
    bool poisoned() const { return m_poisoned; }
    void appendOutput(std::string_view text);
    const std::string& currentRule() const { return m_rule; }
    Result<ModuleText> resolve(std::string_view module) const;
    /// Called by the message handler: the innermost script line, for errors without position.
    void noteErrorSite(const char* script, int line) noexcept;

  private:
    static void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) noexcept;
    static void countHook(lua_State* L, ::lua_Debug* ar);
    void openSandbox();
    void recordAllocationFailureSite() noexcept;
    void fail(std::string kind, std::string message, std::string traceback);

    std::string m_package;
    HostLimits m_limits;
    ModuleResolver m_resolver;
    lua_State* m_L = nullptr;
    WorkspaceApi* m_api = nullptr;

    std::size_t m_used = 0;
    bool m_memoryRefused = false;
    char m_memorySiteBuf[160] = {};
    char m_errorScript[160] = {};  ///< innermost script frame when the last error was raised
    int m_errorLine = 0;           ///< "script:line: " of the last refused allocation
    bool m_poisoned = false;
    int m_hostCalls = 0;

    int m_depth = 0;
    std::uint64_t m_generation = 1;
    std::string m_rule;
    std::chrono::steady_clock::time_point m_deadline;
    std::uint64_t m_instructions = 0;
    bool m_stopping = false;  ///< budget exhausted: every instruction now raises

    std::string m_output;
    bool m_outputTruncated = false;
    ScriptFailure m_failure;
};

}  // namespace kk::rules
