// Reading and checking plugin.json.
#include "core/plugin/manifest.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/base/paths.h"

namespace kk::plugin {
namespace fs = std::filesystem;

bool Manifest::declares(Capability c) const {
    return std::find(capabilities.begin(), capabilities.end(), c) != capabilities.end();
}

Result<JsonSchema> loadManifestSchema() {
    return JsonSchema::load(
        (fs::path(dataDirectory()) / "schemas" / "plugin.v1.schema.json").string());
}

Status checkApiVersion(std::uint32_t major, std::uint32_t minor, const std::string& where) {
    const std::string wanted = std::to_string(major) + "." + std::to_string(minor);
    const std::string host = std::to_string(kApiMajor) + "." + std::to_string(kApiMinor);
    if (major != kApiMajor)
        return makeError(
            "plugin.api_major",
            "the plugin was built for host API " + wanted + " but this host offers " + host +
                " (the major versions differ)",
            where,
            "install a version of the plugin built for API " + std::to_string(kApiMajor) + ".x");
    if (minor > kApiMinor)
        return makeError(
            "plugin.api_minor",
            "the plugin needs host API " + wanted + " but this host offers only " + host, where,
            "update Koppelkans, or install an older version of the plugin");
    return {};
}

namespace {

bool staysInside(const std::string& relative) {
    const fs::path p(relative);
    if (p.is_absolute())
        return false;
    return std::none_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
}

}  // namespace

Result<Manifest> readManifest(const std::string& folderIn, const JsonSchema& schema) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(folderIn), ec);
    const std::string file = (folder / "plugin.json").string();
    std::ifstream in(file);
    if (!in)
        return makeError("plugin.manifest_missing", "the plugin folder has no plugin.json", file,
                         "add a manifest (see docs/plugins.md) or remove the folder");
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        return makeError("plugin.manifest_json",
                         std::string("plugin.json is not valid JSON: ") + e.what(), file,
                         "fix the JSON syntax");
    }
    const auto violations = schema.validate(doc);
    if (!violations.empty()) {
        std::string what = "plugin.json does not follow the manifest schema:";
        for (const auto& v : violations)
            what += " " + v.pointer + " " + v.message + ";";
        what.pop_back();
        return makeError("plugin.manifest_invalid", what, file,
                         "correct the manifest against data/schemas/plugin.v1.schema.json");
    }
    Manifest m;
    m.folder = folder.string();
    m.id = doc["id"].get<std::string>();
    m.name = doc["name"].get<std::string>();
    m.version = doc["version"].get<std::string>();
    const auto api = doc["api_version"].get<std::string>();
    const auto dot = api.find('.');
    m.apiMajor = static_cast<std::uint32_t>(std::stoul(api.substr(0, dot)));
    m.apiMinor = static_cast<std::uint32_t>(std::stoul(api.substr(dot + 1)));
    for (const auto& c : doc["capabilities"])
        m.capabilities.push_back(*capabilityFromName(c.get<std::string>()));
    m.library = doc["library"].get<std::string>();
    m.uiLibrary = doc.value("ui_library", std::string());
    m.description = doc["description"].get<std::string>();
    for (const auto& d : doc.value("data_files", nlohmann::json::array())) {
        DataFileEntry e{d["path"].get<std::string>(), d["description"].get<std::string>(),
                        d["source"].get<std::string>()};
        if (!staysInside(e.path))
            return makeError("plugin.manifest_path",
                             "data file '" + e.path + "' points outside the plugin folder", file,
                             "use a path below the plugin folder, without '..'");
        if (!fs::is_regular_file(folder / e.path))
            return makeError("plugin.data_missing", "the data file '" + e.path + "' is missing",
                             file, "reinstall the plugin or remove the entry");
        m.dataFiles.push_back(std::move(e));
    }
    for (const auto& s : doc.value("script_packs", nlohmann::json::array())) {
        ScriptPackEntry e{s["name"].get<std::string>(), s["path"].get<std::string>(),
                          s.value("description", std::string())};
        if (!staysInside(e.path))
            return makeError("plugin.manifest_path",
                             "script pack '" + e.name + "' points outside the plugin folder", file,
                             "use a path below the plugin folder, without '..'");
        if (!fs::is_directory(folder / e.path))
            return makeError(
                "plugin.scripts_missing",
                "the script folder '" + e.path + "' of pack '" + e.name + "' is missing", file,
                "reinstall the plugin or remove the entry");
        m.scriptPacks.push_back(std::move(e));
    }
    return m;
}

}  // namespace kk::plugin
