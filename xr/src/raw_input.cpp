#include "xr/raw_input.h"

#include <algorithm>
#include <utility>

namespace ps::xr {

namespace {

constexpr std::array<std::string_view, kKeyCount> kNames{
    "space", "left", "right", "up", "down", "home", "end", "escape", "enter", "tab", "backspace", "delete",
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
    "v", "w", "x", "y", "z",
};

void addPress(Button& into, const Button& more) { into.pressed = into.pressed || more.pressed; }

}  // namespace

std::string_view keyName(Key key) {
  const auto i = static_cast<std::size_t>(key);
  return i < kNames.size() ? kNames[i] : std::string_view{};
}

std::optional<Key> keyNamed(std::string_view name) {
  const auto* found = std::find(kNames.begin(), kNames.end(), name);
  if (found == kNames.end()) return std::nullopt;
  return static_cast<Key>(found - kNames.begin());
}

void appendEdges(RawInput& into, const RawInput& more) {
  into.keys.insert(into.keys.end(), more.keys.begin(), more.keys.end());
  if (more.mouse.pressedOnUi) into.mouse.pressedOnUi = more.mouse.pressedOnUi;
  if (more.mouse.viewClicked) into.mouse.viewClicked = more.mouse.viewClicked;
  into.mouse.scroll += more.mouse.scroll;
  into.gui.pointerPressed = into.gui.pointerPressed || more.gui.pointerPressed;
  into.gui.wheel += more.gui.wheel;
  into.gui.text += more.gui.text;
  into.gui.keys.insert(into.gui.keys.end(), more.gui.keys.begin(), more.gui.keys.end());
  for (std::size_t h = 0; h < into.hands.size(); ++h) {
    ControllerInput& a = into.hands[h];
    const ControllerInput& b = more.hands[h];
    for (auto [x, y] : {std::pair{&a.trigger, &b.trigger}, std::pair{&a.squeeze, &b.squeeze},
                        std::pair{&a.thumbstickClick, &b.thumbstickClick}, std::pair{&a.menu, &b.menu},
                        std::pair{&a.primary, &b.primary}, std::pair{&a.secondary, &b.secondary}})
      addPress(*x, *y);
  }
}

}  // namespace ps::xr
