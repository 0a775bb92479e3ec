#include "xr/display_factory.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace ps::xr {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

std::vector<std::filesystem::path> runtimeFolders() {
  std::vector<std::filesystem::path> folders;
  const std::string configHome = env("XDG_CONFIG_HOME");
  if (!configHome.empty())
    folders.emplace_back(configHome);
  else if (const std::string home = env("HOME"); !home.empty())
    folders.push_back(std::filesystem::path(home) / ".config");
  std::string dirs = env("XDG_CONFIG_DIRS");
  if (dirs.empty()) dirs = "/etc/xdg";
  std::stringstream split(dirs);
  for (std::string dir; std::getline(split, dir, ':');)
    if (!dir.empty()) folders.emplace_back(dir);
  folders.emplace_back("/etc");
  return folders;
}

ChosenDisplay chosen(std::unique_ptr<Display> display, OffscreenDisplay* offscreen = nullptr) {
  return ChosenDisplay{std::move(display), offscreen};
}

Result<ChosenDisplay> offscreen(const DisplayRequest& request) {
  auto d = OffscreenDisplay::create(request.offscreen);
  if (!d) return d.error();
  OffscreenDisplay* raw = d->get();
  return chosen(std::move(*d), raw);
}

}  // namespace

std::optional<DisplayKind> parseDisplayKind(std::string_view text) {
  if (text == "auto") return DisplayKind::Auto;
  if (text == "xr") return DisplayKind::OpenXr;
  if (text == "window") return DisplayKind::Window;
  if (text == "offscreen") return DisplayKind::Offscreen;
  return std::nullopt;
}

bool openXrRuntimeConfigured() {
  if (!env("XR_RUNTIME_JSON").empty()) return true;
  std::error_code ec;
  for (const auto& folder : runtimeFolders())
    if (std::filesystem::exists(folder / "openxr" / "1" / "active_runtime.json", ec)) return true;
  return false;
}

bool desktopAvailable() { return !env("DISPLAY").empty() || !env("WAYLAND_DISPLAY").empty(); }

Result<ChosenDisplay> createDisplay(const DisplayRequest& request) {
  switch (request.kind) {
    case DisplayKind::OpenXr: {
      auto d = OpenXrDisplay::create(request.openxr);
      if (!d) return d.error();
      return chosen(std::move(*d));
    }
    case DisplayKind::Window: {
      auto d = WindowDisplay::create(request.window);
      if (!d) return d.error();
      return chosen(std::move(*d));
    }
    case DisplayKind::Offscreen:
      return offscreen(request);
    case DisplayKind::Auto:
      break;
  }
  if (openXrRuntimeConfigured()) {
    auto d = OpenXrDisplay::create(request.openxr);
    if (d) return chosen(std::move(*d));
    spdlog::info("display: no headset ({}); trying the next display", d.error().message());
  }
  if (desktopAvailable()) {
    auto d = WindowDisplay::create(request.window);
    if (d) return chosen(std::move(*d));
    spdlog::info("display: no window ({}); trying the next display", d.error().message());
  }
  spdlog::info("display: playing offscreen");
  return offscreen(request);
}

}  // namespace ps::xr
