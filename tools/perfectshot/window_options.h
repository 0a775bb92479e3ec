#pragma once
// The `play` options of the window display: size, the input script a test replays, and where
// its screenshots go (PNG, written atomically). The player loop's command adds them with
// addWindowOptions and turns them into the display's options with windowDisplayOptions.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "scenes/result.h"
#include "xr/window_display.h"

namespace ps::tools {

struct WindowArgs {
  int width = 1280;
  int height = 720;
  std::string inputScript;  // empty: none
};

void addWindowOptions(CLI::App& command, WindowArgs& args);

// An Error naming the script's file and line when the script does not parse.
Result<xr::WindowDisplayOptions> windowDisplayOptions(const WindowArgs& args);

}  // namespace ps::tools
