// Script lookup across the bundled library, plugin packs and the workspace, with trust.
#include "core/rules/script_library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/rules/sha256.h"
#include "core/store/workspace.h"

namespace kk::rules {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxScriptBytes = 1u << 20;

/// A relative path inside a script folder: no absolute paths, no "..", only .lua files.
bool safeRelative(std::string_view rel) {
    if (rel.empty() || rel.front() == '/' || rel.find("..") != std::string_view::npos)
        return false;
    if (rel.size() < 5 || rel.substr(rel.size() - 4) != ".lua")
        return false;
    return rel.find_first_not_of(
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./") ==
           std::string_view::npos;
}

std::string kindOfFolder(const std::string& rel) {
    const auto slash = rel.find('/');
    const std::string top = slash == std::string::npos ? "" : rel.substr(0, slash);
    if (top == "indicators")
        return "indicator";
    if (top == "checks")
        return "check";
    if (top == "allocation")
        return "allocation_strategy";
    if (top == "kk")
        return "library";
    if (top == "examples")
        return "example";
    return "script";
}

std::vector<std::string> luaFiles(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return out;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (!it->is_regular_file() || it->path().extension() != ".lua")
            continue;
        std::string rel = fs::relative(it->path(), dir, ec).generic_string();
        if (rel.rfind("types/", 0) == 0)
            continue;  // annotations for the editor, not scripts
        out.push_back(rel);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

ScriptLibrary::ScriptLibrary(std::string bundledDir, Workspace* ws, const TrustStore* trust)
    : m_bundledDir(std::move(bundledDir)), m_ws(ws), m_trust(trust) {}

std::string ScriptLibrary::defaultBundledDir() {
    if (const char* d = std::getenv("KK_SCRIPTS_DIR"); d && *d)
        return d;
    std::error_code ec;
    if (fs::is_directory(KK_RULES_SOURCE_SCRIPTS, ec))
        return KK_RULES_SOURCE_SCRIPTS;
    return KK_RULES_INSTALLED_SCRIPTS;
}

void ScriptLibrary::addPack(std::string pluginId, std::string dir) {
    m_packs.emplace_back(std::move(pluginId), std::move(dir));
}

Result<std::string> ScriptLibrary::readBundled(const std::string& dir,
                                               const std::string& rel) const {
    const fs::path path = fs::path(dir) / rel;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return makeError("rules.no_script", "no script " + rel, dir);
    if (fs::file_size(path, ec) > kMaxScriptBytes)
        return makeError("rules.script_too_large", "the script is larger than 1 MiB", path.string(),
                         "split it into modules");
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<ScriptSource> ScriptLibrary::fromFile(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return makeError("rules.no_script", "no such script file", path,
                         "give the path of a .lua file or a name from `script list`");
    if (fs::file_size(path, ec) > kMaxScriptBytes)
        return makeError("rules.script_too_large", "the script is larger than 1 MiB", path,
                         "split it into modules");
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return ScriptSource{fs::path(path).filename().string(), "file", text.str()};
}

std::vector<ScriptEntry> ScriptLibrary::list() const {
    std::vector<ScriptEntry> out;
    for (const auto& rel : luaFiles(m_bundledDir)) {
        auto text = readBundled(m_bundledDir, rel);
        out.push_back({rel, "bundled", kindOfFolder(rel), text.ok() ? sha256Hex(*text) : "", true});
    }
    for (const auto& [id, dir] : m_packs)
        for (const auto& rel : luaFiles(dir)) {
            auto text = readBundled(dir, rel);
            out.push_back({"plugin:" + id + "/" + rel, "plugin:" + id, kindOfFolder(rel),
                           text.ok() ? sha256Hex(*text) : "", true});
        }
    if (m_ws) {
        auto st = m_ws->db().prepare("SELECT name, kind, source FROM kk_script ORDER BY name");
        while (st.step()) {
            const std::string hash = sha256Hex(st.getText(2));
            out.push_back({"workspace:" + st.getText(0), "workspace", st.getText(1), hash,
                           m_trust != nullptr && m_trust->isTrusted(hash)});
        }
    }
    return out;
}

Result<ScriptSource> ScriptLibrary::source(std::string_view nameView) const {
    const std::string name(nameView);
    if (name.rfind("plugin:", 0) == 0) {
        const auto slash = name.find('/');
        const std::string id = name.substr(7, slash == std::string::npos ? 0 : slash - 7);
        const std::string rel = slash == std::string::npos ? "" : name.substr(slash + 1);
        for (const auto& [packId, dir] : m_packs)
            if (packId == id && safeRelative(rel)) {
                auto text = readBundled(dir, rel);
                if (!text.ok())
                    return text.error();
                return ScriptSource{name, "plugin:" + id, std::move(*text)};
            }
        return makeError("rules.no_script", "no plugin script " + name, {},
                         "see `koppelkans-cli script list`");
    }
    if (name.rfind("workspace:", 0) != 0 && safeRelative(name)) {
        auto text = readBundled(m_bundledDir, name);
        if (text.ok())
            return ScriptSource{name, "bundled", std::move(*text)};
    }
    const std::string wsName = name.rfind("workspace:", 0) == 0 ? name.substr(10) : name;
    if (m_ws) {
        auto st = m_ws->db().prepare("SELECT source FROM kk_script WHERE name = ?");
        st.bind(1, wsName);
        if (st.step())
            return ScriptSource{"workspace:" + wsName, "workspace", st.getText(0)};
    }
    return makeError("rules.no_script", "no script named '" + name + "'", {},
                     "see `koppelkans-cli script list` for the names");
}

Status ScriptLibrary::checkTrusted(const ScriptSource& src) const {
    if (src.origin != "workspace")
        return {};
    const std::string hash = sha256Hex(src.text);
    if (m_trust != nullptr && m_trust->isTrusted(hash))
        return {};
    return makeError("rules.untrusted",
                     "the workspace script '" + src.name + "' (sha256 " + hash.substr(0, 12) +
                         "…) is not trusted on this computer",
                     src.name,
                     "read the script, then trust it with `koppelkans-cli script trust " +
                         src.name + "` or run with --trust; a changed script needs trust again");
}

ModuleResolver ScriptLibrary::resolver() const {
    return [this](std::string_view module) -> Result<ModuleText> {
        std::string rel(module);
        std::replace(rel.begin(), rel.end(), '.', '/');
        rel += ".lua";
        if (!safeRelative(rel))
            return makeError("rules.require", "'" + std::string(module) + "' is not a module name");
        for (const auto& [id, dir] : m_packs) {
            auto text = readBundled(dir, rel);
            if (text.ok())
                return ModuleText{"plugin:" + id + "/" + rel, std::move(*text)};
        }
        if (auto text = readBundled(m_bundledDir, rel); text.ok())
            return ModuleText{rel, std::move(*text)};
        if (m_ws) {
            auto st = m_ws->db().prepare(
                "SELECT name, source FROM kk_script WHERE name = ? OR name = ? ORDER BY name");
            st.bind(1, std::string(module)).bind(2, rel);
            if (st.step()) {
                ScriptSource src{"workspace:" + st.getText(0), "workspace", st.getText(1)};
                if (auto trusted = checkTrusted(src); !trusted.ok())
                    return trusted.error();
                return ModuleText{src.name, std::move(src.text)};
            }
        }
        return makeError("rules.require",
                         "module '" + std::string(module) +
                             "' not found in the plugin packs, the bundled scripts/ library or "
                             "the workspace scripts",
                         {}, "check the name; modules are looked up as " + rel);
    };
}

Result<std::unique_ptr<ScriptPackage>> ScriptLibrary::load(const ScriptSource& src,
                                                           HostLimits limits) const {
    if (auto st = checkTrusted(src); !st.ok())
        return st.error();
    return ScriptPackage::load(src, m_ws, resolver(), limits);
}

Result<std::unique_ptr<ScriptPackage>> ScriptLibrary::load(std::string_view name,
                                                           HostLimits limits) const {
    auto src = source(name);
    if (!src.ok())
        return src.error();
    return load(*src, limits);
}

}  // namespace kk::rules
