// Parses menus.json with nlohmann/json into MenuSpec and checks it against the registry.
#include "ui/commands/menu_spec.h"

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ui/commands/command_registry.h"

namespace kk::ui {
namespace {

using nlohmann::json;

Error specError(const std::string& where, const std::string& path, const std::string& what) {
    return makeError("ui.menus_invalid", what, where + " at " + path,
                     "see docs/workbench.md, section \"menus.json\", for the format");
}

Result<MenuItemSpec> parseItem(const json& j, const std::string& where, const std::string& path) {
    MenuItemSpec item;
    if (j.is_string()) {
        const auto text = j.get<std::string>();
        if (text == "-") {
            item.kind = MenuItemSpec::Kind::Separator;
        } else {
            item.command = text;
        }
        return item;
    }
    if (!j.is_object() || !j.contains("submenu") || !j["submenu"].is_string())
        return specError(where, path,
                         "a menu entry must be a command id, \"-\" or {\"submenu\": label key}");
    item.kind = MenuItemSpec::Kind::Submenu;
    item.label = j["submenu"].get<std::string>();
    item.special = j.value("special", "");
    if (j.contains("items")) {
        if (!j["items"].is_array())
            return specError(where, path + ".items", "\"items\" must be an array");
        for (std::size_t i = 0; i < j["items"].size(); ++i) {
            auto child =
                parseItem(j["items"][i], where, path + ".items[" + std::to_string(i) + "]");
            if (!child)
                return child.error();
            item.items.push_back(std::move(child).value());
        }
    }
    return item;
}

}  // namespace

Result<MenuSpec> parseMenuSpec(const std::string& jsonText, const std::string& where) {
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::exception& e) {
        return makeError("ui.menus_bad_json", e.what(), where, "fix the JSON syntax of the file");
    }
    MenuSpec spec;
    if (!root.is_object() || !root.contains("menubar") || !root["menubar"].is_array())
        return specError(where, "$", "the file needs a \"menubar\" array");
    for (std::size_t i = 0; i < root["menubar"].size(); ++i) {
        const std::string path = "menubar[" + std::to_string(i) + "]";
        auto menu = parseItem(root["menubar"][i], where, path);
        if (!menu)
            return menu.error();
        if (menu->kind != MenuItemSpec::Kind::Submenu)
            return specError(where, path, "each menu bar entry must be {\"submenu\": ...}");
        spec.menus.push_back(std::move(menu).value());
    }
    if (root.contains("toolbar")) {
        for (std::size_t i = 0; i < root["toolbar"].size(); ++i) {
            const auto& t = root["toolbar"][i];
            ToolSpec tool;
            if (t.is_string() && t.get<std::string>() == "-") {
                tool.separator = true;
            } else if (t.is_object() && t.contains("command") && t["command"].is_string()) {
                tool.command = t["command"].get<std::string>();
                tool.art = t.value("art", "");
            } else {
                return specError(where, "toolbar[" + std::to_string(i) + "]",
                                 "a toolbar entry must be \"-\" or {\"command\": id, \"art\": id}");
            }
            spec.toolbar.push_back(tool);
        }
    }
    if (root.contains("shortcuts")) {
        if (!root["shortcuts"].is_object())
            return specError(where, "shortcuts", "\"shortcuts\" must map command ids to keys");
        for (const auto& [id, key] : root["shortcuts"].items()) {
            if (!key.is_string())
                return specError(where, "shortcuts." + id, "a shortcut must be text like Ctrl+S");
            spec.shortcuts[id] = key.get<std::string>();
        }
    }
    return spec;
}

Result<MenuSpec> loadMenuSpec(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return makeError("ui.menus_missing", "cannot read the menu definition", path,
                         "reinstall Koppelkans or set KK_DATA_DIR to the folder holding ui/");
    std::stringstream text;
    text << in.rdbuf();
    return parseMenuSpec(text.str(), path);
}

void applyMenuSpec(const MenuSpec& spec, CommandRegistry& registry) {
    for (const auto& [id, key] : spec.shortcuts)
        if (Command* c = registry.find(id))
            c->shortcut = key;
    for (const auto& tool : spec.toolbar)
        if (Command* c = registry.find(tool.command); c && !tool.art.empty())
            c->art = tool.art;
}

namespace {
void collect(const std::vector<MenuItemSpec>& items, std::set<std::string>& ids,
             std::vector<std::string>& problems, const CommandRegistry& registry) {
    for (const auto& item : items) {
        if (item.kind == MenuItemSpec::Kind::Command) {
            ids.insert(item.command);
            if (!registry.find(item.command))
                problems.push_back("menus.json names an unknown command '" + item.command + "'");
        } else if (item.kind == MenuItemSpec::Kind::Submenu) {
            collect(item.items, ids, problems, registry);
        }
    }
}
}  // namespace

std::vector<std::string> checkMenuSpec(const MenuSpec& spec, const CommandRegistry& registry) {
    std::vector<std::string> problems;
    std::set<std::string> inMenus;
    for (const auto& menu : spec.menus)
        collect(menu.items, inMenus, problems, registry);
    std::map<std::string, std::string> byKey;
    for (const auto& [id, key] : spec.shortcuts) {
        if (!registry.find(id))
            problems.push_back("menus.json gives a shortcut to an unknown command '" + id + "'");
        auto [it, fresh] = byKey.emplace(key, id);
        if (!fresh)
            problems.push_back("shortcut " + key + " is given to both '" + it->second + "' and '" +
                               id + "'");
    }
    for (const auto& c : registry.all())
        if (!inMenus.count(c->id))
            problems.push_back("command '" + c->id +
                               "' is in no menu (reachable from the command palette only)");
    return problems;
}

}  // namespace kk::ui
