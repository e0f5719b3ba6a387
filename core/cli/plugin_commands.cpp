// `koppelkans-cli plugins` (what was loaded or refused, and why) and
// `koppelkans-cli plugin ID COMMAND WORKSPACE [ARGS]` (run a plugin's command).
#include <nlohmann/json.hpp>

#include <ostream>

#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/plugin/plugin_manager.h"

namespace kk::cli {
namespace {

nlohmann::json recordJson(const plugin::PluginRecord& r) {
    nlohmann::json j{{"id", r.id},
                     {"name", r.name},
                     {"version", r.version},
                     {"api_version", r.apiVersion},
                     {"folder", r.folder},
                     {"state", r.state == plugin::PluginState::Loaded ? "loaded" : "refused"}};
    if (!r.uiLibrary.empty())
        j["ui_library"] = r.uiLibrary;
    j["capabilities"] = nlohmann::json::array();
    for (auto c : r.capabilities)
        j["capabilities"].push_back(std::string(plugin::capabilityName(c)));
    if (r.state == plugin::PluginState::Refused)
        j["reason"] = {{"code", r.reason.code},
                       {"what", r.reason.what},
                       {"where", r.reason.where},
                       {"hint", r.reason.hint}};
    return j;
}

}  // namespace

int cmdPlugins(const std::vector<std::string>& args, Context& ctx) {
    plugin::PluginManager manager;
    manager.loadFrom(plugin::PluginManager::defaultSearchPaths());
    if (ctx.json) {
        nlohmann::json out{{"ok", true}, {"plugins", nlohmann::json::array()}};
        for (const auto& r : manager.plugins())
            out["plugins"].push_back(recordJson(r));
        ctx.out << out.dump(2) << "\n";
        return 0;
    }
    if (manager.plugins().empty()) {
        ctx.out << "no plugins found in:";
        for (const auto& p : plugin::PluginManager::defaultSearchPaths())
            ctx.out << " " << p;
        ctx.out << "\n";
        return 0;
    }
    for (const auto& r : manager.plugins()) {
        if (r.state == plugin::PluginState::Loaded) {
            ctx.out << "loaded   " << r.id << " " << r.version << " (API " << r.apiVersion << ")  "
                    << r.folder << (r.uiLibrary.empty() ? "" : "  [has a GUI part]") << "\n";
            for (const auto& c : manager.registry().commands)
                if (c.pluginId == r.id)
                    ctx.out << "         plugin " << r.id << " " << c.item.name << " WORKSPACE "
                            << c.item.synopsis << "\n";
        } else {
            ctx.out << "refused  " << r.id << "  " << r.reason.message() << "\n";
        }
    }
    return 0;
}

int cmdPlugin(const std::vector<std::string>& args, Context& ctx) {
    const std::string synopsis = "plugin ID COMMAND WORKSPACE [ARGS]";
    if (args.empty())
        return usage(ctx, synopsis);
    plugin::PluginManager manager;
    manager.loadFrom(plugin::PluginManager::defaultSearchPaths());
    auto record = manager.loaded(args[0]);
    if (!record)
        return fail(ctx, record.error());
    if (args.size() < 2) {
        ctx.out << record.value()->name << " " << record.value()->version << "\n";
        for (const auto& c : manager.registry().commands)
            if (c.pluginId == args[0])
                ctx.out << "  " << c.item.name << " WORKSPACE " << c.item.synopsis << "\n      "
                        << c.item.description << "\n";
        return 0;
    }
    const plugin::Command* command = manager.findCommand(args[0], args[1]);
    if (!command)
        return fail(
            ctx,
            makeError("plugin.unknown_command",
                      "the plugin '" + args[0] + "' has no command '" + args[1] + "'", args[0],
                      "run 'koppelkans-cli plugin " + args[0] + "' to list its commands"),
            2);
    if (args.size() < 3)
        return usage(ctx, "plugin " + args[0] + " " + args[1] + " WORKSPACE " + command->synopsis);
    int code = 0;
    auto ws = openOrFail(ctx, args[2], code, false);
    if (!ws)
        return code;
    if (!ctx.user.empty())
        ws->setUser(ctx.user);
    if (auto st = manager.prepareWorkspace(*ws, args[0]); !st)
        return fail(ctx, st.error());
    auto out = command->run(std::vector<std::string>(args.begin() + 3, args.end()), *ws);
    if (!out)
        return fail(ctx, out.error());
    if (ctx.json) {
        nlohmann::json j = out.value().json;
        j["ok"] = true;
        ctx.out << j.dump(2) << "\n";
    } else if (!out.value().text.empty()) {
        ctx.out << out.value().text;
        if (out.value().text.back() != '\n')
            ctx.out << "\n";
    }
    return 0;
}

}  // namespace kk::cli
