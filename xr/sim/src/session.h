#pragma once
// XrSession: the state machine, the frame counters and what the actions read.
// The state machine (transition, applyScriptEvents, exit and loss) lives in
// session.cpp; the frame loop in frame.cpp.
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "frame_timing.h"
#include "runtime.h"
#include "script.h"
#include "stats.h"
#include "vulkan_device.h"
#include "xr_headers.h"

namespace ps::sim {

struct Instance;

// What an app's action reads after xrSyncActions, per action and hand.
struct ActionStateRecord {
  bool active = false;
  float value = 0.f;            // float actions; booleans read it as value > 0.5
  XrVector2f vec{0.f, 0.f};     // vector2f actions
  bool changed = false;         // since the previous xrSyncActions
  XrTime lastChangeTime = 0;
};

struct Session {
  std::uint64_t id = 0;
  std::uint64_t instanceId = 0;
  std::shared_ptr<VulkanDevice> vulkan;

  XrSessionState state = XR_SESSION_STATE_UNKNOWN;  // the latest state sent to the app
  bool running = false;
  bool exitRequested = false;
  bool headsetOn = true;
  bool userPresent = true;  // XR_EXT_user_presence's reading
  bool lost = false;

  // Frame loop. Frame n is the n-th xrWaitFrame since xrBeginSession.
  std::optional<FramePacer> pacer;
  std::uint64_t nextFrame = 0;
  bool waitedNotBegun = false;
  bool frameOpen = false;
  std::uint64_t openFrame = 0;        // frame index between xrBeginFrame and xrEndFrame
  XrTime openDisplayTime = 0;
  std::deque<std::pair<XrTime, std::uint64_t>> recentFrames;  // predicted display time -> frame
  std::size_t nextScriptEvent = 0;
  SessionStats stats;

  // Actions.
  std::vector<std::uint64_t> attachedSets;
  std::array<XrPath, 2> profile{XR_NULL_PATH, XR_NULL_PATH};  // current interaction profile per hand
  std::map<std::pair<std::uint64_t, int>, ActionStateRecord> actionStates;  // (action, hand)
  std::array<bool, 2> vibrating{false, false};

  // The frame a display time belongs to: exact for predicted display times handed
  // out recently, extrapolated on the refresh grid otherwise.
  double frameAt(XrTime displayTime) const;
};

// HANDLE_INVALID, INSTANCE_LOST or SESSION_LOST (unless allowLost) as appropriate.
XrResult findSession(XrSession handle, std::shared_ptr<Session>& session, std::shared_ptr<Instance>& instance,
                     bool allowLost = false);
// A session entry point's body, run guarded under the runtime lock with the session
// and its instance found.
template <typename F>
XrResult withSession(const char* call, XrSession handle, bool allowLost, F&& body) {
  return guarded(call, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    std::shared_ptr<Session> session;
    std::shared_ptr<Instance> instance;
    if (XrResult r = findSession(handle, session, instance, allowLost); XR_FAILED(r)) return r;
    return static_cast<XrResult>(body(*session, *instance));
  });
}

// Sends XrEventDataSessionStateChanged and records the state.
void transition(Instance& instance, Session& session, XrSessionState to);
// Runs the script's events due at frame (headset off/on, exit, loss).
void applyScriptEvents(Instance& instance, Session& session, std::uint64_t frame);
// Steps a running session down to STOPPING (xrRequestExitSession, scripted exit).
void requestExit(Instance& instance, Session& session);
// Prints the counts and frees spaces and swapchains; removes the session.
void destroySession(Session& session);

}  // namespace ps::sim
