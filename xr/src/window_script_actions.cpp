#include "window_script_actions.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace ps::xr {

WindowSize framebufferSizeOf(GLFWwindow* window) {
  WindowSize size;
  glfwGetFramebufferSize(window, &size.width, &size.height);
  return size;
}

bool isMinimised(GLFWwindow* window, const ScriptedWindowState& state) {
  return state.minimised || glfwGetWindowAttrib(window, GLFW_ICONIFIED) == GLFW_TRUE ||
         framebufferSizeOf(window).empty();
}

bool applyWindowAction(GLFWwindow* window, ScriptAction& action, ScriptedWindowState& state, bool canScreenshot,
                       std::string_view who) {
  if (const auto* resize = std::get_if<ResizeWindow>(&action)) {
    glfwSetWindowSize(window, resize->size.width, resize->size.height);
  } else if (std::holds_alternative<MinimizeWindow>(action)) {
    glfwIconifyWindow(window);
    state.minimised = true;
  } else if (std::holds_alternative<RestoreWindow>(action)) {
    glfwRestoreWindow(window);
    state.minimised = false;
  } else if (auto* shot = std::get_if<TakeScreenshot>(&action)) {
    if (!canScreenshot)
      throw std::logic_error(std::string(who) + ": the input script takes a screenshot but nobody receives it");
    state.screenshot = std::move(shot->file);
  } else {
    return false;
  }
  return true;
}

}  // namespace ps::xr
