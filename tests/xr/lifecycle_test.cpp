// Session state sequences: unscripted, headset off/on, runtime lost, exit requested.
#include "sim_harness.h"

#include <chrono>
#include <thread>

namespace ps::test::xr {
namespace {

using States = std::vector<XrSessionState>;

TEST(SimLifecycle, WalksToFocusedAndExitsWithoutAScript) {
  useScript("");
  SimSession s;
  ASSERT_NE(s.session, XR_NULL_HANDLE);
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
  s.begin();
  EXPECT_TRUE(s.pollStates().empty());
  const XrFrameState first = s.frame();
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));
  const XrFrameState second = s.frame();
  EXPECT_TRUE(second.shouldRender);
  EXPECT_EQ(first.predictedDisplayPeriod, 1'000'000'000 / 90);
  EXPECT_GE(second.predictedDisplayTime - first.predictedDisplayTime, first.predictedDisplayPeriod);

  EXPECT_EQ(xrEndSession(s.session), XR_ERROR_SESSION_NOT_STOPPING);
  XR_EXPECT(xrRequestExitSession(s.session));
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING}));
  XR_EXPECT(xrEndSession(s.session));
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
  auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
  EXPECT_EQ(xrWaitFrame(s.session, nullptr, &state), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(s.validationMessages, 0);
}

TEST(SimLifecycle, FrameCallsOutOfOrderAreRejected) {
  useScript("");
  SimSession s;
  s.pollStates();
  EXPECT_EQ(xrBeginFrame(s.session, nullptr), XR_ERROR_SESSION_NOT_RUNNING);
  s.begin();
  EXPECT_EQ(xrBeginFrame(s.session, nullptr), XR_ERROR_CALL_ORDER_INVALID);
  auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.displayTime = 1;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  EXPECT_EQ(xrEndFrame(s.session, &end), XR_ERROR_CALL_ORDER_INVALID);
  auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
  XR_EXPECT(xrWaitFrame(s.session, nullptr, &state));
  XR_EXPECT(xrBeginFrame(s.session, nullptr));
  XR_EXPECT(xrWaitFrame(s.session, nullptr, &state));
  EXPECT_EQ(xrBeginFrame(s.session, nullptr), XR_FRAME_DISCARDED);
  end.displayTime = state.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_ADDITIVE;
  EXPECT_EQ(xrEndFrame(s.session, &end), XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  XR_EXPECT(xrEndFrame(s.session, &end));
}

TEST(SimLifecycle, ScriptedHeadsetOffAndOn) {
  useScript(R"({"events": [{"frame": 3, "type": "headset_off"}, {"t": 0.1, "type": "headset_on"}]})");
  SimSession s;
  s.pollStates();
  s.begin();
  s.frame();  // frame 0
  EXPECT_EQ(s.pollStates().back(), XR_SESSION_STATE_FOCUSED);
  s.frame();
  s.frame();
  EXPECT_TRUE(s.pollStates().empty());
  const XrFrameState off = s.frame();  // frame 3
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED}));
  EXPECT_FALSE(off.shouldRender);
  for (int f = 4; f < 9; ++f) s.frame();
  EXPECT_TRUE(s.pollStates().empty());
  const XrFrameState on = s.frame();  // frame 9 = 0.1 s at 90 Hz
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));
  EXPECT_TRUE(on.shouldRender);
}

TEST(SimLifecycle, ScriptedExitRequest) {
  useScript(R"({"events": [{"frame": 2, "type": "exit_requested"}]})");
  SimSession s;
  s.pollStates();
  s.begin();
  for (int f = 0; f < 2; ++f) s.frame();
  s.pollStates();
  s.frame();
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING}));
  XR_EXPECT(xrEndSession(s.session));
  EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
}

TEST(SimLifecycle, ScriptedRuntimeLossThenANewInstanceWorks) {
  useScript(R"({"events": [{"frame": 2, "type": "runtime_lost"}]})");
  {
    SimSession s;
    s.pollStates();
    s.begin();
    s.frame();
    s.frame();
    s.pollStates();
    auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    EXPECT_EQ(xrWaitFrame(s.session, nullptr, &state), XR_SESSION_LOSS_PENDING);
    EXPECT_EQ(s.pollStates(), (States{XR_SESSION_STATE_LOSS_PENDING}));
    ASSERT_EQ(s.others.size(), 1u);
    EXPECT_EQ(s.others[0].type, XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING);
    EXPECT_EQ(xrBeginFrame(s.session, nullptr), XR_ERROR_SESSION_LOST);
    EXPECT_EQ(xrWaitFrame(s.session, nullptr, &state), XR_ERROR_SESSION_LOST);
    XrPath p = XR_NULL_PATH;
    EXPECT_EQ(xrStringToPath(s.instance, "/user/hand/left", &p), XR_ERROR_INSTANCE_LOST);
  }  // destroying the lost session and instance must still work
  useScript("");
  SimSession again;
  ASSERT_NE(again.session, XR_NULL_HANDLE);
  EXPECT_EQ(again.pollStates(), (States{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
  again.begin();
  again.frame();
  EXPECT_EQ(again.pollStates().back(), XR_SESSION_STATE_FOCUSED);
}

// A runtime that is away for a while after the loss: new instances fail until the outage ends.
TEST(SimLifecycle, ScriptedOutageRefusesNewInstancesUntilItEnds) {
  useScript(R"({"events": [{"frame": 1, "type": "runtime_lost", "outage_s": 0.3}]})");
  std::chrono::steady_clock::time_point lostAt;
  {
    SimSession s;
    s.pollStates();
    s.begin();
    s.frame();
    auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    EXPECT_EQ(xrWaitFrame(s.session, nullptr, &state), XR_SESSION_LOSS_PENDING);
    lostAt = std::chrono::steady_clock::now();
  }
  useScript("");
  XrInstance instance = XR_NULL_HANDLE;
  EXPECT_EQ(createInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}, instance), XR_ERROR_RUNTIME_UNAVAILABLE);
  // Polled as an app's back-off would: the first success comes once the outage is over.
  XrResult r = XR_ERROR_RUNTIME_UNAVAILABLE;
  // (The runtime's clock is the real one: this polls it, 20 ms apart.)
  while (r == XR_ERROR_RUNTIME_UNAVAILABLE && std::chrono::steady_clock::now() - lostAt < std::chrono::seconds(5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    r = createInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}, instance);
  }
  ASSERT_EQ(r, XR_SUCCESS);
  EXPECT_GE(std::chrono::steady_clock::now() - lostAt, std::chrono::milliseconds(290));
  XR_EXPECT(xrDestroyInstance(instance));
}

TEST(SimScript, OutageBelongsToARuntimeLoss) {
  useScript(R"({"events": [{"frame": 1, "type": "headset_off", "outage_s": 1}]})");
  XrInstance instance = XR_NULL_HANDLE;
  EXPECT_EQ(createInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}, instance), XR_ERROR_INITIALIZATION_FAILED);
  useScript("");
}

}  // namespace
}  // namespace ps::test::xr
