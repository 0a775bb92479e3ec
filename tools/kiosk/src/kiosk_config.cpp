#include "kiosk/kiosk_config.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace ps::kiosk {

namespace {

using nlohmann::json;

struct Reader {
  std::string where;
  std::optional<Error> error;

  void fail(const std::string& pointer, const std::string& what, const std::string& hint = "") {
    if (!error) error = Error{where + "#" + pointer, what, hint};
  }

  std::optional<double> seconds(const json& v, const std::string& pointer, bool zeroAllowed) {
    if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
        (!zeroAllowed && v.get<double>() == 0)) {
      fail(pointer, zeroAllowed ? "must be a number of seconds >= 0" : "must be a number of seconds > 0");
      return std::nullopt;
    }
    return v.get<double>();
  }

  template <typename T, typename Parse>
  std::optional<T> word(const json& v, const std::string& pointer, const char* allowed, Parse parse) {
    if (v.is_string())
      if (auto r = parse(v.get<std::string>())) return r;
    fail(pointer, "must be one of " + std::string(allowed));
    return std::nullopt;
  }
};

std::optional<AtEnd> parseAtEnd(const std::string& s) {
  if (s == "stop") return AtEnd::Stop;
  if (s == "loop") return AtEnd::Loop;
  if (s == "attract") return AtEnd::Attract;
  return std::nullopt;
}

std::optional<Button> parseButton(const std::string& s) {
  if (s == "trigger") return Button::Trigger;
  if (s == "primary") return Button::Primary;
  if (s == "secondary") return Button::Secondary;
  if (s == "menu") return Button::Menu;
  if (s == "thumbstick") return Button::Thumbstick;
  return std::nullopt;
}

void readAttract(Reader& r, const json& a, AttractSegment& out) {
  if (!a.is_object()) return r.fail("/attract", "must be an object with \"in\" and \"out\" (shot seconds)");
  for (const auto& [key, value] : a.items()) {
    if (key == "in") {
      if (auto s = r.seconds(value, "/attract/in", true)) out.inSeconds = *s;
    } else if (key == "out") {
      if (auto s = r.seconds(value, "/attract/out", false)) out.outSeconds = *s;
    } else if (key == "shot") {
      r.fail("/attract/shot", "a separate attract shot is not supported yet",
             "give a segment of the programme's shot with \"in\" and \"out\"");
    } else {
      r.fail("/attract/" + key, "unknown field", "known: in, out");
    }
  }
  if (out.outSeconds && *out.outSeconds <= out.inSeconds)
    r.fail("/attract/out", "must be after \"in\"");
}

}  // namespace

bool KioskConfig::allows(Button b) const { return std::find(buttons.begin(), buttons.end(), b) != buttons.end(); }

Result<KioskConfig> parseKioskConfig(const std::string& text, const std::string& where) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return Error{where, std::string("not valid JSON: ") + e.what(), ""};
  }
  if (!doc.is_object()) return Error{where, "must be a JSON object", ""};
  KioskConfig c;
  Reader r{where, std::nullopt};
  for (const auto& [key, value] : doc.items()) {
    const std::string p = "/" + key;
    if (key == "attract") {
      readAttract(r, value, c.attract);
    } else if (key == "visit_timeout_s") {
      if (auto s = r.seconds(value, p, false)) c.visitTimeoutSeconds = *s;
    } else if (key == "presence") {
      if (auto s = r.word<PresenceSource>(value, p, "auto, user_presence, visibility, head_motion",
                                          [](const std::string& w) { return parsePresenceSource(w); }))
        c.presence = *s;
    } else if (key == "buttons") {
      if (!value.is_array()) {
        r.fail(p, "must be a list of buttons: trigger, primary, secondary, menu, thumbstick");
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i)
        if (auto b = r.word<Button>(value[i], p + "/" + std::to_string(i),
                                    "trigger, primary, secondary, menu, thumbstick", parseButton))
          if (!c.allows(*b)) c.buttons.push_back(*b);
    } else if (key == "captions") {
      if (auto s = r.word<bool>(value, p, "head_locked, world", [](const std::string& w) -> std::optional<bool> {
            if (w == "head_locked") return true;
            if (w == "world") return false;
            return std::nullopt;
          }))
        c.headLockedCaptions = *s;
    } else if (key == "volume_limit") {
      if (!value.is_number() || !(value.get<double>() >= 0 && value.get<double>() <= 1))
        r.fail(p, "must be a linear gain from 0 to 1");
      else
        c.volumeLimit = value.get<float>();
    } else if (key == "at_end") {
      if (auto s = r.word<AtEnd>(value, p, "stop, loop, attract", parseAtEnd)) c.atEnd = *s;
    } else if (key == "fade_s") {
      if (auto s = r.seconds(value, p, true)) c.fadeSeconds = *s;
    } else {
      r.fail(p, "unknown field",
             "known: attract, visit_timeout_s, presence, buttons, captions, volume_limit, at_end, fade_s");
    }
  }
  if (r.error) return *r.error;
  return c;
}

Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{file.string(), "cannot open the kiosk config", ""};
  std::ostringstream text;
  text << in.rdbuf();
  return parseKioskConfig(text.str(), file.string());
}

std::vector<player::ControlBinding> allowedControls(const KioskConfig& config) {
  std::vector<player::ControlBinding> out;
  for (const player::ControlBinding& b : player::kControlBindings) {
    const bool allowed = (b.control == player::Control::Trigger && config.allows(Button::Trigger)) ||
                         (b.control == player::Control::Primary && config.allows(Button::Primary)) ||
                         (b.control == player::Control::Secondary && config.allows(Button::Secondary)) ||
                         (b.control == player::Control::Menu && config.allows(Button::Menu));
    if (allowed) out.push_back(b);
  }
  return out;
}

player::StickRules allowedStick(const KioskConfig& config) {
  if (config.allows(Button::Thumbstick)) return {};
  // |x| and |y| never exceed 1: the stick asks for nothing.
  return player::StickRules{2.0f, 2.0f, 2.0f};
}

}  // namespace ps::kiosk
