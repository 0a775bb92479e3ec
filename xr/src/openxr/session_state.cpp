#include "session_state.h"

namespace ps::xr::openxr {

SessionStep SessionStateMachine::onStateChanged(XrSessionState next) {
  SessionStep step;
  state_ = next;
  // Paused unless FOCUSED: VISIBLE without focus means a system menu or another app has
  // the user's input, and a film should not run on behind it.
  const bool shown = next == XR_SESSION_STATE_FOCUSED;
  if (shown != shown_) {
    shown_ = shown;
    step.shown = shown;
  }
  switch (next) {
    case XR_SESSION_STATE_READY:
      if (!running_) {
        step.begin = true;
        running_ = true;
      }
      break;
    case XR_SESSION_STATE_STOPPING:
      if (running_) {
        step.end = true;
        running_ = false;
      }
      break;
    case XR_SESSION_STATE_LOSS_PENDING:
      running_ = false;
      step.lost = true;
      break;
    case XR_SESSION_STATE_EXITING:
      running_ = false;
      step.exit = true;
      break;
    default:
      break;
  }
  return step;
}

SessionStep SessionStateMachine::onEvent(const XrEventDataBuffer& event) {
  switch (event.type) {
    case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED:
      return onStateChanged(reinterpret_cast<const XrEventDataSessionStateChanged&>(event).state);
    case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
      return onInstanceLoss();
    default:
      return {};
  }
}

SessionStep SessionStateMachine::onInstanceLoss() { return onStateChanged(XR_SESSION_STATE_LOSS_PENDING); }

}  // namespace ps::xr::openxr
