// Where scripts come from: the bundled library (scripts/), plugin script packs, and the
// workspace's kk_script table (which needs the user's trust). Resolves `require` for them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.h"
#include "core/rules/script_package.h"
#include "core/rules/trust.h"

namespace kk {
class Workspace;
}

namespace kk::rules {

/// One script the library knows.
struct ScriptEntry {
    std::string name;    ///< what to pass to load(): "indicators/leverage.lua", "workspace:x"
    std::string origin;  ///< bundled, plugin:<id>, workspace
    std::string kind;    ///< indicator, check, allocation_strategy, library, example, ...
    std::string sha256;
    bool trusted = true;  ///< bundled and plugin scripts are; workspace scripts when trusted
};

class ScriptLibrary {
  public:
    /// `bundledDir` is the scripts/ folder; `ws` and `trust` may be null.
    ScriptLibrary(std::string bundledDir, Workspace* ws, const TrustStore* trust);

    /// $KK_SCRIPTS_DIR, else the source tree's scripts/ (developer builds), else the
    /// installed share/koppelkans/scripts.
    static std::string defaultBundledDir();
    /// Adds a plugin's script pack folder (searched before the bundled library by require).
    void addPack(std::string pluginId, std::string dir);

    std::vector<ScriptEntry> list() const;
    /// The text of a script by its library name (see ScriptEntry::name). A plain name that is
    /// neither a bundled path nor a pack path is looked up in the workspace.
    Result<ScriptSource> source(std::string_view name) const;
    /// A script file named by the user on the command line (trusted: the user chose it).
    static Result<ScriptSource> fromFile(const std::string& path);
    /// Whether a source may run: workspace scripts need trust of their exact hash.
    Status checkTrusted(const ScriptSource& src) const;
    /// The resolver for require(): packs, then the bundled library, then trusted workspace
    /// scripts named like the module ("kk.money" or "kk/money.lua").
    ModuleResolver resolver() const;
    /// source() + checkTrusted() + ScriptPackage::load().
    Result<std::unique_ptr<ScriptPackage>> load(std::string_view name,
                                                HostLimits limits = {}) const;
    Result<std::unique_ptr<ScriptPackage>> load(const ScriptSource& src,
                                                HostLimits limits = {}) const;

    Workspace* workspace() const { return m_ws; }

  private:
    Result<std::string> readBundled(const std::string& dir, const std::string& rel) const;
    std::string m_bundledDir;
    Workspace* m_ws;
    const TrustStore* m_trust;
    std::vector<std::pair<std::string, std::string>> m_packs;
};

}  // namespace kk::rules
