// The OpenXR session lifecycle without a runtime: SessionStateMachine fed a made-up event
// stream, the reconnect back-off on a stepped clock, and which XrResults count as success.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "openxr/reconnect_backoff.h"
#include "openxr/session_state.h"
#include "openxr/xr_check.h"

namespace ps::xr::openxr {
namespace {

XrEventDataBuffer stateChanged(XrSessionState state) {
  auto changed = xrStruct<XrEventDataSessionStateChanged>(XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED);
  changed.state = state;
  auto buffer = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  std::memcpy(&buffer, &changed, sizeof changed);
  return buffer;
}

template <typename Event>
XrEventDataBuffer eventOf(XrStructureType type) {
  const auto event = xrStruct<Event>(type);
  auto buffer = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  std::memcpy(&buffer, &event, sizeof event);
  return buffer;
}

// What the display would do for each step of a stream, in order.
struct Replay {
  int begins = 0, ends = 0, losses = 0, exits = 0;
  std::vector<bool> shown;  // each change of "shown", in order: false pauses, true resumes
};

Replay replay(SessionStateMachine& machine, const std::vector<XrEventDataBuffer>& events) {
  Replay r;
  for (const XrEventDataBuffer& event : events) {
    const SessionStep step = machine.onEvent(event);
    r.begins += step.begin ? 1 : 0;
    r.ends += step.end ? 1 : 0;
    r.losses += step.lost ? 1 : 0;
    r.exits += step.exit ? 1 : 0;
    if (step.shown) r.shown.push_back(*step.shown);
  }
  return r;
}

// The sequence a runtime gives at start: IDLE, READY, SYNCHRONIZED, VISIBLE, FOCUSED.
std::vector<XrEventDataBuffer> startUp() {
  return {stateChanged(XR_SESSION_STATE_IDLE), stateChanged(XR_SESSION_STATE_READY),
          stateChanged(XR_SESSION_STATE_SYNCHRONIZED), stateChanged(XR_SESSION_STATE_VISIBLE),
          stateChanged(XR_SESSION_STATE_FOCUSED)};
}

TEST(SessionStateMachine, BeginsOnReadyOnceAndIsShownOnlyWhenFocused) {
  SessionStateMachine machine;
  std::vector<XrEventDataBuffer> toVisible = startUp();
  toVisible.pop_back();  // up to VISIBLE
  Replay r = replay(machine, toVisible);
  EXPECT_EQ(r.begins, 1);
  EXPECT_TRUE(machine.running());
  EXPECT_TRUE(r.shown.empty()) << "VISIBLE without focus must not run playback";
  EXPECT_FALSE(machine.shown());

  r = replay(machine, {stateChanged(XR_SESSION_STATE_READY)});
  EXPECT_EQ(r.begins, 0) << "READY while running must not begin the session again";
  r = replay(machine, {stateChanged(XR_SESSION_STATE_FOCUSED)});
  EXPECT_EQ(r.shown, std::vector<bool>{true});
  EXPECT_TRUE(machine.shown());
}

TEST(SessionStateMachine, HeadsetOffPausesAndOnResumes) {
  SessionStateMachine machine;
  replay(machine, startUp());
  // headset_off walks FOCUSED -> VISIBLE -> SYNCHRONIZED; headset_on walks back.
  const Replay r = replay(machine, {stateChanged(XR_SESSION_STATE_VISIBLE), stateChanged(XR_SESSION_STATE_SYNCHRONIZED),
                                    stateChanged(XR_SESSION_STATE_VISIBLE), stateChanged(XR_SESSION_STATE_FOCUSED)});
  EXPECT_EQ(r.shown, (std::vector<bool>{false, true}));  // one pause, one resume
  EXPECT_EQ(r.begins + r.ends + r.losses + r.exits, 0);
  EXPECT_TRUE(machine.running()) << "frames go on while the headset is off";
}

TEST(SessionStateMachine, StoppingEndsThenExitingQuits) {
  SessionStateMachine machine;
  replay(machine, startUp());
  const Replay r = replay(machine, {stateChanged(XR_SESSION_STATE_VISIBLE), stateChanged(XR_SESSION_STATE_SYNCHRONIZED),
                                    stateChanged(XR_SESSION_STATE_STOPPING), stateChanged(XR_SESSION_STATE_IDLE),
                                    stateChanged(XR_SESSION_STATE_EXITING)});
  EXPECT_EQ(r.ends, 1);
  EXPECT_EQ(r.exits, 1);
  EXPECT_EQ(r.shown, std::vector<bool>{false});
  EXPECT_FALSE(machine.running());
  EXPECT_EQ(machine.state(), XR_SESSION_STATE_EXITING);
}

TEST(SessionStateMachine, StoppingWithoutARunningSessionEndsNothing) {
  SessionStateMachine machine;
  const Replay r = replay(machine, {stateChanged(XR_SESSION_STATE_IDLE), stateChanged(XR_SESSION_STATE_STOPPING)});
  EXPECT_EQ(r.ends, 0);
}

TEST(SessionStateMachine, LossPendingAndInstanceLossAskForAReconnect) {
  SessionStateMachine session;
  replay(session, startUp());
  Replay r = replay(session, {stateChanged(XR_SESSION_STATE_LOSS_PENDING)});
  EXPECT_EQ(r.losses, 1);
  EXPECT_EQ(r.shown, std::vector<bool>{false}) << "a lost session pauses playback";
  EXPECT_FALSE(session.running()) << "no xrEndSession on a lost session";
  EXPECT_EQ(r.ends, 0);

  SessionStateMachine instance;
  replay(instance, startUp());
  r = replay(instance, {eventOf<XrEventDataInstanceLossPending>(XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING)});
  EXPECT_EQ(r.losses, 1);
  EXPECT_FALSE(instance.running());
}

TEST(SessionStateMachine, OtherEventsChangeNothing) {
  SessionStateMachine machine;
  replay(machine, startUp());
  const Replay r = replay(machine, {eventOf<XrEventDataEventsLost>(XR_TYPE_EVENT_DATA_EVENTS_LOST),
                                    eventOf<XrEventDataInteractionProfileChanged>(
                                        XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED)});
  EXPECT_EQ(r.begins + r.ends + r.losses + r.exits, 0);
  EXPECT_TRUE(r.shown.empty());
  EXPECT_EQ(machine.state(), XR_SESSION_STATE_FOCUSED);
}

TEST(ReconnectBackoff, FirstTryAfterTheMinimumThenDoublingUpToTheMaximum) {
  ReconnectBackoff backoff(0.1, 0.5);
  EXPECT_FALSE(backoff.due(0)) << "nothing is due while connected";
  backoff.lost(10.0);
  EXPECT_FALSE(backoff.due(10.05));
  EXPECT_TRUE(backoff.due(10.1));
  std::vector<double> delays;
  for (double now = 10.1; delays.size() < 4; now = backoff.nextAttempt()) {
    ASSERT_TRUE(backoff.due(now));
    backoff.failed(now);
    delays.push_back(backoff.delay());
    EXPECT_FALSE(backoff.due(now + 0.5 * backoff.delay()));
  }
  EXPECT_EQ(delays, (std::vector<double>{0.2, 0.4, 0.5, 0.5}));
  backoff.connected();
  EXPECT_FALSE(backoff.due(1e9));
  backoff.lost(100);
  EXPECT_DOUBLE_EQ(backoff.nextAttempt(), 100.1) << "a new loss starts again from the minimum";
}

// The display's reconnect loop on a clock stepped 10 ms per pass: a runtime that comes back
// only on the third try is reached after 0.1 + 0.2 + 0.4 s, and not polled in between.
TEST(ReconnectBackoff, SteppedClockReconnectsOnTheThirdTry) {
  SessionStateMachine machine;
  replay(machine, startUp());
  ReconnectBackoff backoff(0.1, 5.0);
  double now = 1.0;
  ASSERT_TRUE(machine.onEvent(stateChanged(XR_SESSION_STATE_LOSS_PENDING)).lost);
  backoff.lost(now);
  std::vector<double> tries;
  bool connected = false;
  for (int pass = 0; pass < 1000 && !connected; ++pass) {
    now += 0.01;
    if (!backoff.due(now)) continue;
    tries.push_back(now);
    if (tries.size() < 3) {
      backoff.failed(now);
    } else {
      backoff.connected();
      connected = true;
    }
  }
  ASSERT_TRUE(connected);
  ASSERT_EQ(tries.size(), 3u);
  EXPECT_NEAR(tries[0] - 1.0, 0.1, 0.011);
  EXPECT_NEAR(tries[1] - tries[0], 0.2, 0.011);
  EXPECT_NEAR(tries[2] - tries[1], 0.4, 0.011);
  // The new connection's session starts from scratch.
  SessionStateMachine fresh;
  EXPECT_EQ(replay(fresh, startUp()).begins, 1);
}

TEST(XrCheck, SuccessCodesAreReturnedNotThrown) {
  for (XrResult code : {XR_SUCCESS, XR_SESSION_LOSS_PENDING, XR_FRAME_DISCARDED, XR_SESSION_NOT_FOCUSED,
                        XR_EVENT_UNAVAILABLE, XR_TIMEOUT_EXPIRED}) {
    EXPECT_NO_THROW(EXPECT_EQ(checkXr(code, "xrBeginFrame(session, &info)", __FILE__, __LINE__), code))
        << toString(code);
  }
}

TEST(XrCheck, FailuresThrowWithTheCallAndSayWhetherTheRuntimeWasLost) {
  try {
    PS_XR_CHECK(XR_ERROR_SESSION_LOST);
    FAIL() << "XR_ERROR_SESSION_LOST did not throw";
  } catch (const XrCallError& e) {
    EXPECT_TRUE(e.isLoss());
    EXPECT_NE(std::string(e.what()).find("XR_ERROR_SESSION_LOST"), std::string::npos) << e.what();
  }
  try {
    checkXr(XR_ERROR_VALIDATION_FAILURE, "xrEndFrame(session, &info)", "f.cpp", 7);
    FAIL() << "XR_ERROR_VALIDATION_FAILURE did not throw";
  } catch (const XrCallError& e) {
    EXPECT_FALSE(e.isLoss());
    EXPECT_EQ(e.result(), XR_ERROR_VALIDATION_FAILURE);
    EXPECT_NE(std::string(e.what()).find("xrEndFrame failed"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ps::xr::openxr
