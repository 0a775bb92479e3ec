#pragma once
// What the user did with the devices since the last input() call, in the devices' own terms:
// keys, the mouse, controller buttons and sticks. No meaning is given to any of it here: the
// app maps it to what it asks for (tools/player's input bindings). A display fills the parts
// it has (DisplayCapabilities); the rest stays empty. What a display does with its input
// itself (the window's mouse-look and fullscreen key, its Esc that closes it, the headset's
// recentre) is not reported as something else.
#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <glm/vec2.hpp>

#include "engine/gui_input.h"
#include "engine/view.h"

namespace ps::xr {

// The keys a window reports; others are not reported.
enum class Key : std::uint8_t {
  Space, Left, Right, Up, Down, Home, End, Escape, Enter, Tab, Backspace, Delete,
  A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z,
  Count
};
inline constexpr std::size_t kKeyCount = static_cast<std::size_t>(Key::Count);

// Lower-case names, as input scripts and key tables write them: "space", "left", "a".
std::string_view keyName(Key key);
std::optional<Key> keyNamed(std::string_view name);

struct KeyPress {
  Key key = Key::Space;
  bool shift = false;
  bool ctrl = false;
  friend bool operator==(const KeyPress&, const KeyPress&) = default;
};

// A window's mouse, in the target's pixels (x right, y down), the left button only.
struct MouseInput {
  std::optional<glm::vec2> pointer;  // the cursor now; empty: outside or none
  // Level: the button is held and its press began on the app's UI (InputClaims): such a press
  // does not turn the view.
  bool uiDown = false;
  // Edge: where a press on the UI began since the last call (a click can begin and end within
  // one frame; the level alone would miss it).
  std::optional<glm::vec2> pressedOnUi;
  // Edge: a click on the view (pressed and released with no drag), where it was released.
  std::optional<glm::vec2> viewClicked;
  float scroll = 0;  // wheel notches since the last call, positive away from the user
};

struct Button {
  bool held = false;     // level: down now
  bool pressed = false;  // edge: went down since the last call
};

enum class Hand : std::uint8_t { Left, Right };

// One hand's controller, whatever the device: the runtime's bindings per interaction profile
// decide which physical input is which (a Vive's trackpad is its thumbstick). Inputs the
// controller does not have stay released and centred.
struct ControllerInput {
  Button trigger, squeeze, thumbstickClick, menu;
  Button primary, secondary;  // A / B on the right hand, X / Y on the left
  float triggerValue = 0;     // 0..1
  glm::vec2 thumbstick{0.0f};  // -1..1, x right, y up
  std::optional<engine::View> aim;  // the pointing pose, stage space; empty: not tracked
};

struct RawInput {
  std::vector<KeyPress> keys;      // pressed since the last call, in order (a key's repeats too)
  std::bitset<kKeyCount> held;     // down now, by static_cast<std::size_t>(Key)
  MouseInput mouse;
  engine::GuiInput gui;            // the pointer, editing keys and text for interactive panels
  std::array<ControllerInput, 2> hands;  // by static_cast<std::size_t>(Hand)

  ControllerInput& hand(Hand h) { return hands[static_cast<std::size_t>(h)]; }
  const ControllerInput& hand(Hand h) const { return hands[static_cast<std::size_t>(h)]; }
  bool isHeld(Key k) const { return held.test(static_cast<std::size_t>(k)); }
};

// Adds `more`'s edges to `into` (two sources, or two polls of one): keys, typed text and
// editing keys appended, button presses and scroll added, the later click wins. Levels are
// the caller's to choose.
void appendEdges(RawInput& into, const RawInput& more);

}  // namespace ps::xr
