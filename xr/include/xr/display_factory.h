#pragma once
// Which display to play on. `auto`: the headset when an OpenXR runtime is configured and
// gives an instance, else a window when there is a desktop (DISPLAY / WAYLAND_DISPLAY), else
// offscreen. An explicit choice that cannot be had is an Error, not a silent fallback.
#include <memory>
#include <string_view>

#include "scenes/result.h"
#include "xr/display.h"
#include "xr/offscreen_display.h"
#include "xr/openxr_display.h"
#include "xr/window_display.h"

namespace ps::xr {

enum class DisplayKind { Auto, OpenXr, Window, Offscreen };

// "auto", "xr", "window", "offscreen"; empty when the text is none of them.
std::optional<DisplayKind> parseDisplayKind(std::string_view text);

// True when the OpenXR loader would find a runtime: XR_RUNTIME_JSON is set, or an
// active_runtime.json lies in $XDG_CONFIG_HOME/openxr/1 (default ~/.config/openxr/1),
// $XDG_CONFIG_DIRS/openxr/1 (default /etc/xdg/openxr/1) or /etc/openxr/1.
bool openXrRuntimeConfigured();
// True when a desktop session is reachable (DISPLAY or WAYLAND_DISPLAY set).
bool desktopAvailable();

struct DisplayRequest {
  DisplayKind kind = DisplayKind::Auto;
  OpenXrDisplayOptions openxr;
  OffscreenDisplayOptions offscreen;
  WindowDisplayOptions window;
};

struct ChosenDisplay {
  std::unique_ptr<Display> display;
  OffscreenDisplay* offscreen = nullptr;  // the same object, when the offscreen display was chosen
};

Result<ChosenDisplay> createDisplay(const DisplayRequest& request);

}  // namespace ps::xr
