// Scripted controllers read through actions: khr/simple_controller, and the
// touch-like inputs (trigger, thumbstick) when an app binds oculus/touch_controller.
#include <cstring>

#include "sim_harness.h"

namespace ps::test::xr {
namespace {

XrAction makeAction(XrActionSet set, const char* name, XrActionType type, const std::vector<XrPath>& subactions) {
  auto ci = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strcpy(ci.actionName, name);
  std::strcpy(ci.localizedActionName, name);
  ci.actionType = type;
  ci.countSubactionPaths = static_cast<std::uint32_t>(subactions.size());
  ci.subactionPaths = subactions.data();
  XrAction action = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateAction(set, &ci, &action), XR_SUCCESS) << name;
  return action;
}

XrActionSet makeSet(XrInstance instance) {
  auto ci = xrStruct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  std::strcpy(ci.actionSetName, "player");
  std::strcpy(ci.localizedActionSetName, "Player");
  XrActionSet set = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateActionSet(instance, &ci, &set), XR_SUCCESS);
  return set;
}

void suggest(SimSession& s, const char* profile, const std::vector<std::pair<XrAction, const char*>>& bindings) {
  std::vector<XrActionSuggestedBinding> list;
  for (const auto& [a, p] : bindings) list.push_back({a, s.path(p)});
  auto sb = xrStruct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
  sb.interactionProfile = s.path(profile);
  sb.countSuggestedBindings = static_cast<std::uint32_t>(list.size());
  sb.suggestedBindings = list.data();
  EXPECT_EQ(xrSuggestInteractionProfileBindings(s.instance, &sb), XR_SUCCESS) << profile;
}

void attach(SimSession& s, XrActionSet set) {
  auto ai = xrStruct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  ai.countActionSets = 1;
  ai.actionSets = &set;
  XR_EXPECT(xrAttachSessionActionSets(s.session, &ai));
}

XrResult sync(SimSession& s, XrActionSet set) {
  XrActiveActionSet active{set, XR_NULL_PATH};
  auto si = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  si.countActiveActionSets = 1;
  si.activeActionSets = &active;
  return xrSyncActions(s.session, &si);
}

XrActionStateBoolean boolean(SimSession& s, XrAction a, XrPath sub) {
  auto gi = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  gi.action = a;
  gi.subactionPath = sub;
  auto st = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
  EXPECT_EQ(xrGetActionStateBoolean(s.session, &gi, &st), XR_SUCCESS);
  return st;
}

TEST(SimActions, ScriptedSelectThroughSimpleController) {
  useScript(R"({"controllers": {"right": [ {"frame": 3, "select": true}, {"frame": 5, "select": false} ]}})");
  SimSession s;
  const XrPath left = s.path("/user/hand/left"), right = s.path("/user/hand/right");
  const XrActionSet set = makeSet(s.instance);
  const XrAction select = makeAction(set, "select", XR_ACTION_TYPE_BOOLEAN_INPUT, {left, right});
  const XrAction aim = makeAction(set, "aim", XR_ACTION_TYPE_POSE_INPUT, {left, right});
  const XrAction buzz = makeAction(set, "buzz", XR_ACTION_TYPE_VIBRATION_OUTPUT, {left, right});
  suggest(s, "/interaction_profiles/khr/simple_controller",
          {{select, "/user/hand/left/input/select/click"}, {select, "/user/hand/right/input/select/click"},
           {aim, "/user/hand/right/input/aim/pose"}, {buzz, "/user/hand/right/output/haptic"}});
  // A binding the simple controller does not have is refused.
  std::vector<XrActionSuggestedBinding> bad{{select, s.path("/user/hand/left/input/trigger/value")}};
  auto sb = xrStruct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
  sb.interactionProfile = s.path("/interaction_profiles/khr/simple_controller");
  sb.countSuggestedBindings = 1;
  sb.suggestedBindings = bad.data();
  EXPECT_EQ(xrSuggestInteractionProfileBindings(s.instance, &sb), XR_ERROR_PATH_UNSUPPORTED);
  attach(s, set);
  auto late = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strcpy(late.actionName, "late");
  std::strcpy(late.localizedActionName, "Late");
  late.actionType = XR_ACTION_TYPE_BOOLEAN_INPUT;
  XrAction lateAction = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateAction(set, &late, &lateAction), XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);

  auto profile = xrStruct<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
  XR_EXPECT(xrGetCurrentInteractionProfile(s.session, right, &profile));
  EXPECT_EQ(profile.interactionProfile, s.path("/interaction_profiles/khr/simple_controller"));

  s.pollStates();
  s.begin();
  EXPECT_EQ(sync(s, set), XR_SESSION_NOT_FOCUSED);  // not focused before the first frame
  std::vector<bool> pressed;
  for (int f = 0; f < 7; ++f) {
    s.frame();
    s.pollStates();
    XR_EXPECT(sync(s, set));
    const auto st = boolean(s, select, right);
    EXPECT_TRUE(st.isActive);
    pressed.push_back(st.currentState == XR_TRUE);
    if (f == 3 || f == 4) {
      EXPECT_EQ(st.changedSinceLastSync, f == 3 ? XR_TRUE : XR_FALSE) << "frame " << f;
    }
    EXPECT_FALSE(boolean(s, select, left).currentState);
  }
  EXPECT_EQ(pressed, (std::vector<bool>{false, false, false, true, true, false, false}));

  auto aci = xrStruct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
  aci.action = aim;
  aci.subactionPath = right;
  aci.poseInActionSpace.orientation.w = 1.f;
  XrSpace aimSpace = XR_NULL_HANDLE;
  XR_EXPECT(xrCreateActionSpace(s.session, &aci, &aimSpace));
  const XrSpace stage = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
  const XrFrameState fs = s.frame();
  auto loc = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  XR_EXPECT(xrLocateSpace(aimSpace, stage, fs.predictedDisplayTime, &loc));
  EXPECT_TRUE(loc.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT);
  EXPECT_NEAR(loc.pose.position.x, 0.2f, 1e-4);  // the right hand's default aim
  XR_EXPECT(xrDestroySpace(aimSpace));

  auto hi = xrStruct<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
  hi.action = buzz;
  auto vib = xrStruct<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
  vib.amplitude = 0.5f;
  vib.duration = XR_MIN_HAPTIC_DURATION;
  XR_EXPECT(xrApplyHapticFeedback(s.session, &hi, reinterpret_cast<const XrHapticBaseHeader*>(&vib)));
  XR_EXPECT(xrStopHapticFeedback(s.session, &hi));
  auto gi = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  gi.action = select;
  auto fst = xrStruct<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
  EXPECT_EQ(xrGetActionStateFloat(s.session, &gi, &fst), XR_ERROR_ACTION_TYPE_MISMATCH);

  std::uint32_t n = 0;
  auto bi = xrStruct<XrBoundSourcesForActionEnumerateInfo>(XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO);
  bi.action = select;
  XR_EXPECT(xrEnumerateBoundSourcesForAction(s.session, &bi, 0, &n, nullptr));
  EXPECT_EQ(n, 2u);
  std::vector<XrPath> sources(n);
  XR_EXPECT(xrEnumerateBoundSourcesForAction(s.session, &bi, n, &n, sources.data()));
  auto ni = xrStruct<XrInputSourceLocalizedNameGetInfo>(XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO);
  ni.sourcePath = sources[0];
  ni.whichComponents = XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT | XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT;
  char name[128];
  XR_EXPECT(xrGetInputSourceLocalizedName(s.session, &ni, sizeof(name), &n, name));
  EXPECT_STREQ(name, "Left Hand Select click");
}

