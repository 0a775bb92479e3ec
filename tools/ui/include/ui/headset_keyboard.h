#pragma once
// The headset's keyboard for a marker's title, as plain logic: its keys and where they lie (in
// key units, so the card scales them to any headset), which key a point is on, and the title
// being typed (shift, backspace, the length limit, done and cancel). Drawing and the ray's hit
// test are headset_keyboard_geometry.h's.
//
// It types what every shot.json reader and the card's font take as they are: ASCII letters,
// digits and spaces (the format takes any JSON string as a title; the font has Latin-1 only, and
// a title longer than kMaxTypedTitle no longer fits a marker's card).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec2.hpp>

namespace ps::ui {

inline constexpr std::size_t kMaxTypedTitle = 40;  // characters

enum class KeyKind : unsigned char { Character, Space, Backspace, Shift, Done, Cancel };

struct KeyboardKey {
  KeyKind kind = KeyKind::Character;
  char character = 0;  // Character: its lower case letter or digit
  // Key units: its left and top edges (x right, y down from the keyboard's top-left), one unit
  // tall, `width` wide.
  float x = 0, y = 0, width = 1;
};

// The keys, row by row: digits; q..p; a..l; shift, z..m, backspace; cancel, space, done.
const std::vector<KeyboardKey>& keyboardKeys();
inline constexpr float kKeyboardWidth = 10, kKeyboardRows = 5;  // key units

// The index of the key at `p` (key units); empty off the keys.
std::optional<std::size_t> keyAt(glm::vec2 p);

// What a key shows: its character (upper case with shift), or its name.
std::string keyLabel(const KeyboardKey& key, bool shift);

class TitleTyping {
 public:
  enum class Outcome { Typing, Done, Cancelled };

  // Starts empty, with shift on: a title starts with a capital.
  TitleTyping() = default;

  // One key pressed. A character past the limit, backspace on nothing and done on a title of
  // spaces only change nothing (Typing). Done: title() is what to set.
  Outcome press(const KeyboardKey& key);

  const std::string& text() const { return text_; }  // as typed, spaces included
  bool shift() const { return shift_; }
  bool full() const { return text_.size() >= kMaxTypedTitle; }
  // The text without its leading and trailing spaces: the title Done sets.
  std::string title() const;

 private:
  std::string text_;
  bool shift_ = true;  // for the next letter only
};

}  // namespace ps::ui
