#pragma once
// The controllers as generic actions, bound per interaction profile and reported per hand as
// RawInput::hands (what a button means is the app's):
//   trigger (click, or the value past the runtime's threshold) and trigger_value
//   squeeze, thumbstick (x, y; a Vive's trackpad), thumbstick_click
//   primary: A / X (Index: A; Vive: the trackpad click), secondary: B / Y (Touch only)
//   menu: the menu button (Index, which has none: B)
//   aim (pose), haptic (output)
// The display's own: recenter (thumbstick click; Vive: squeeze) re-centres its spaces.
// The action set is made on the instance and attached to one session; the aim spaces
// belong to the session. Move-only through unique_ptr (owns handles).
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "instance.h"
#include "xr/raw_input.h"
#include "xr_handle.h"

namespace ps::xr::openxr {

// Interaction profiles with suggested bindings, as the path's last two parts.
std::vector<std::string> knownInteractionProfiles();

struct ControllerReading {
  std::array<ControllerInput, 2> hands;  // left, right
  bool recenter = false;                 // edge: the display's recentre control
};

class Controls {
 public:
  // profiles: which of knownInteractionProfiles() to suggest; empty suggests them all.
  Controls(const Instance& instance, const std::vector<std::string>& profiles);
  Controls(const Controls&) = delete;
  Controls& operator=(const Controls&) = delete;
  ~Controls();

  void attach(XrSession session);
  // xrSyncActions (only while focused: the runtime gives input to one app) and the state,
  // with edges since the previous call; the aim poses located in appSpace at `time`.
  ControllerReading read(XrSession session, XrSpace appSpace, XrTime time, bool focused);
  // A short tick on both hands.
  void tick(XrSession session);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::xr::openxr
