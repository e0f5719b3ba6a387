// Helpers for driving the real workbench under Xvfb: a seeded temporary workspace, event
// pumping, keyboard shortcuts through wxUIActionSimulator, and screenshots.
#pragma once

#include <functional>
#include <string>

#include "core/store/workspace.h"

namespace kk::ui {
class MainFrame;
}

namespace kk::ui::test {

/// A fresh folder under the build tree's test-output/ui/tmp (removed first if present).
std::string freshTempDir(const std::string& name);

/// Creates a workspace with 2 programmes, 2 funds (F-STV-PROJ 50 %, F-WLS-GEB 30 % capped at
/// € 25.000), 2 actors, a government without NIS code, a coalition without a continuity plan
/// and 3 projects (P0001 with cost items, P0002, P0003 without).
void seedWorkspace(const std::string& path);

/// Processes pending events for about `ms` milliseconds.
void pump(int ms = 100);
/// Pumps until `done()` or the timeout; returns done().
bool pumpUntil(const std::function<bool()>& done, int timeoutMs = 3000);

/// Presses a shortcut such as "Ctrl+Shift+N" with the action simulator.
void pressShortcut(const std::string& shortcut);
/// Types text with the action simulator into the focused window.
void typeText(const std::string& text);
void pressKey(int keyCode);

/// Writes a PNG of the whole X screen to ${KK_BINARY_DIR}/test-output/ui/<name>.png.
std::string screenshot(const std::string& name);

}  // namespace kk::ui::test
