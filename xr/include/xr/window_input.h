#pragma once
// Keys and mouse of a window, mapped onto the player's InputActions and a head that looks
// around: the window's one eye.
//
//   left drag     look around: the picture follows the cursor (one pixel = vfov / height
//                 degrees), pitch clamped to +-89 deg, no roll (the horizon stays level)
//   wheel         zoom: vertical fov 30..120 deg, x0.9 per notch
//   space         play / pause          <- / ->        one frame
//   shift+<- / -> one second            J / K / L      shuttle -1 / 0 / +1 (pressing J or L
//   Home / End    jump to start / end                  again does not speed up: kept simple)
//   I / O         loop in / out at the playhead        F  fullscreen        Esc  quit
//   N             next marker           C              film frame on / off
//   left click    (press and release within a few pixels) on the view: viewClicked (a marker)
// Pure: no window, no clock; tests feed it events.
#include <functional>
#include <optional>

#include <glm/vec2.hpp>

#include "engine/view.h"
#include "xr/input_actions.h"
#include "xr/window_events.h"

namespace ps::xr {

// The app's say over the window's raw input, asked as events arrive (inside poll(), on the
// loop's thread): a press where `press` says true belongs to the app's UI (reported as
// pointerDown / pointerPressed; it does not turn the view), and while `keyboard` says true keys
// drive no player action (typed into a field). Empty functions: nothing is the app's.
struct InputClaims {
  std::function<bool(glm::vec2)> press;
  std::function<bool()> keyboard;
};

struct HeadLook {
  float yawDeg = 0;    // v360's yaw: right positive
  float pitchDeg = 0;  // up positive, within +-kMaxPitchDeg
  float vFovDeg = 70;

  static constexpr float kMaxPitchDeg = 89;
  static constexpr float kMinVFovDeg = 30;
  static constexpr float kMaxVFovDeg = 120;

  // The horizontal fov that keeps pixels square in a viewport of that aspect (width / height).
  float hFovDeg(float aspect) const;
  engine::V360Camera camera(float aspect) const;
};

class WindowInput {
 public:
  explicit WindowInput(HeadLook start = {}) : look_(start) {}

  // viewportHeight: the window's height in the same pixels as the events (the drag scale).
  void handle(const WindowEvent& event, int viewportHeight);

  // Presses that start in the bottom `heightPx` pixels belong to the UI (the timeline bar):
  // they are reported as pointerDown / pointerPressed and do not turn the view. 0: none.
  void setUiBand(float heightPx) { uiBand_ = heightPx; }
  // Presses where `press` says true belong to the UI too; while `keyboard` says true, keys are
  // the UI's (typed into a field) and map to no action (InputClaims).
  void setCapture(std::function<bool(glm::vec2)> press, std::function<bool()> keyboard) {
    capturePress_ = std::move(press);
    captureKeyboard_ = std::move(keyboard);
  }

  // Edges since the last call; levels as they are now.
  InputActions takeActions();
  // Fullscreen toggles asked for since the last call (a window's business, not the player's).
  int takeFullscreenToggles();

  const HeadLook& look() const { return look_; }

 private:
  void handleKey(const KeyPressed& key);

  HeadLook look_;
  InputActions pending_;
  int fullscreenToggles_ = 0;
  bool dragging_ = false;
  double lastX_ = 0, lastY_ = 0;
  float uiBand_ = 0;
  static constexpr double kClickSlopPx = 4;
  double dragPixels_ = 0;  // the cursor's path since the view was pressed
  std::function<bool(glm::vec2)> capturePress_;
  std::function<bool()> captureKeyboard_;
  bool buttonDown_ = false;  // the left button, wherever it went down
  bool uiPress_ = false;  // the left button went down on the UI band and is still down
  std::optional<glm::vec2> pointer_;
};

}  // namespace ps::xr
