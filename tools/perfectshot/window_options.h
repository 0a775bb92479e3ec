#pragma once
// The `play` options of the window display: size, the input script a test replays, and where
// its screenshots go (PNG, written atomically). The player loop's command adds them with
// addWindowOptions and turns them into the display's options with windowDisplayOptions. The
// same options shape the headset's mirror window (--mirror), made by mirrorOptions.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "scenes/result.h"
#include "xr/openxr_display.h"
#include "xr/window_display.h"

namespace ps::tools {

struct WindowArgs {
  int width = 1280;
  int height = 720;
  std::string inputScript;  // empty: none
  std::string mirror;       // "left", "right", "none"; empty: left when a desktop is reachable
};

void addWindowOptions(CLI::App& command, WindowArgs& args);

// An Error naming the script's file and line when the script does not parse.
Result<xr::WindowDisplayOptions> windowDisplayOptions(const WindowArgs& args);

// The headset's mirror window, from the window's options (size, script, screenshots); empty
// for none. `headsetNamed`: --display xr was given, so a mirror asked for by name is required
// (no window is then an Error); otherwise a mirror that cannot open is only a warning.
std::optional<xr::OpenXrMirrorOptions> mirrorOptions(const WindowArgs& args, const xr::WindowDisplayOptions& window,
                                                     bool headsetNamed);

}  // namespace ps::tools
