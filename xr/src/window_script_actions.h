#pragma once
// What an input script does to a GLFW window itself, the same for the player's window and the
// headset's mirror: a resize through the window system, minimise and restore (remembered,
// since a window system without a manager, Xvfb, ignores the request), and a screenshot of
// the next frame shown. Window events and quit are each window's own business.
#include <filesystem>
#include <optional>
#include <string_view>

#include "xr/window_glfw.h"
#include "xr/window_input_script.h"

struct GLFWwindow;

namespace ps::xr {

struct ScriptedWindowState {
  bool minimised = false;                           // by the script
  std::optional<std::filesystem::path> screenshot;  // to take from the next frame shown
};

// The window's drawable size in pixels (0 x 0 while iconified on most window systems).
WindowSize framebufferSizeOf(GLFWwindow* window);
// Nothing to draw into: iconified, by the window system or by the script, or of zero size.
bool isMinimised(GLFWwindow* window, const ScriptedWindowState& state);

// Applies `action` when it is one of the above and returns true; false for the others.
// canScreenshot: someone receives screenshots (else a screenshot step is a logic_error naming `who`).
bool applyWindowAction(GLFWwindow* window, ScriptAction& action, ScriptedWindowState& state, bool canScreenshot,
                       std::string_view who);

}  // namespace ps::xr
