#pragma once
// What a window's user did, as plain data: GLFW's callbacks and an input script produce the
// same events, so scripted input goes through exactly the mapping real input does.
#include <variant>

namespace ps::xr {

// Keys the window reacts to; everything else is ignored.
enum class WindowKey { Space, Left, Right, J, K, L, Home, End, I, O, F, Escape, N };

struct KeyPressed {
  WindowKey key = WindowKey::Space;
  bool shift = false;
};

// Pixel positions in window coordinates: x right, y down, from the top-left corner.
struct MouseButtonChanged {
  bool pressed = false;  // left button; the others are ignored
  double x = 0;
  double y = 0;
};
struct CursorMoved {
  double x = 0;
  double y = 0;
};
struct Scrolled {
  double dy = 0;  // wheel notches, positive away from the user (zoom in)
};

using WindowEvent = std::variant<KeyPressed, MouseButtonChanged, CursorMoved, Scrolled>;

}  // namespace ps::xr
