// Builds the wx menu bar, toolbar and accelerator table from a MenuSpec and the registry, and
// refreshes labels (undo/redo carry the name of the step) and enabled states.
#pragma once

#include <vector>

#include <wx/accel.h>
#include <wx/menu.h>
#include <wx/toolbar.h>

#include "ui/commands/command_registry.h"
#include "ui/commands/menu_spec.h"
#include "ui/i18n/catalog.h"

namespace kk::ui {

/// The full menu text of a command: label, its detail, TAB, shortcut.
wxString menuText(const Command& c, const Catalog& catalog);

/// A new menu bar (the caller hands it to the frame, which then owns it). `recentFiles`
/// receives the submenu marked "special": "recent_files", or nullptr.
wxMenuBar* buildMenuBar(const MenuSpec& spec, const CommandRegistry& registry,
                        const Catalog& catalog, wxMenu** recentFiles);

/// Fills an empty toolbar (owned by the frame) with the spec's tools and realises it.
void fillToolBar(wxToolBar& toolbar, const MenuSpec& spec, const CommandRegistry& registry,
                 const Catalog& catalog);

/// Accelerators for commands that have a shortcut but no menu item (menu items carry their own).
std::vector<wxAcceleratorEntry> extraAccelerators(const MenuSpec& spec,
                                                  const CommandRegistry& registry);

/// Sets every command item's label (with its current detail) and enabled state.
void refreshMenuBar(wxMenuBar& bar, const CommandRegistry& registry, const Catalog& catalog);
void refreshToolBar(wxToolBar& toolbar, const CommandRegistry& registry, const Catalog& catalog);

}  // namespace kk::ui
