// Where the program finds its shipped files (data/, scripts/, plugins/) and the user's config.
#pragma once

#include <string>

namespace kk {

/// The data folder (municipalities, code lists, menus): $KK_DATA_DIR, else the installed
/// share/koppelkans/data beside the executable, else the source tree's data/ (developer builds).
std::string dataDirectory();
/// The bundled Lua library: $KK_SCRIPTS_DIR, installed share/koppelkans/scripts, or scripts/.
std::string scriptsDirectory();
/// The user's configuration folder: $KK_CONFIG_DIR, else $XDG_CONFIG_HOME/koppelkans, else
/// ~/.config/koppelkans. Created on demand by callers.
std::string configDirectory();
/// Folder of the running executable.
std::string executableDirectory();

}  // namespace kk
