#pragma once
// What a window's user did, as plain data: GLFW's callbacks and an input script produce the
// same events, so scripted input goes through exactly the mapping real input does.
#include <variant>

#include "engine/gui_input.h"
#include "xr/raw_input.h"

namespace ps::xr {

// A key went down (or repeats while held); KeyReleased: it came up. An input script's key is a
// press alone (a tap within one tick).
struct KeyPressed {
  Key key = Key::Space;
  bool shift = false;
  bool ctrl = false;
};
struct KeyReleased {
  Key key = Key::Space;
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

// For interactive panels (text fields): a character typed, an editing key pressed.
struct CharTyped {
  char32_t codepoint = 0;
};
struct EditKeyPressed {
  engine::GuiKeyPress press;
};

using WindowEvent =
    std::variant<KeyPressed, KeyReleased, MouseButtonChanged, CursorMoved, Scrolled, CharTyped, EditKeyPressed>;

}  // namespace ps::xr
