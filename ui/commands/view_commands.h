// Commands of the analysis views (allocation, map, report, Lua scripts) and of the API server.
#pragma once

namespace kk::ui {

class Workbench;
class MainFrame;

void registerViewCommands(Workbench& workbench, MainFrame& frame);

}  // namespace kk::ui
