// The workbench's own commands (file, edit, document, project, costs, view, tools, help).
// Each handler calls a view or the workbench; plugins add theirs to the same registry later.
#pragma once

namespace kk::ui {

class Workbench;
class MainFrame;

/// Registers every built-in command. The frame must outlive the registry's use of them.
void registerBuiltinCommands(Workbench& workbench, MainFrame& frame);

}  // namespace kk::ui
