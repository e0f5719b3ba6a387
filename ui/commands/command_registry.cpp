// The command map and its wx id allocation.
#include "ui/commands/command_registry.h"

#include <algorithm>

#include <wx/defs.h>

namespace kk::ui {
namespace {
// Far above wxID_HIGHEST and below wxID_AUTO_LOWEST's range so no control id collides.
constexpr int kFirstId = wxID_HIGHEST + 1000;
constexpr int kLastId = kFirstId + 999;
}  // namespace

int CommandRegistry::firstWxId() {
    return kFirstId;
}
int CommandRegistry::lastWxId() {
    return kLastId;
}

Command& CommandRegistry::add(Command command) {
    if (Command* existing = find(command.id)) {
        command.wxId = existing->wxId;
        if (command.shortcut.empty())
            command.shortcut = existing->shortcut;
        if (command.art.empty())
            command.art = existing->art;
        *existing = std::move(command);
        return *existing;
    }
    command.wxId = kFirstId + m_nextWxId++;
    m_commands.push_back(std::make_unique<Command>(std::move(command)));
    return *m_commands.back();
}

void CommandRegistry::remove(std::string_view id) {
    m_commands.erase(std::remove_if(m_commands.begin(), m_commands.end(),
                                    [&](const auto& c) { return c->id == id; }),
                     m_commands.end());
}

Command* CommandRegistry::find(std::string_view id) {
    for (auto& c : m_commands)
        if (c->id == id)
            return c.get();
    return nullptr;
}

const Command* CommandRegistry::find(std::string_view id) const {
    for (const auto& c : m_commands)
        if (c->id == id)
            return c.get();
    return nullptr;
}

Command* CommandRegistry::findByWxId(int wxId) {
    for (auto& c : m_commands)
        if (c->wxId == wxId)
            return c.get();
    return nullptr;
}

bool CommandRegistry::isEnabled(std::string_view id) const {
    const Command* c = find(id);
    return c && c->run && (!c->enabled || c->enabled());
}

bool CommandRegistry::execute(std::string_view id) {
    if (!isEnabled(id))
        return false;
    // Copy: the handler may replace or remove commands (language switch rebuilds menus).
    auto run = find(id)->run;
    const std::string name(id);
    run();
    executed.emit(name);
    return true;
}

}  // namespace kk::ui
