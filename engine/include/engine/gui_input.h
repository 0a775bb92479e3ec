#pragma once
// What the user did to an interactive Dear ImGui panel since its last frame (the marker
// editor's fields): the pointer in target pixels, its button, characters typed and the
// editing keys pressed. Plain data: a window fills it from its events, ImGuiPass feeds it to
// its context before the frame is built.
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

namespace ps::engine {

enum class GuiKey { Backspace, Delete, Enter, Tab, Left, Right, Up, Down, Home, End, Escape, A, C, V, X, Y, Z, S, E, B };

struct GuiKeyPress {
  GuiKey key = GuiKey::Enter;
  bool ctrl = false;
  bool shift = false;
  friend bool operator==(const GuiKeyPress&, const GuiKeyPress&) = default;
};

struct GuiInput {
  std::optional<glm::vec2> pointer;  // target pixels; empty: outside
  bool pointerDown = false;          // the left button, now
  bool pointerPressed = false;       // it went down since the last frame (a click within one frame counts)
  float wheel = 0;                   // notches scrolled over a panel, positive away from the user
  std::u32string text;               // characters typed, in order
  std::vector<GuiKeyPress> keys;     // editing keys pressed, in order
  bool ctrl = false, shift = false;  // held now
};

}  // namespace ps::engine
