#include "xr/window_input_script.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <utility>

#include "scenes/text_file.h"

namespace ps::xr {

namespace {

struct LineParser {
  std::istringstream in;
  std::string where;

  Error error(const std::string& what) const {
    return Error{where, what, "see xr/include/xr/window_input_script.h for the script format"};
  }
  template <typename T>
  Result<T> number(const char* what) {
    T value{};
    if (!(in >> value)) return error(std::string("expected ") + what);
    return value;
  }
  Result<std::pair<double, double>> point() {
    auto x = number<double>("x in pixels");
    if (!x) return x.error();
    auto y = number<double>("y in pixels");
    if (!y) return y.error();
    return std::pair{*x, *y};
  }
};

Result<KeyPressed> parseKey(LineParser& line) {
  std::string name;
  if (!(line.in >> name)) return line.error("expected a key name");
  KeyPressed key;
  if (name.starts_with("shift+")) {
    key.shift = true;
    name.erase(0, 6);
  }
  const std::optional<Key> found = keyNamed(name);
  if (!found) return line.error("unknown key '" + name + "'");
  key.key = *found;
  return key;
}

constexpr std::array<std::pair<std::string_view, engine::GuiKey>, 20> kEditKeys{{
    {"backspace", engine::GuiKey::Backspace}, {"delete", engine::GuiKey::Delete}, {"enter", engine::GuiKey::Enter},
    {"tab", engine::GuiKey::Tab}, {"left", engine::GuiKey::Left}, {"right", engine::GuiKey::Right},
    {"up", engine::GuiKey::Up}, {"down", engine::GuiKey::Down}, {"home", engine::GuiKey::Home},
    {"end", engine::GuiKey::End}, {"escape", engine::GuiKey::Escape}, {"a", engine::GuiKey::A},
    {"c", engine::GuiKey::C}, {"v", engine::GuiKey::V}, {"x", engine::GuiKey::X}, {"y", engine::GuiKey::Y},
    {"z", engine::GuiKey::Z}, {"s", engine::GuiKey::S}, {"e", engine::GuiKey::E}, {"b", engine::GuiKey::B},
}};

// "[ctrl+][shift+]name": what a window's key callback reports for an editing key.
Result<EditKeyPressed> parseEditKey(LineParser& line) {
  std::string name;
  if (!(line.in >> name)) return line.error("expected an editing key such as ctrl+s");
  EditKeyPressed edit;
  for (bool more = true; more;) {
    more = false;
    if (name.starts_with("ctrl+")) edit.press.ctrl = more = true, name.erase(0, 5);
    if (name.starts_with("shift+")) edit.press.shift = more = true, name.erase(0, 6);
  }
  const auto* found = std::find_if(kEditKeys.begin(), kEditKeys.end(), [&](const auto& k) { return k.first == name; });
  if (found == kEditKeys.end()) return line.error("unknown editing key '" + name + "'");
  edit.press.key = found->second;
  return edit;
}

// Appends the steps of one non-empty line.
Status parseLine(LineParser& line, std::vector<ScriptStep>& out) {
  auto tick = line.number<std::uint64_t>("a tick number first");
  if (!tick) return tick.error();
  std::string command;
  if (!(line.in >> command)) return line.error("expected a command after the tick");
  auto add = [&](ScriptAction action) { out.push_back(ScriptStep{*tick, std::move(action)}); };

  if (command == "key") {
    auto key = parseKey(line);
    if (!key) return key.error();
    add(WindowEvent{*key});
  } else if (command == "edit") {
    auto edit = parseEditKey(line);
    if (!edit) return edit.error();
    add(WindowEvent{*edit});
  } else if (command == "type") {
    // The rest of the line after one space, as typed characters (ASCII).
    std::string text;
    std::getline(line.in, text);
    if (!text.empty() && text.front() == ' ') text.erase(0, 1);
    if (text.empty()) return line.error("expected text to type");
    for (unsigned char c : text) add(WindowEvent{CharTyped{static_cast<char32_t>(c)}});
  } else if (command == "press" || command == "release" || command == "move") {
    auto p = line.point();
    if (!p) return p.error();
    if (command == "move")
      add(WindowEvent{CursorMoved{p->first, p->second}});
    else
      add(WindowEvent{MouseButtonChanged{command == "press", p->first, p->second}});
  } else if (command == "drag") {
    auto from = line.point();
    if (!from) return from.error();
    auto to = line.point();
    if (!to) return to.error();
    add(WindowEvent{MouseButtonChanged{true, from->first, from->second}});
    add(WindowEvent{CursorMoved{to->first, to->second}});
    add(WindowEvent{MouseButtonChanged{false, to->first, to->second}});
  } else if (command == "scroll") {
    auto notches = line.number<double>("wheel notches");
    if (!notches) return notches.error();
    add(WindowEvent{Scrolled{*notches}});
  } else if (command == "resize") {
    auto w = line.number<int>("a width");
    if (!w) return w.error();
    auto h = line.number<int>("a height");
    if (!h) return h.error();
    if (*w <= 0 || *h <= 0) return line.error("a window size must be positive");
    add(ResizeWindow{{*w, *h}});
  } else if (command == "minimize") {
    add(MinimizeWindow{});
  } else if (command == "restore") {
    add(RestoreWindow{});
  } else if (command == "screenshot") {
    std::string file;
    if (!(line.in >> file)) return line.error("expected a file name for the screenshot");
    add(TakeScreenshot{file});
  } else if (command == "quit") {
    add(QuitDisplay{});
  } else {
    return line.error("unknown command '" + command + "'");
  }
  std::string extra;
  if (line.in >> extra) return line.error("unexpected '" + extra + "' at the end of the line");
  return ok();
}

}  // namespace

Result<InputScript> InputScript::parse(std::string_view text, const std::string& name) {
  InputScript script;
  std::istringstream lines{std::string(text)};
  std::string raw;
  for (int number = 1; std::getline(lines, raw); ++number) {
    if (const auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
    if (raw.find_first_not_of(" \t\r") == std::string::npos) continue;
    LineParser line{std::istringstream(raw), name + ":" + std::to_string(number)};
    if (auto s = parseLine(line, script.steps_); !s) return s.error();
  }
  std::stable_sort(script.steps_.begin(), script.steps_.end(),
                   [](const ScriptStep& a, const ScriptStep& b) { return a.tick < b.tick; });
  return script;
}

Result<InputScript> InputScript::load(const std::filesystem::path& file) {
  auto text = scenes::readTextFile(file);
  if (!text) return Error{file.string(), "cannot read the input script: " + text.error().what, text.error().hint};
  return parse(text.value(), file.string());
}

std::vector<ScriptAction> InputScript::due(std::uint64_t tick) {
  std::vector<ScriptAction> out;
  while (next_ < steps_.size() && steps_[next_].tick <= tick) out.push_back(steps_[next_++].action);
  return out;
}

}  // namespace ps::xr
