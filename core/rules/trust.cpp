// The trust file: JSON {"version":1,"trusted":[{"sha256","name","at"}]}.
#include "core/rules/trust.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/store/workspace.h"

namespace kk::rules {

namespace fs = std::filesystem;

std::string TrustStore::defaultPath() {
    if (const char* d = std::getenv("KK_CONFIG_DIR"); d && *d)
        return (fs::path(d) / "trust.json").string();
    if (const char* d = std::getenv("XDG_CONFIG_HOME"); d && *d)
        return (fs::path(d) / "koppelkans" / "trust.json").string();
    if (const char* h = std::getenv("HOME"); h && *h)
        return (fs::path(h) / ".config" / "koppelkans" / "trust.json").string();
    return "koppelkans-trust.json";
}

Result<TrustStore> TrustStore::load(std::string path) {
    TrustStore store;
    store.m_path = std::move(path);
    std::error_code ec;
    if (!fs::exists(store.m_path, ec))
        return store;
    std::ifstream in(store.m_path, std::ios::binary);
    if (!in)
        return makeError("rules.trust_unreadable", "cannot read the script trust file",
                         store.m_path, "check the file's permissions");
    std::stringstream text;
    text << in.rdbuf();
    try {
        const auto doc = nlohmann::json::parse(text.str());
        for (const auto& e : doc.at("trusted")) {
            TrustEntry entry;
            entry.sha256 = e.at("sha256").get<std::string>();
            entry.name = e.value("name", "");
            entry.at = e.value("at", "");
            store.m_entries.push_back(std::move(entry));
        }
    } catch (const nlohmann::json::exception& ex) {
        return makeError(
            "rules.trust_corrupt", std::string("the script trust file is not valid: ") + ex.what(),
            store.m_path, "remove the file and trust the scripts again (nothing else is in it)");
    }
    return store;
}

bool TrustStore::isTrusted(std::string_view sha256) const {
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [&](const TrustEntry& e) { return e.sha256 == sha256; });
}

Status TrustStore::trust(std::string_view sha256, std::string_view name) {
    if (sha256.size() != 64 ||
        sha256.find_first_not_of("0123456789abcdef") != std::string_view::npos)
        return makeError("rules.trust_bad_hash", "not a lower-case hex SHA-256 digest",
                         std::string(sha256));
    if (isTrusted(sha256))
        return {};
    m_entries.push_back({std::string(sha256), std::string(name), Workspace::nowUtc()});
    return save();
}

Status TrustStore::revoke(std::string_view sha256) {
    const auto before = m_entries.size();
    std::erase_if(m_entries, [&](const TrustEntry& e) { return e.sha256 == sha256; });
    if (before == m_entries.size())
        return {};
    return save();
}

Status TrustStore::save() const {
    nlohmann::json doc;
    doc["version"] = 1;
    doc["trusted"] = nlohmann::json::array();
    for (const auto& e : m_entries)
        doc["trusted"].push_back({{"sha256", e.sha256}, {"name", e.name}, {"at", e.at}});
    std::error_code ec;
    const fs::path target(m_path);
    if (target.has_parent_path())
        fs::create_directories(target.parent_path(), ec);
    const std::string tmp = m_path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << doc.dump(2) << "\n";
        if (!out)
            return makeError("rules.trust_unwritable", "cannot write the script trust file", tmp,
                             "check that the configuration folder is writable");
    }
    fs::rename(tmp, target, ec);
    if (ec)
        return makeError("rules.trust_unwritable",
                         "cannot replace the script trust file: " + ec.message(), m_path);
    return {};
}

}  // namespace kk::rules
