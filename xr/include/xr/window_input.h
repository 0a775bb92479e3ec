#pragma once
// Keys and mouse of a window, reported as RawInput (what each key does is the app's), and a
// head that looks around: the window's one eye. The window's own controls:
//
//   left drag     look around: the picture follows the cursor (one pixel = vfov / height
//                 degrees), pitch clamped to +-89 deg, no roll (the horizon stays level)
//   wheel         zoom: vertical fov 30..120 deg, x0.9 per notch (over a panel: scrolls it)
//   F             fullscreen (the display's; Esc closes it, see WindowDisplay)
//   left click    (press and release within a few pixels) on the view: mouse.viewClicked
// Every key is reported as pressed (and held), F and Esc too.
// Pure: no window, no clock; tests feed it events.
#include <functional>
#include <optional>

#include <glm/vec2.hpp>

#include "engine/view.h"
#include "xr/raw_input.h"
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
  // they are reported as mouse.uiDown / mouse.pressedOnUi and do not turn the view. 0: none.
  void setUiBand(float heightPx) { uiBand_ = heightPx; }
  // Presses where `press` says true belong to the UI too; while `keyboard` says true, keys are
  // the UI's (typed into a field) and are not reported as keys (InputClaims).
  void setCapture(std::function<bool(glm::vec2)> press, std::function<bool()> keyboard) {
    capturePress_ = std::move(press);
    captureKeyboard_ = std::move(keyboard);
  }

  // Edges since the last call; levels as they are now.
  RawInput take();
  // Fullscreen toggles asked for since the last call (F: the window's business, not the app's).
  int takeFullscreenToggles();

  const HeadLook& look() const { return look_; }

 private:
  HeadLook look_;
  RawInput pending_;
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
