#include "script.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "math.h"

namespace ps::sim {
namespace {

using nlohmann::json;

XrPosef pose(float x, float y, float z) { return XrPosef{{0.f, 0.f, 0.f, 1.f}, {x, y, z}}; }

// Thrown inside the parser only; turned into a ps::Error with the pointer.
struct ParseError {
  std::string pointer;
  std::string what;
};

const json& need(const json& obj, const char* key, const std::string& ptr) {
  if (!obj.contains(key)) throw ParseError{ptr, std::string("missing \"") + key + "\""};
  return obj.at(key);
}

double number(const json& v, const std::string& ptr) {
  if (!v.is_number()) throw ParseError{ptr, "expected a number"};
  return v.get<double>();
}

bool boolean(const json& v, const std::string& ptr) {
  if (!v.is_boolean()) throw ParseError{ptr, "expected true or false"};
  return v.get<bool>();
}

std::vector<double> numbers(const json& v, std::size_t n, const std::string& ptr) {
  if (!v.is_array() || v.size() != n)
    throw ParseError{ptr, "expected an array of " + std::to_string(n) + " numbers"};
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(number(v[i], ptr + "/" + std::to_string(i)));
  return out;
}

// A keyframe's time: exactly one of "frame" (frame number) or "t" (seconds).
double keyFrame(const json& k, double refreshHz, const std::string& ptr) {
  const bool hasFrame = k.contains("frame");
  const bool hasT = k.contains("t");
  if (hasFrame == hasT) throw ParseError{ptr, "give exactly one of \"frame\" or \"t\""};
  // Rounded to a millionth of a frame so that e.g. t = 0.1 at 90 Hz is exactly frame 9.
  const double f = hasFrame ? number(k["frame"], ptr + "/frame")
                            : std::round(number(k["t"], ptr + "/t") * refreshHz * 1e6) / 1e6;
  if (f < 0) throw ParseError{ptr, "time must not be negative"};
  return f;
}

// "position": [x,y,z] and either "orientation": [x,y,z,w] or yaw/pitch/roll_deg.
XrPosef parsePose(const json& k, const XrPosef& fallback, const std::string& ptr) {
  XrPosef p = fallback;
  if (k.contains("position")) {
    const auto v = numbers(k["position"], 3, ptr + "/position");
    p.position = {static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<float>(v[2])};
  }
  const bool euler = k.contains("yaw_deg") || k.contains("pitch_deg") || k.contains("roll_deg");
  if (k.contains("orientation") && euler)
    throw ParseError{ptr, "give either \"orientation\" or yaw/pitch/roll_deg, not both"};
  if (k.contains("orientation")) {
    const auto v = numbers(k["orientation"], 4, ptr + "/orientation");
    const XrQuaternionf q{static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<float>(v[2]),
                          static_cast<float>(v[3])};
    if (q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w < 1e-6f)
      throw ParseError{ptr + "/orientation", "quaternion must not be zero"};
    p.orientation = normalize(q);
  } else if (euler) {
    auto deg = [&](const char* key) { return k.contains(key) ? number(k[key], ptr + "/" + key) : 0.0; };
    p.orientation = fromYawPitchRollDeg(deg("yaw_deg"), deg("pitch_deg"), deg("roll_deg"));
  }
  return p;
}

template <typename T>
void checkIncreasing(const std::vector<std::pair<double, T>>& keys, double frame, const std::string& ptr) {
  if (!keys.empty() && frame < keys.back().first)
    throw ParseError{ptr, "keyframes must be in increasing time order"};
}

// Per eye: far beyond any headset, small enough that the swapchain sizes derived from it fit.
constexpr std::uint32_t kMaxEyePixels = 16384;

void parseDisplay(const json& d, DisplayConfig& c, const std::string& ptr) {
  if (!d.is_object()) throw ParseError{ptr, "expected an object"};
  auto positive = [&](const char* key, double def) {
    if (!d.contains(key)) return def;
    const double v = number(d[key], ptr + "/" + key);
    if (!(v > 0)) throw ParseError{ptr + "/" + key, "must be positive"};
    return v;
  };
  // Checked before the cast: a double beyond the integer's range does not convert.
  auto pixels = [&](const char* key, std::uint32_t def) {
    const double v = positive(key, def);
    if (v != std::floor(v) || v > kMaxEyePixels)
      throw ParseError{ptr + "/" + key, "must be a whole number of pixels up to " + std::to_string(kMaxEyePixels)};
    return static_cast<std::uint32_t>(v);
  };
  c.width = pixels("width", c.width);
  c.height = pixels("height", c.height);
  c.refreshHz = positive("refresh_hz", c.refreshHz);
  if (d.contains("lockstep")) {
    if (!d["lockstep"].is_boolean()) throw ParseError{ptr + "/lockstep", "expected true or false"};
    c.lockstep = d["lockstep"].get<bool>();
  }
  c.ipdM = static_cast<float>(d.contains("ipd_m") ? number(d["ipd_m"], ptr + "/ipd_m") : c.ipdM);
  if (d.contains("fov_deg")) {
    const double half = number(d["fov_deg"], ptr + "/fov_deg");
    if (!(half > 0 && half < 89)) throw ParseError{ptr + "/fov_deg", "half-angle must be in (0, 89)"};
    c.fovLeftDeg = c.fovDownDeg = static_cast<float>(-half);
    c.fovRightDeg = c.fovUpDeg = static_cast<float>(half);
  }
}

void parseCapture(const json& d, CaptureConfig& c, const std::string& ptr) {
  if (!d.is_object()) throw ParseError{ptr, "expected an object"};
  if (d.contains("dir")) {
    if (!d["dir"].is_string()) throw ParseError{ptr + "/dir", "expected a string"};
    c.dir = d["dir"].get<std::string>();
  }
  if (d.contains("frames")) {
    const json& f = d["frames"];
    if (!f.is_array()) throw ParseError{ptr + "/frames", "expected an array of frame numbers"};
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (!f[i].is_number_unsigned()) throw ParseError{ptr + "/frames/" + std::to_string(i), "expected a frame number"};
      c.frames.push_back(f[i].get<std::uint64_t>());
    }
  }
}

void parseHand(const json& keys, HandTrack& hand, double hz, const std::string& ptr) {
  if (!keys.is_array()) throw ParseError{ptr, "expected an array of keyframes"};
  ControllerState state;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string kp = ptr + "/" + std::to_string(i);
    const json& k = keys[i];
    if (!k.is_object()) throw ParseError{kp, "expected an object"};
    const double frame = keyFrame(k, hz, kp);
    checkIncreasing(hand.states, frame, kp);
    // Fields not given keep their previous value, so a key can change one button.
    for (auto [key, field] : {std::pair{"select", &state.select}, {"menu", &state.menu}, {"a", &state.a},
                              {"b", &state.b}, {"x", &state.x}, {"y", &state.y},
                              {"thumbstick_click", &state.thumbstickClick}})
      if (k.contains(key)) *field = boolean(k[key], kp + "/" + key);
    for (auto [key, field] : {std::pair{"trigger", &state.trigger}, {"squeeze", &state.squeeze}}) {
      if (!k.contains(key)) continue;
      const double v = number(k[key], kp + "/" + key);
      if (v < 0 || v > 1) throw ParseError{kp + "/" + key, "must be in [0, 1]"};
      *field = static_cast<float>(v);
    }
    if (k.contains("thumbstick")) {
      const auto v = numbers(k["thumbstick"], 2, kp + "/thumbstick");
      if (std::abs(v[0]) > 1 || std::abs(v[1]) > 1) throw ParseError{kp + "/thumbstick", "components must be in [-1, 1]"};
      state.thumbstick = {static_cast<float>(v[0]), static_cast<float>(v[1])};
    }
    hand.states.emplace_back(frame, state);
    if (k.contains("aim")) hand.aim.add(frame, parsePose(k["aim"], hand.aim.at(frame), kp + "/aim"));
    if (k.contains("grip")) hand.grip.add(frame, parsePose(k["grip"], hand.grip.at(frame), kp + "/grip"));
  }
}

