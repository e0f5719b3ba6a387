// The bbc plugin's registration with the host (commands, reports, importers, exporters,
// validator, reference data, script pack, tables) and a direct entry for tests.
#pragma once

#include <string>
#include <vector>

#include "core/plugin/plugin_host.h"

namespace kk::bbc {

/// The plugin's table migrations (migrations/*.sql), namespace "bbc".
const std::vector<Migration>& migrations();

/// Registers everything with the host; `host.context().folder` is the plugin folder.
Status registerBbc(plugin::PluginHost& host);

/// The commands for a plugin installed in `pluginFolder` (plugin.json, data/, scripts/).
std::vector<plugin::Command> makeCommands(const std::string& pluginFolder);

/// Runs one of makeCommands() by name: what `koppelkans-cli plugin bbc NAME WS ARGS` does.
Result<plugin::CommandOutput> runCommand(const std::string& pluginFolder, const std::string& name,
                                         const std::vector<std::string>& args, Workspace& ws);

}  // namespace kk::bbc