TEST(SimActions, ScriptedThumbstickAndTriggerThroughTouchBindings) {
  useScript(R"({"controllers": {"left": [ {"frame": 2, "thumbstick": [0.25, -1.0], "trigger": 0.75} ]}})");
  SimSession s;
  const XrPath left = s.path("/user/hand/left");
  const XrActionSet set = makeSet(s.instance);
  const XrAction stick = makeAction(set, "stick", XR_ACTION_TYPE_VECTOR2F_INPUT, {left});
  const XrAction trigger = makeAction(set, "trigger", XR_ACTION_TYPE_FLOAT_INPUT, {left});
  const XrAction press = makeAction(set, "press", XR_ACTION_TYPE_BOOLEAN_INPUT, {left});
  suggest(s, "/interaction_profiles/oculus/touch_controller",
          {{stick, "/user/hand/left/input/thumbstick"}, {trigger, "/user/hand/left/input/trigger/value"},
           {press, "/user/hand/left/input/trigger/value"}});
  attach(s, set);
  auto profile = xrStruct<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
  XR_EXPECT(xrGetCurrentInteractionProfile(s.session, left, &profile));
  EXPECT_EQ(profile.interactionProfile, s.path("/interaction_profiles/oculus/touch_controller"));
  s.pollStates();
  s.begin();
  auto gi = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  for (int f = 0; f < 3; ++f) {
    s.frame();
    s.pollStates();
    XR_EXPECT(sync(s, set));
    gi.action = stick;
    auto v = xrStruct<XrActionStateVector2f>(XR_TYPE_ACTION_STATE_VECTOR2F);
    XR_EXPECT(xrGetActionStateVector2f(s.session, &gi, &v));
    gi.action = trigger;
    auto t = xrStruct<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
    XR_EXPECT(xrGetActionStateFloat(s.session, &gi, &t));
    EXPECT_TRUE(v.isActive && t.isActive);
    const bool scripted = f >= 2;
    EXPECT_FLOAT_EQ(v.currentState.x, scripted ? 0.25f : 0.f) << "frame " << f;
    EXPECT_FLOAT_EQ(v.currentState.y, scripted ? -1.f : 0.f) << "frame " << f;
    EXPECT_FLOAT_EQ(t.currentState, scripted ? 0.75f : 0.f) << "frame " << f;
    EXPECT_EQ(boolean(s, press, XR_NULL_PATH).currentState, scripted ? XR_TRUE : XR_FALSE) << "frame " << f;
  }
}

}  // namespace
}  // namespace ps::test::xr
