#pragma once
// A window input script: keyboard, mouse and window events at given ticks, replayed by the
// window display so a test drives it deterministically. A tick is one beginFrame() call
// (a drawn frame, or a pass without one while minimised), counted from 0.
//
// Text, one step per line, '#' starts a comment; steps in any order, same-tick steps in order:
//   <tick> key <name>            a key pressed (and not held): space left right up down home end
//                                escape enter tab backspace delete, a..z; shift+left ... (what a
//                                key does is the app's: README's keys)
//   <tick> press <x> <y>         left button down at window pixel x, y (y down)
//   <tick> move <x> <y>          the cursor moves there (turns the head while pressed)
//   <tick> release <x> <y>       left button up
//   <tick> drag <x0> <y0> <x1> <y1>   press, move, release, all in that tick
//   <tick> scroll <notches>      the wheel; positive zooms in
//   <tick> edit <key>            an editing key for panels: [ctrl+][shift+]backspace delete enter tab
//                                left right up down home end escape a c v x y z s e
//   <tick> type <text>           the rest of the line, typed into the focused field
//   <tick> resize <w> <h>        the window is resized (through the window system)
//   <tick> minimize | restore    iconify / de-iconify the window
//   <tick> screenshot <file.png> read back the next frame drawn at or after this tick
//   <tick> quit                  the display reports quit
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scenes/result.h"
#include "xr/window_events.h"
#include "xr/window_glfw.h"

namespace ps::xr {

struct ResizeWindow {
  WindowSize size;
};
struct MinimizeWindow {};
struct RestoreWindow {};
struct TakeScreenshot {
  std::filesystem::path file;  // as written in the script: relative to the working directory
};
struct QuitDisplay {};

using ScriptAction = std::variant<WindowEvent, ResizeWindow, MinimizeWindow, RestoreWindow, TakeScreenshot, QuitDisplay>;

struct ScriptStep {
  std::uint64_t tick = 0;
  ScriptAction action;
};

class InputScript {
 public:
  // Errors name the file and line ("script.txt:3") and say what was expected.
  static Result<InputScript> parse(std::string_view text, const std::string& name);
  static Result<InputScript> load(const std::filesystem::path& file);

  // The steps due at `tick` that have not been handed out yet, in script order. Ticks are
  // expected in increasing order; a skipped tick's steps come with the next call.
  std::vector<ScriptAction> due(std::uint64_t tick);
  bool finished() const { return next_ >= steps_.size(); }
  const std::vector<ScriptStep>& steps() const { return steps_; }

 private:
  std::vector<ScriptStep> steps_;  // sorted by tick, stable
  std::size_t next_ = 0;
};

}  // namespace ps::xr
