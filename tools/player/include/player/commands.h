#pragma once
// What the user asks the player to do this display frame, whatever the device: made from the
// display's raw input by the input bindings (input_bindings.h), then routed through the app's
// handlers (input_router.h): the timeline, the editor, marker picking, the player's commands.
#include <optional>

#include <glm/vec2.hpp>

#include "engine/gui_input.h"
#include "engine/view.h"

namespace ps::player {

struct Commands {
  // Edges: asked for since the last frame.
  bool togglePlay = false;
  int stepFrames = 0;          // +1 / -1 per press; several presses add up
  double jumpSeconds = 0;      // relative jump
  bool jumpToStart = false;    // to the shot's in point
  bool jumpToEnd = false;      // to its last frame
  bool setLoopIn = false;      // loop region starts at the playhead
  bool setLoopOut = false;     // loop region ends after the playhead's frame
  bool nextMarker = false;     // playhead to the next marker's t_in
  bool toggleFilmFrame = false;  // the film camera's frame on / off
  bool select = false;         // the trigger pressed: play / pause, or what it points at
  int itemStep = 0;            // an episode's next (+1) / previous (-1) item; presses add up
  // The grip pressed: keep what is shown (the tape's measurement; in the marker editor's
  // headset menu, the highlighted entry).
  bool keep = false;
  // The thumbstick pushed past StickRules::stepPush per axis (+1 right / up, -1 left / down),
  // once until it comes back within stepRelease. stepFrames already holds y's push: a handler
  // that takes the stick for itself takes it out of stepFrames and shuttle too.
  int stickPushX = 0;
  int stickPushY = 0;
  // Levels: held now.
  // The thumbstick's x held past StickRules::stepPush since its push (+1 right, -1 left, 0):
  // what a held push repeats on (ui/held_repeat.h).
  int stickHeldX = 0;
  float shuttle = 0;           // -1..1: scrub speed and direction
  bool grabbing = false;       // the trigger held (on the playhead: a live scrub)
  std::optional<engine::View> aim;  // the pointing ray (a controller's aim pose), stage space
  // The window's pointer in the target's pixels, passed on from xr::MouseInput for the panels:
  // held on the UI, where a press on the UI began, a click on the view.
  std::optional<glm::vec2> pointer;
  bool pointerDown = false;
  std::optional<glm::vec2> pointerPressed;
  std::optional<glm::vec2> viewClicked;
  // The pointer, editing keys and text for interactive panels (the marker editor).
  engine::GuiInput gui;
};

}  // namespace ps::player
