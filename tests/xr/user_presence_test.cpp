// XR_EXT_user_presence in the simulated runtime: offered (unless hidden), the system says it
// senses presence, a reading comes with the session, and the script's headset_off/on and
// user_absent/present send its events (the latter without touching the session's state).
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <vector>

#include "sim_harness.h"
#include "user_presence.h"

namespace ps::test::xr {
namespace {

using States = std::vector<XrSessionState>;

// The presence readings among the events polled so far (and clears them).
std::vector<bool> takePresence(SimSession& s) {
  s.pollStates();
  std::vector<bool> out;
  for (const XrEventDataBuffer& e : s.others)
    if (e.type == XR_TYPE_EVENT_DATA_USER_PRESENCE_CHANGED_EXT) {
      const auto& p = reinterpret_cast<const XrEventDataUserPresenceChangedEXT&>(e);
      EXPECT_EQ(p.session, s.session);
      out.push_back(p.isUserPresent == XR_TRUE);
    }
  s.others.clear();
  return out;
}

TEST(SimUserPresence, TheSystemSensesPresence) {
  useScript("");
  SimSession s({XR_EXT_USER_PRESENCE_EXTENSION_NAME});
  auto presence = ps::sim::xrStruct<XrSystemUserPresencePropertiesEXT>(XR_TYPE_SYSTEM_USER_PRESENCE_PROPERTIES_EXT);
  auto props = ps::sim::xrStruct<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
  props.next = &presence;
  XR_EXPECT(xrGetSystemProperties(s.instance, s.system, &props));
  EXPECT_EQ(presence.supportsUserPresence, XR_TRUE);
}

TEST(SimUserPresence, ScriptedHeadsetAndUserEvents) {
  useScript(R"({"events": [{"frame": 2, "type": "headset_off"}, {"frame": 4, "type": "headset_on"},
                           {"frame": 6, "type": "user_absent"}, {"frame": 8, "type": "user_present"}]})");
  SimSession s({XR_EXT_USER_PRESENCE_EXTENSION_NAME});
  EXPECT_EQ(takePresence(s), std::vector<bool>{true});  // with the session
  s.begin();
  for (int f = 0; f < 3; ++f) s.frame();  // frame 2: off
  EXPECT_EQ(takePresence(s), std::vector<bool>{false});
  for (int f = 3; f < 5; ++f) s.frame();  // frame 4: on
  EXPECT_EQ(takePresence(s), std::vector<bool>{true});
  s.frame();
  s.frame();  // frame 6: the sensor alone; the session stays focused
  EXPECT_EQ(takePresence(s), std::vector<bool>{false});
  s.frame();
  s.frame();  // frame 8
  States states = s.pollStates();
  EXPECT_EQ(takePresence(s), std::vector<bool>{true});
  EXPECT_TRUE(states.empty());
  useScript("");
}

TEST(SimUserPresence, NoEventsWithoutTheExtension) {
  useScript(R"({"events": [{"frame": 1, "type": "user_absent"}]})");
  SimSession s;
  s.begin();
  s.frame();
  s.frame();
  EXPECT_TRUE(takePresence(s).empty());
  useScript("");
}

TEST(SimUserPresence, HiddenItIsNotOffered) {
  setenv("PERFECTSHOT_SIM_HIDE_EXTENSIONS", "XR_KHR_composition_layer_depth,XR_EXT_user_presence", 1);
  std::uint32_t count = 0;
  XR_EXPECT(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr));
  std::vector<XrExtensionProperties> props(count, ps::sim::xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  XR_EXPECT(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()));
  for (const auto& p : props) EXPECT_STRNE(p.extensionName, XR_EXT_USER_PRESENCE_EXTENSION_NAME);
  XrInstance instance = XR_NULL_HANDLE;
  EXPECT_EQ(createInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_EXT_USER_PRESENCE_EXTENSION_NAME}, instance),
            XR_ERROR_EXTENSION_NOT_PRESENT);
  unsetenv("PERFECTSHOT_SIM_HIDE_EXTENSIONS");
}

}  // namespace
}  // namespace ps::test::xr
