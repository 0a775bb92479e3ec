#pragma once
// The session lifecycle as data: what a state change asks of the one function that
// owns the session (OpenXrDisplay's event pump). No OpenXR calls here, so the rules
// are testable without a runtime:
//   READY -> xrBeginSession; STOPPING -> xrEndSession; FOCUSED <-> anything else
//   -> shown changes (playback resumes / pauses); LOSS_PENDING -> tear down and
//   reconnect; EXITING -> quit. onEvent takes xrPollEvent's buffer as it comes, so a test
//   feeds it a made-up event stream (tests/xr/session_state_test.cpp).
#include <optional>

#include "xr_platform.h"

namespace ps::xr::openxr {

struct SessionStep {
  bool begin = false;            // call xrBeginSession
  bool end = false;              // call xrEndSession
  std::optional<bool> shown;     // the user started / stopped seeing and driving the player
  bool lost = false;             // tear down and reconnect
  bool exit = false;             // the runtime is done with us: destroy and quit
};

class SessionStateMachine {
 public:
  // One event from xrPollEvent: session state changes and instance loss act; anything else
  // (events lost, interaction profile changed, ...) gives an empty step.
  SessionStep onEvent(const XrEventDataBuffer& event);
  SessionStep onStateChanged(XrSessionState next);
  // The instance is going away (XrEventDataInstanceLossPending): same as LOSS_PENDING.
  SessionStep onInstanceLoss();

  XrSessionState state() const { return state_; }
  // Between xrBeginSession and xrEndSession: frames must be waited, begun and ended.
  bool running() const { return running_; }
  bool shown() const { return shown_; }

 private:
  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool running_ = false;
  bool shown_ = false;
};

}  // namespace ps::xr::openxr
