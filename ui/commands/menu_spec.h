// The parsed form of data/ui/menus.json: which commands appear in which menu, on the toolbar,
// and under which shortcut. Parsing knows nothing of wx widgets (see menu_builder.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/base/error.h"

namespace kk::ui {

class CommandRegistry;

struct MenuItemSpec {
    enum class Kind { Command, Separator, Submenu };
    Kind kind = Kind::Command;
    std::string command;  ///< Command: the command id
    std::string label;    ///< Submenu: catalog key of its label
    std::string special;  ///< Submenu: "recent_files" is filled by wxFileHistory
    std::vector<MenuItemSpec> items;
};

struct ToolSpec {
    bool separator = false;
    std::string command;
    std::string art;  ///< wxArtProvider id, e.g. "wxART_FILE_SAVE"
};

struct MenuSpec {
    std::vector<MenuItemSpec> menus;  ///< the menu bar: one Submenu per top-level menu
    std::vector<ToolSpec> toolbar;
    std::map<std::string, std::string> shortcuts;  ///< command id -> "Ctrl+S"
};

/// Reads menus.json. Errors name the file and the JSON path of the bad element.
Result<MenuSpec> loadMenuSpec(const std::string& path);
Result<MenuSpec> parseMenuSpec(const std::string& jsonText, const std::string& where);

/// Copies shortcuts and toolbar art into the registered commands.
void applyMenuSpec(const MenuSpec& spec, CommandRegistry& registry);

/// Consistency problems, for the log: menu entries naming unknown commands, two commands with
/// one shortcut, commands that appear in no menu (still reachable from the command palette).
std::vector<std::string> checkMenuSpec(const MenuSpec& spec, const CommandRegistry& registry);

}  // namespace kk::ui
