#pragma once
// The simulated headset's script: display settings, capture requests, head and
// controller tracks and session events over time (format in xr/sim/README.md).
// Times are kept as frame numbers (double): frame n is the n-th xrWaitFrame after
// xrBeginSession, counting from 0; "t" seconds in the file become t * refresh_hz.
#include <openxr/openxr.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "scenes/result.h"

namespace ps::sim {

struct DisplayConfig {
  std::uint32_t width = 512;   // recommended per-eye swapchain size
  std::uint32_t height = 512;
  double refreshHz = 90.0;
  bool lockstep = false;  // frames one period apart whatever the clock says (see FramePacer)
  float ipdM = 0.063f;
  float fovLeftDeg = -45.f, fovRightDeg = 45.f, fovUpDeg = 45.f, fovDownDeg = -45.f;
};

struct CaptureConfig {
  std::string dir;                    // empty: no capture
  std::vector<std::uint64_t> frames;  // frame numbers to write
};

// Inputs of one hand, superset of khr/simple_controller and a touch-like controller.
struct ControllerState {
  bool select = false, menu = false;
  bool a = false, b = false, x = false, y = false, thumbstickClick = false;
  float trigger = 0.f, squeeze = 0.f;
  XrVector2f thumbstick{0.f, 0.f};
};

// Keyframes interpolated linearly/slerped; held before the first and after the last.
class PoseTrack {
 public:
  explicit PoseTrack(XrPosef rest) : rest_(rest) {}
  void add(double frame, const XrPosef& pose);  // keys must come in increasing frame order
  XrPosef at(double frame) const;
  bool empty() const { return keys_.empty(); }

 private:
  XrPosef rest_;
  std::vector<std::pair<double, XrPosef>> keys_;
};

struct HandTrack {
  std::vector<std::pair<double, ControllerState>> states;  // each holds until the next
  PoseTrack aim;
  PoseTrack grip;
  ControllerState at(double frame) const;
};

enum class EventKind { HeadsetOff, HeadsetOn, UserAbsent, UserPresent, RuntimeLost, ExitRequested };
const char* eventName(EventKind kind);

struct ScriptEvent {
  double frame = 0;
  EventKind kind = EventKind::HeadsetOff;
  double outageSeconds = 0;  // runtime_lost: new instances fail this long after the loss
};

struct Script {
  DisplayConfig display;
  CaptureConfig capture;
  PoseTrack head;                 // STAGE space: floor origin
  std::array<HandTrack, 2> hands; // 0 left, 1 right
  std::vector<ScriptEvent> events;  // sorted by frame

  Script();
};

// Parses a script; errors name the file and the JSON pointer of the bad field.
ps::Result<Script> parseScript(const std::string& text, const std::string& where);
ps::Result<Script> loadScript(const std::string& path);

}  // namespace ps::sim
