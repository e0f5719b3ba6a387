// The record editors' document types (fund, coalition, a project's indicators) and the
// commands that open them and work on their grids' rows.
#pragma once

namespace kk::ui {

class Workbench;
class MainFrame;

/// Registers the "fund", "coalition" and "indicators" document types with the frame's document
/// area (so the navigator opens funds and coalitions by double-click or Enter) and the commands
/// fund.open, coalition.open, indicators.open, rows.add and rows.delete.
void registerEditorCommands(Workbench& wb, MainFrame& frame);

}  // namespace kk::ui
