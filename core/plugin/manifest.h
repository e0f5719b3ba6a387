// plugin.json: the manifest every plugin folder carries, checked against
// data/schemas/plugin.v1.schema.json before any library is loaded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/plugin/json_schema.h"
#include "core/plugin/plugin_host.h"

namespace kk::plugin {

struct DataFileEntry {
    std::string path;  ///< relative to the plugin folder
    std::string description;
    std::string source;
};

struct ScriptPackEntry {
    std::string name;
    std::string path;
    std::string description;
};

struct Manifest {
    std::string id;
    std::string name;
    std::string version;
    std::uint32_t apiMajor = 0;
    std::uint32_t apiMinor = 0;
    std::vector<Capability> capabilities;
    std::string library;
    std::string uiLibrary;  ///< empty when the plugin has no GUI part
    std::string description;
    std::vector<DataFileEntry> dataFiles;
    std::vector<ScriptPackEntry> scriptPacks;
    std::string folder;  ///< absolute folder of the plugin.json read

    bool declares(Capability c) const;
};

/// The manifest schema shipped in dataDirectory()/schemas/plugin.v1.schema.json.
Result<JsonSchema> loadManifestSchema();

/// Reads `folder`/plugin.json and checks it against the schema: every violation is listed in
/// the error (code "plugin.manifest_invalid", where = the file). Also refuses paths that
/// leave the plugin folder and data files or script folders that do not exist.
Result<Manifest> readManifest(const std::string& folder, const JsonSchema& schema);

/// Whether a plugin built against `major.minor` may load into this host (kApiMajor.kApiMinor).
/// The error says which versions differ and what to do.
Status checkApiVersion(std::uint32_t major, std::uint32_t minor, const std::string& where);

}  // namespace kk::plugin
