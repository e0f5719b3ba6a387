// Calls a pure function of a plugin's Lua rule module ("wls.composition".evaluate) with a JSON
// argument and returns its answer as JSON. The rule scripts stay plain Lua a user can read,
// change and test (`koppelkans-cli script test plugin:<id>/...`); this is the one bridge the
// plugin's C++ uses to reach them, inside core/rules' sandbox and protected calls.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/base/error.h"

namespace kk {
class Workspace;
}
namespace kk::rules {
class ScriptLibrary;
class ScriptPackage;
}  // namespace kk::rules

namespace kk::plugin {

class RuleModules {
  public:
    /// A sandbox whose `require` finds the plugin's scripts folder first, then the bundled
    /// library. `ws` may be null (rules then get only their argument).
    static Result<std::unique_ptr<RuleModules>> open(const std::string& pluginId,
                                                     const std::string& scriptsFolder,
                                                     Workspace* ws);
    ~RuleModules();
    RuleModules(const RuleModules&) = delete;
    RuleModules& operator=(const RuleModules&) = delete;

    /// require(module)[function](argument). Errors name the script, line and rule.
    Result<nlohmann::json> call(std::string_view module, std::string_view function,
                                const nlohmann::json& argument);

  private:
    RuleModules() = default;
    std::string m_pluginId;
    // The library outlives the package: the package's require resolver points into it.
    std::unique_ptr<rules::ScriptLibrary> m_library;
    std::unique_ptr<rules::ScriptPackage> m_package;
};

}  // namespace kk::plugin
