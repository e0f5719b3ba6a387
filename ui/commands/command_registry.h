// CommandRegistry: the named commands that are the only bridge from the UI to the core
// (ARCHITECTURE.md decision 4). Menus, the toolbar, shortcuts and the command palette all
// refer to commands by id; data/ui/menus.json says where each one appears.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <wx/string.h>

#include "core/base/signal.h"

namespace kk::ui {

/// One user action, e.g. "document.save".
struct Command {
    std::string id;        ///< dotted name, stable: menus.json and tests refer to it
    std::string labelKey;  ///< catalog key of the menu label ("cmd.document.save")
    std::function<void()> run;
    /// Whether the command can run now; absent means always.
    std::function<bool()> enabled;
    /// Extra text appended to the label, e.g. the undo step's name; may return empty.
    std::function<wxString()> detail;
    /// Filled from menus.json ("Ctrl+S"); empty when the command has no shortcut.
    std::string shortcut;
    /// wxArtProvider id for the toolbar ("wxART_FILE_SAVE"), from menus.json.
    std::string art;
    int wxId = 0;  ///< assigned by the registry, in [firstWxId(), lastWxId()]
};

class CommandRegistry {
  public:
    /// Adds a command and gives it a wx id. Replaces a command with the same id (so a plugin
    /// or a test can override a built-in one) while keeping its wx id.
    Command& add(Command command);
    /// Removes a command (plugins that unload); menus keep working and show it disabled.
    void remove(std::string_view id);

    Command* find(std::string_view id);
    const Command* find(std::string_view id) const;
    Command* findByWxId(int wxId);
    const std::vector<std::unique_ptr<Command>>& all() const { return m_commands; }

    bool isEnabled(std::string_view id) const;
    /// Runs the command when it exists and is enabled; returns whether it ran.
    bool execute(std::string_view id);

    /// Every command's wx id lies in this range, so the frame binds one handler for all.
    static int firstWxId();
    static int lastWxId();

    /// Emitted after a command ran, with its id (the log, tests and later macro recording).
    Signal<const std::string&> executed;

  private:
    std::vector<std::unique_ptr<Command>> m_commands;
    int m_nextWxId = 0;
};

}  // namespace kk::ui
