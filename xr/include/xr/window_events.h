#pragma once
// What a window's user did, as plain data: GLFW's callbacks and an input script produce the
// same events, so scripted input goes through exactly the mapping real input does.
#include <variant>

#include "engine/gui_input.h"

namespace ps::xr {

// Keys the window reacts to; everything else is ignored.
enum class WindowKey { Space, Left, Right, J, K, L, Home, End, I, O, F, Escape, N, C };

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

// For interactive panels (the marker editor): a character typed, an editing key pressed.
struct CharTyped {
  char32_t codepoint = 0;
};
struct EditKeyPressed {
  engine::GuiKeyPress press;
};

using WindowEvent = std::variant<KeyPressed, MouseButtonChanged, CursorMoved, Scrolled, CharTyped, EditKeyPressed>;

}  // namespace ps::xr
