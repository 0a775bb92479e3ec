#pragma once
// GLFW, owned: the library (glfwInit is process-wide, so it is reference-counted here and
// nowhere else) and one window made for Vulkan (no OpenGL context).
// Thread: GLFW wants the main thread for everything; so does every object here.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/gui_input.h"
#include "scenes/result.h"
#include "xr/window_events.h"

struct GLFWwindow;

namespace ps::xr {

// Holds GLFW initialised while any GlfwLibrary lives. Move-only.
class GlfwLibrary {
 public:
  // An Error (with what to do) when there is no display to open windows on.
  static Result<GlfwLibrary> acquire();
  GlfwLibrary(GlfwLibrary&& other) noexcept;
  GlfwLibrary& operator=(GlfwLibrary&& other) noexcept;
  GlfwLibrary(const GlfwLibrary&) = delete;
  GlfwLibrary& operator=(const GlfwLibrary&) = delete;
  ~GlfwLibrary();

  // The instance extensions a Vulkan surface for a GLFW window needs (VK_KHR_surface and the
  // platform's); empty when GLFW found no Vulkan loader.
  std::vector<std::string> requiredInstanceExtensions() const;

 private:
  GlfwLibrary() = default;
  bool held_ = false;
};

struct GlfwWindowDeleter {
  void operator()(GLFWwindow* window) const;
};
using GlfwWindowPtr = std::unique_ptr<GLFWwindow, GlfwWindowDeleter>;

struct WindowSize {
  int width = 0;
  int height = 0;
  bool empty() const { return width <= 0 || height <= 0; }
};

// The reported key for a GLFW key code (GLFW_KEY_*); empty for keys not reported.
std::optional<Key> keyOf(int glfwKey);
// The editing key a GLFW key is for interactive panels, if any.
std::optional<engine::GuiKey> guiKeyOf(int glfwKey);

// A resizable window without a client API, for a Vulkan surface. Keep the GlfwLibrary alive
// longer than the window.
Result<GlfwWindowPtr> createVulkanWindow(const GlfwLibrary& library, WindowSize size, const std::string& title);

}  // namespace ps::xr