EventKind parseEventKind(const json& v, const std::string& ptr) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    for (EventKind k : {EventKind::HeadsetOff, EventKind::HeadsetOn, EventKind::UserAbsent, EventKind::UserPresent,
                        EventKind::RuntimeLost, EventKind::ExitRequested})
      if (s == eventName(k)) return k;
  }
  throw ParseError{ptr, "expected one of \"headset_off\", \"headset_on\", \"user_absent\", \"user_present\", "
                        "\"runtime_lost\", \"exit_requested\""};
}

Script parse(const json& root) {
  Script s;
  if (!root.is_object()) throw ParseError{"", "expected a JSON object"};
  if (root.contains("display")) parseDisplay(root["display"], s.display, "/display");
  if (root.contains("capture")) parseCapture(root["capture"], s.capture, "/capture");
  const double hz = s.display.refreshHz;
  if (root.contains("head")) {
    const json& h = root["head"];
    if (!h.is_array()) throw ParseError{"/head", "expected an array of keyframes"};
    for (std::size_t i = 0; i < h.size(); ++i) {
      const std::string kp = "/head/" + std::to_string(i);
      if (!h[i].is_object()) throw ParseError{kp, "expected an object"};
      const double frame = keyFrame(h[i], hz, kp);
      if (i > 0 && frame < keyFrame(h[i - 1], hz, kp)) throw ParseError{kp, "keyframes must be in increasing time order"};
      s.head.add(frame, parsePose(h[i], s.head.at(frame), kp));
    }
  }
  if (root.contains("controllers")) {
    const json& c = root["controllers"];
    if (!c.is_object()) throw ParseError{"/controllers", "expected an object with \"left\" and/or \"right\""};
    for (auto& [key, value] : c.items()) {
      if (key != "left" && key != "right") throw ParseError{"/controllers/" + key, "expected \"left\" or \"right\""};
      parseHand(value, s.hands[key == "left" ? 0 : 1], hz, "/controllers/" + key);
    }
  }
  if (root.contains("events")) {
    const json& e = root["events"];
    if (!e.is_array()) throw ParseError{"/events", "expected an array"};
    for (std::size_t i = 0; i < e.size(); ++i) {
      const std::string kp = "/events/" + std::to_string(i);
      if (!e[i].is_object()) throw ParseError{kp, "expected an object"};
      ScriptEvent event{keyFrame(e[i], hz, kp), parseEventKind(need(e[i], "type", kp), kp + "/type")};
      if (e[i].contains("outage_s")) {
        if (event.kind != EventKind::RuntimeLost) throw ParseError{kp + "/outage_s", "only a runtime_lost event has an outage"};
        event.outageSeconds = number(e[i]["outage_s"], kp + "/outage_s");
        if (!(event.outageSeconds >= 0 && event.outageSeconds <= 3600))
          throw ParseError{kp + "/outage_s", "expected seconds in [0, 3600]"};
      }
      s.events.push_back(event);
    }
    std::stable_sort(s.events.begin(), s.events.end(),
                     [](const ScriptEvent& a, const ScriptEvent& b) { return a.frame < b.frame; });
  }
  return s;
}

}  // namespace

