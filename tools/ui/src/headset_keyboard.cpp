#include "ui/headset_keyboard.h"

#include <cctype>

namespace ps::ui {

namespace {

std::vector<KeyboardKey> makeKeys() {
  std::vector<KeyboardKey> keys;
  const auto row = [&](std::string_view chars, float x, float y) {
    for (const char c : chars) {
      keys.push_back({KeyKind::Character, c, x, y, 1});
      x += 1;
    }
  };
  row("1234567890", 0, 0);
  row("qwertyuiop", 0, 1);
  row("asdfghjkl", 0.5f, 2);
  keys.push_back({KeyKind::Shift, 0, 0, 3, 1.5f});
  row("zxcvbnm", 1.5f, 3);
  keys.push_back({KeyKind::Backspace, 0, 8.5f, 3, 1.5f});
  keys.push_back({KeyKind::Cancel, 0, 0, 4, 2.5f});
  keys.push_back({KeyKind::Space, 0, 2.5f, 4, 5});
  keys.push_back({KeyKind::Done, 0, 7.5f, 4, 2.5f});
  return keys;
}

}  // namespace

const std::vector<KeyboardKey>& keyboardKeys() {
  static const std::vector<KeyboardKey> keys = makeKeys();
  return keys;
}

std::optional<std::size_t> keyAt(glm::vec2 p) {
  const std::vector<KeyboardKey>& keys = keyboardKeys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const KeyboardKey& k = keys[i];
    if (p.x >= k.x && p.x < k.x + k.width && p.y >= k.y && p.y < k.y + 1) return i;
  }
  return std::nullopt;
}

std::string keyLabel(const KeyboardKey& key, bool shift) {
  switch (key.kind) {
    case KeyKind::Character:
      return std::string(1, shift ? static_cast<char>(std::toupper(static_cast<unsigned char>(key.character)))
                                  : key.character);
    case KeyKind::Space: return "Space";
    case KeyKind::Backspace: return "Back";
    case KeyKind::Shift: return "Shift";
    case KeyKind::Done: return "Done";
    case KeyKind::Cancel: return "Cancel";
  }
  return {};
}

TitleTyping::Outcome TitleTyping::press(const KeyboardKey& key) {
  switch (key.kind) {
    case KeyKind::Character:
      if (full()) return Outcome::Typing;
      text_ += keyLabel(key, shift_);
      if (std::isalpha(static_cast<unsigned char>(key.character))) shift_ = false;
      return Outcome::Typing;
    case KeyKind::Space:
      if (!full()) text_ += ' ';
      return Outcome::Typing;
    case KeyKind::Backspace:
      if (!text_.empty()) text_.pop_back();  // ASCII only: one byte is one character
      if (text_.empty()) shift_ = true;
      return Outcome::Typing;
    case KeyKind::Shift:
      shift_ = !shift_;
      return Outcome::Typing;
    case KeyKind::Done:
      return title().empty() ? Outcome::Typing : Outcome::Done;
    case KeyKind::Cancel:
      return Outcome::Cancelled;
  }
  return Outcome::Typing;
}

std::string TitleTyping::title() const {
  const std::size_t first = text_.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text_.substr(first, text_.find_last_not_of(' ') - first + 1);
}

}  // namespace ps::ui
