#pragma once
// What the user asked the player to do, whatever the device: controller actions
// (OpenXR), keys and mouse (window), or a script (offscreen). Each display maps its
// own input onto these.
#include <optional>

#include <glm/vec2.hpp>

#include "engine/gui_input.h"
#include "engine/view.h"

namespace ps::xr {

struct InputActions {
  // Edges: happened since the last input() call.
  bool togglePlay = false;
  int stepFrames = 0;          // +1 / -1 per press; several presses add up
  double jumpSeconds = 0;      // relative jump (window: shift+arrow = ±1 s)
  bool jumpToStart = false;    // to the shot's in point (window: Home)
  bool jumpToEnd = false;      // to its last frame (window: End)
  bool setLoopIn = false;      // loop region starts at the playhead (window: I)
  bool setLoopOut = false;     // loop region ends after the playhead's frame (window: O)
  bool nextMarker = false;     // playhead to the next marker's t_in (window: N)
  bool recenter = false;
  bool menu = false;
  bool toggleFilmFrame = false;  // the film camera's frame on / off (window: C; headset: menu)
  bool select = false;         // trigger / click pressed
  bool quit = false;           // Esc in a window
  // Levels: held now.
  float shuttle = 0;           // -1..1: scrub speed and direction (thumbstick / trackpad x, J/K/L)
  bool grabbing = false;       // trigger held on the playhead: live scrub
  std::optional<engine::View> aim;  // pointing ray (controller aim pose), stage space
  // The window's cursor, in the target's pixels (x right, y down), and the left button.
  // A press that starts on the app's UI (WindowDisplayOptions::claims) does not turn the view.
  std::optional<glm::vec2> pointer;
  bool pointerDown = false;
  // Edge: where a press on the UI started since the last call (a click can begin and end
  // within one frame; the level alone would miss it).
  std::optional<glm::vec2> pointerPressed;
  // Edge: a click on the view (window: pressed and released with no drag), target pixels.
  std::optional<glm::vec2> viewClicked;
  // The window's pointer, editing keys and text for interactive panels (the marker editor).
  engine::GuiInput gui;
};

// Adds `more`'s edges to `into` (presses since the last call from two sources, or two polls
// of one): toggles cancel in pairs, steps and jumps add up, the rest is either's. Levels
// (shuttle, grabbing, aim, pointer) are the caller's to choose.
void addEdges(InputActions& into, const InputActions& more);

}  // namespace ps::xr
