#pragma once
// The controller actions of the player, with suggested bindings per interaction profile,
// mapped onto InputActions:
//   select (trigger)               -> select, with the aim pose for pointing
//   play/pause (a / x, trackpad click) -> togglePlay
//   thumbstick or trackpad x       -> shuttle (scrub speed), dead zone 0.2
//   thumbstick or trackpad y, pushed past 0.6 -> one frame step forward / back per push
//   b / y buttons                  -> step forward / back
//   menu                           -> menu; thumbstick click (vive: squeeze) -> recenter
// The action set is made on the instance and attached to one session; the aim spaces
// belong to the session. Move-only through unique_ptr (owns handles).
#include <memory>
#include <string>
#include <vector>

#include "instance.h"
#include "xr/input_actions.h"
#include "xr_handle.h"

namespace ps::xr::openxr {

// Interaction profiles with suggested bindings, as the path's last two parts.
std::vector<std::string> knownInteractionProfiles();

class Controls {
 public:
  // profiles: which of knownInteractionProfiles() to suggest; empty suggests them all.
  Controls(const Instance& instance, const std::vector<std::string>& profiles);
  Controls(const Controls&) = delete;
  Controls& operator=(const Controls&) = delete;
  ~Controls();

  void attach(XrSession session);
  // xrSyncActions (only while focused: the runtime gives input to one app) and the state,
  // with edges since the previous call; the aim pose located in appSpace at `time`.
  InputActions read(XrSession session, XrSpace appSpace, XrTime time, bool focused);
  // A short tick on both hands (a frame step).
  void tick(XrSession session);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::xr::openxr
