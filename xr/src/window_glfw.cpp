#include "xr/window_glfw.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace ps::xr {

namespace {

// GLFW's own state is process-wide; this count is its only mirror here.
std::mutex gLibraryMutex;
int gLibraryUsers = 0;

void logGlfwError(int code, const char* text) { spdlog::warn("[glfw] {} (0x{:x})", text, code); }

}  // namespace

Result<GlfwLibrary> GlfwLibrary::acquire() {
  std::lock_guard lock(gLibraryMutex);
  if (gLibraryUsers == 0) {
    glfwSetErrorCallback(&logGlfwError);
    if (glfwInit() != GLFW_TRUE) {
      return Error{"window", "cannot open a window: GLFW found no display",
                   "set DISPLAY (X11) or WAYLAND_DISPLAY, or use --display offscreen"};
    }
  }
  ++gLibraryUsers;
  GlfwLibrary library;
  library.held_ = true;
  return library;
}

GlfwLibrary::GlfwLibrary(GlfwLibrary&& other) noexcept : held_(std::exchange(other.held_, false)) {}

GlfwLibrary& GlfwLibrary::operator=(GlfwLibrary&& other) noexcept {
  if (this != &other) {
    GlfwLibrary old(std::move(*this));
    held_ = std::exchange(other.held_, false);
  }
  return *this;
}

GlfwLibrary::~GlfwLibrary() {
  if (!held_) return;
  std::lock_guard lock(gLibraryMutex);
  if (--gLibraryUsers == 0) glfwTerminate();
}

std::vector<std::string> GlfwLibrary::requiredInstanceExtensions() const {
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  std::vector<std::string> out;
  for (std::uint32_t i = 0; names != nullptr && i < count; ++i) out.emplace_back(names[i]);
  return out;
}

std::optional<Key> keyOf(int glfwKey) {
  if (glfwKey >= GLFW_KEY_A && glfwKey <= GLFW_KEY_Z)
    return static_cast<Key>(static_cast<int>(Key::A) + (glfwKey - GLFW_KEY_A));
  switch (glfwKey) {
    case GLFW_KEY_SPACE: return Key::Space;
    case GLFW_KEY_LEFT: return Key::Left;
    case GLFW_KEY_RIGHT: return Key::Right;
    case GLFW_KEY_UP: return Key::Up;
    case GLFW_KEY_DOWN: return Key::Down;
    case GLFW_KEY_HOME: return Key::Home;
    case GLFW_KEY_END: return Key::End;
    case GLFW_KEY_ESCAPE: return Key::Escape;
    case GLFW_KEY_ENTER: case GLFW_KEY_KP_ENTER: return Key::Enter;
    case GLFW_KEY_TAB: return Key::Tab;
    case GLFW_KEY_BACKSPACE: return Key::Backspace;
    case GLFW_KEY_DELETE: return Key::Delete;
    default: return std::nullopt;
  }
}

std::optional<engine::GuiKey> guiKeyOf(int glfwKey) {
  using K = engine::GuiKey;
  switch (glfwKey) {
    case GLFW_KEY_BACKSPACE: return K::Backspace;
    case GLFW_KEY_DELETE: return K::Delete;
    case GLFW_KEY_ENTER: case GLFW_KEY_KP_ENTER: return K::Enter;
    case GLFW_KEY_TAB: return K::Tab;
    case GLFW_KEY_LEFT: return K::Left;
    case GLFW_KEY_RIGHT: return K::Right;
    case GLFW_KEY_UP: return K::Up;
    case GLFW_KEY_DOWN: return K::Down;
    case GLFW_KEY_HOME: return K::Home;
    case GLFW_KEY_END: return K::End;
    case GLFW_KEY_ESCAPE: return K::Escape;
    case GLFW_KEY_A: return K::A;
    case GLFW_KEY_C: return K::C;
    case GLFW_KEY_V: return K::V;
    case GLFW_KEY_X: return K::X;
    case GLFW_KEY_Y: return K::Y;
    case GLFW_KEY_Z: return K::Z;
    case GLFW_KEY_S: return K::S;
    case GLFW_KEY_E: return K::E;
    case GLFW_KEY_B: return K::B;
    default: return std::nullopt;
  }
}

void GlfwWindowDeleter::operator()(GLFWwindow* window) const { glfwDestroyWindow(window); }

Result<GlfwWindowPtr> createVulkanWindow(const GlfwLibrary& /*library*/, WindowSize size, const std::string& title) {
  if (glfwVulkanSupported() != GLFW_TRUE)
    return Error{"window", "GLFW found no Vulkan loader", "install libvulkan1 and a Vulkan driver"};
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(size.width, size.height, title.c_str(), nullptr, nullptr);
  if (window == nullptr) return Error{"window", "GLFW could not create a window", "is the display reachable?"};
  return GlfwWindowPtr(window);
}

}  // namespace ps::xr
