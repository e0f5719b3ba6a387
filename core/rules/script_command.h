// The logic of `koppelkans-cli script list|test|run|trust|revoke|hash`, callable from the CLI
// (and from tests) without any terminal or process handling.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/rules/lua_host.h"

namespace kk {
class Workspace;
}

namespace kk::rules {

struct ScriptCommandContext {
    Workspace* workspace = nullptr;  ///< the open workspace; may be null for list/test
    std::string bundledDir;          ///< empty: ScriptLibrary::defaultBundledDir()
    std::vector<std::pair<std::string, std::string>> packs;  ///< plugin id -> script folder
    std::string trustFile;                                   ///< empty: TrustStore::defaultPath()
    HostLimits limits;
};

struct CommandResult {
    int exitCode = 0;  ///< 0 ok, 1 failures/findings, 2 usage, 3 script error, 4 not trusted
    std::string out;
    std::string err;
};

/// `args` are the words after `script`, e.g. {"test"} or {"run", "indicators/leverage.lua",
/// "--indicator", "leverage", "--store", "--year", "2025"}. See usage() for every option.
CommandResult runScriptCommand(const std::vector<std::string>& args, ScriptCommandContext& ctx);

/// The help text of the script command.
std::string scriptCommandUsage();

}  // namespace kk::rules