const char* eventName(EventKind kind) {
  switch (kind) {
    case EventKind::HeadsetOff: return "headset_off";
    case EventKind::HeadsetOn: return "headset_on";
    case EventKind::UserAbsent: return "user_absent";
    case EventKind::UserPresent: return "user_present";
    case EventKind::RuntimeLost: return "runtime_lost";
    case EventKind::ExitRequested: return "exit_requested";
  }
  return "?";
}

void PoseTrack::add(double frame, const XrPosef& p) {
  if (!keys_.empty() && frame < keys_.back().first) throw ParseError{"", "keyframes must be in increasing time order"};
  keys_.emplace_back(frame, p);
}

XrPosef PoseTrack::at(double frame) const {
  if (keys_.empty()) return rest_;
  if (frame <= keys_.front().first) return keys_.front().second;
  if (frame >= keys_.back().first) return keys_.back().second;
  const auto next = std::upper_bound(keys_.begin(), keys_.end(), frame,
                                     [](double f, const auto& k) { return f < k.first; });
  const auto prev = next - 1;
  const double span = next->first - prev->first;
  return span <= 0 ? next->second : interpolate(prev->second, next->second, (frame - prev->first) / span);
}

ControllerState HandTrack::at(double frame) const {
  ControllerState s;
  for (const auto& [f, state] : states) {
    if (f > frame) break;
    s = state;
  }
  return s;
}

Script::Script()
    : head(pose(0.f, 1.6f, 0.f)),
      hands{HandTrack{{}, PoseTrack(pose(-0.2f, 1.4f, -0.35f)), PoseTrack(pose(-0.2f, 1.4f, -0.3f))},
            HandTrack{{}, PoseTrack(pose(0.2f, 1.4f, -0.35f)), PoseTrack(pose(0.2f, 1.4f, -0.3f))}} {}

ps::Result<Script> parseScript(const std::string& text, const std::string& where) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {  // a syntax error, or a number too large for a double (out_of_range)
    return ps::Error{where, std::string("not valid JSON: ") + e.what(), "check the script's syntax"};
  }
  try {
    return parse(root);
  } catch (const ParseError& e) {
    return ps::Error{where + "#" + e.pointer, e.what, "see xr/sim/README.md for the script format"};
  }
}

ps::Result<Script> loadScript(const std::string& path) {
  std::ifstream in(path);
  if (!in) return ps::Error{path, "cannot open the simulator script", "check PERFECTSHOT_SIM_SCRIPT"};
  std::stringstream text;
  text << in.rdbuf();
  return parseScript(text.str(), path);
}

}  // namespace ps::sim
