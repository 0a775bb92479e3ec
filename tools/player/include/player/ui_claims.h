#pragma once
// The app's answers to the window's "is this press / are these keys the UI's?"
// (xr::InputClaims). Made before the display, which asks from its creation on, and filled by
// the player loop with whichever panels it has up (the timeline's band, the editor).
#include <functional>
#include <memory>
#include <utility>

#include <glm/vec2.hpp>

#include "xr/window_input.h"

namespace ps::player {

struct UiClaims {
  std::function<bool(glm::vec2)> press;  // target pixels
  std::function<bool()> keyboard;
};

// Claims for the window that ask `claims` as it is when asked (unset: not the UI's).
inline xr::InputClaims windowClaims(std::shared_ptr<const UiClaims> claims) {
  return xr::InputClaims{[claims](glm::vec2 p) { return claims->press && claims->press(p); },
                         [claims] { return claims->keyboard && claims->keyboard(); }};
}

}  // namespace ps::player
