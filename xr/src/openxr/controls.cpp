#include "controls.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "xr_check.h"

namespace ps::xr::openxr {

namespace {

constexpr float kShuttleDeadZone = 0.2f;
constexpr float kStepPush = 0.6f;     // thumbstick y past this is one step
constexpr float kStepRelease = 0.3f;  // and must come back inside this before the next

struct Binding {
  const char* action;
  const char* path;  // under /user/hand/{left,right}/ ; a leading "left:" or "right:" limits it to that hand
};

struct Profile {
  const char* name;  // after /interaction_profiles/
  std::vector<Binding> bindings;
};

const std::vector<Profile>& profiles() {
  static const std::vector<Profile> all{
      {"khr/simple_controller",
       {{"select", "input/select/click"}, {"menu", "input/menu/click"}, {"aim", "input/aim/pose"},
        {"haptic", "output/haptic"}}},
      {"oculus/touch_controller",
       {{"select", "input/trigger/value"}, {"shuttle", "input/thumbstick/x"}, {"step_axis", "input/thumbstick/y"},
        {"recenter", "input/thumbstick/click"}, {"play_pause", "right:input/a/click"},
        {"play_pause", "left:input/x/click"}, {"step_forward", "right:input/b/click"},
        {"step_back", "left:input/y/click"}, {"menu", "left:input/menu/click"}, {"aim", "input/aim/pose"},
        {"haptic", "output/haptic"}}},
      {"valve/index_controller",
       {{"select", "input/trigger/click"}, {"shuttle", "input/thumbstick/x"}, {"step_axis", "input/thumbstick/y"},
        {"recenter", "input/thumbstick/click"}, {"play_pause", "input/a/click"}, {"menu", "input/b/click"},
        {"aim", "input/aim/pose"}, {"haptic", "output/haptic"}}},
      {"htc/vive_controller",
       {{"select", "input/trigger/click"}, {"shuttle", "input/trackpad/x"}, {"step_axis", "input/trackpad/y"},
        {"play_pause", "input/trackpad/click"}, {"menu", "input/menu/click"}, {"recenter", "input/squeeze/click"},
        {"aim", "input/aim/pose"}, {"haptic", "output/haptic"}}},
  };
  return all;
}

XrPath toPath(XrInstance instance, const std::string& text) {
  XrPath path = XR_NULL_PATH;
  PS_XR_CHECK(xrStringToPath(instance, text.c_str(), &path));
  return path;
}

}  // namespace

std::vector<std::string> knownInteractionProfiles() {
  std::vector<std::string> names;
  for (const Profile& p : profiles()) names.emplace_back(p.name);
  return names;
}

struct Controls::Impl {
  ActionSetHandle set;
  std::array<XrPath, 2> hands{};  // left, right
  // Actions die with their set; the handles are kept only to read them.
  XrAction select = XR_NULL_HANDLE, playPause = XR_NULL_HANDLE, shuttle = XR_NULL_HANDLE, stepAxis = XR_NULL_HANDLE,
           stepForward = XR_NULL_HANDLE, stepBack = XR_NULL_HANDLE, menu = XR_NULL_HANDLE, recenter = XR_NULL_HANDLE,
           aim = XR_NULL_HANDLE, haptic = XR_NULL_HANDLE;
  std::array<SpaceHandle, 2> aimSpaces;
  std::array<bool, 2> stepArmed{true, true};
  XrInstance instance = XR_NULL_HANDLE;

  XrAction make(const char* name, const char* localized, XrActionType type) {
    auto info = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
    std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
    std::strncpy(info.localizedActionName, localized, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
    info.actionType = type;
    info.countSubactionPaths = static_cast<std::uint32_t>(hands.size());
    info.subactionPaths = hands.data();
    XrAction action = XR_NULL_HANDLE;
    PS_XR_CHECK(xrCreateAction(set.get(), &info, &action));
    return action;
  }

  XrAction byName(const std::string& name) const {
    if (name == "select") return select;
    if (name == "play_pause") return playPause;
    if (name == "shuttle") return shuttle;
    if (name == "step_axis") return stepAxis;
    if (name == "step_forward") return stepForward;
    if (name == "step_back") return stepBack;
    if (name == "menu") return menu;
    if (name == "recenter") return recenter;
    if (name == "aim") return aim;
    return haptic;
  }

  // Edge: pressed since the last sync, on either hand.
  bool pressed(XrSession session, XrAction action) const {
    return anyHand(session, action, [](const XrActionStateBoolean& s) { return s.changedSinceLastSync && s.currentState; });
  }

  // Level: held now, on either hand.
  bool held(XrSession session, XrAction action) const {
    return anyHand(session, action, [](const XrActionStateBoolean& s) { return s.currentState == XR_TRUE; });
  }

  // True when `test` holds for the action's active state on either hand.
  template <typename Test>
  bool anyHand(XrSession session, XrAction action, Test test) const {
    for (XrPath hand : hands) {
      auto get = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
      get.action = action;
      get.subactionPath = hand;
      auto state = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
      PS_XR_CHECK(xrGetActionStateBoolean(session, &get, &state));
      if (state.isActive && test(state)) return true;
    }
    return false;
  }

  float axis(XrSession session, XrAction action, XrPath hand) const {
    auto get = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    get.action = action;
    get.subactionPath = hand;
    auto state = xrStruct<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
    PS_XR_CHECK(xrGetActionStateFloat(session, &get, &state));
    return state.isActive ? state.currentState : 0.0f;
  }
};

Controls::Controls(const Instance& instance, const std::vector<std::string>& wanted) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.instance = instance.handle();
  s.hands = {toPath(s.instance, "/user/hand/left"), toPath(s.instance, "/user/hand/right")};
  auto setInfo = xrStruct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  std::strncpy(setInfo.actionSetName, "player", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(setInfo.localizedActionSetName, "Player", XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  XrActionSet set = XR_NULL_HANDLE;
  PS_XR_CHECK(xrCreateActionSet(s.instance, &setInfo, &set));
  s.set = ActionSetHandle(set);
  s.select = s.make("select", "Select", XR_ACTION_TYPE_BOOLEAN_INPUT);
  s.playPause = s.make("play_pause", "Play or pause", XR_ACTION_TYPE_BOOLEAN_INPUT);
  s.shuttle = s.make("shuttle", "Scrub", XR_ACTION_TYPE_FLOAT_INPUT);
  s.stepAxis = s.make("step_axis", "Step frames", XR_ACTION_TYPE_FLOAT_INPUT);
  s.stepForward = s.make("step_forward", "Next frame", XR_ACTION_TYPE_BOOLEAN_INPUT);
  s.stepBack = s.make("step_back", "Previous frame", XR_ACTION_TYPE_BOOLEAN_INPUT);
  s.menu = s.make("menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT);
  s.recenter = s.make("recenter", "Recenter", XR_ACTION_TYPE_BOOLEAN_INPUT);
  s.aim = s.make("aim", "Aim", XR_ACTION_TYPE_POSE_INPUT);
  s.haptic = s.make("haptic", "Tick", XR_ACTION_TYPE_VIBRATION_OUTPUT);

  for (const Profile& profile : profiles()) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), profile.name) == wanted.end()) continue;
    std::vector<XrActionSuggestedBinding> suggested;
    for (const Binding& b : profile.bindings) {
      std::string path = b.path;
      std::vector<std::string> sides{"left", "right"};
      for (const char* side : {"left", "right"}) {
        const std::string prefix = std::string(side) + ":";
        if (path.rfind(prefix, 0) == 0) {
          path = path.substr(prefix.size());
          sides = {side};
        }
      }
      for (const std::string& side : sides)
        suggested.push_back({s.byName(b.action), toPath(s.instance, "/user/hand/" + side + "/" + path)});
    }
    auto info = xrStruct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    info.interactionProfile = toPath(s.instance, std::string("/interaction_profiles/") + profile.name);
    info.countSuggestedBindings = static_cast<std::uint32_t>(suggested.size());
    info.suggestedBindings = suggested.data();
    PS_XR_CHECK(xrSuggestInteractionProfileBindings(s.instance, &info));
  }
}

Controls::~Controls() = default;

void Controls::attach(XrSession session) {
  Impl& s = *impl_;
  XrActionSet set = s.set.get();
  auto info = xrStruct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  info.countActionSets = 1;
  info.actionSets = &set;
  PS_XR_CHECK(xrAttachSessionActionSets(session, &info));
  for (std::size_t i = 0; i < s.hands.size(); ++i) {
    auto spaceInfo = xrStruct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
    spaceInfo.action = s.aim;
    spaceInfo.subactionPath = s.hands[i];
    spaceInfo.poseInActionSpace = XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
    XrSpace space = XR_NULL_HANDLE;
    PS_XR_CHECK(xrCreateActionSpace(session, &spaceInfo, &space));
    s.aimSpaces[i] = SpaceHandle(space);
  }
}

InputActions Controls::read(XrSession session, XrSpace appSpace, XrTime time, bool focused) {
  Impl& s = *impl_;
  InputActions in;
  if (!focused) return in;
  auto active = XrActiveActionSet{s.set.get(), XR_NULL_PATH};
  auto sync = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  if (PS_XR_CHECK(xrSyncActions(session, &sync)) == XR_SESSION_NOT_FOCUSED) return in;

  in.select = s.pressed(session, s.select);
  in.grabbing = s.held(session, s.select);  // the loop decides whether it holds the playhead
  in.togglePlay = s.pressed(session, s.playPause);
  in.menu = s.pressed(session, s.menu);
  in.recenter = s.pressed(session, s.recenter);
  in.stepFrames += s.pressed(session, s.stepForward) ? 1 : 0;
  in.stepFrames -= s.pressed(session, s.stepBack) ? 1 : 0;
  for (std::size_t i = 0; i < s.hands.size(); ++i) {
    const float x = s.axis(session, s.shuttle, s.hands[i]);
    if (std::abs(x) > kShuttleDeadZone && std::abs(x) > std::abs(in.shuttle)) in.shuttle = x;
    const float y = s.axis(session, s.stepAxis, s.hands[i]);
    if (s.stepArmed[i] && std::abs(y) > kStepPush) {
      in.stepFrames += y > 0 ? 1 : -1;
      s.stepArmed[i] = false;
    } else if (std::abs(y) < kStepRelease) {
      s.stepArmed[i] = true;
    }
  }
  // The right hand points unless only the left one is tracked.
  for (std::size_t i : {std::size_t{1}, std::size_t{0}}) {
    auto location = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    PS_XR_CHECK(xrLocateSpace(s.aimSpaces[i].get(), appSpace, time, &location));
    if ((location.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT) == 0) continue;
    engine::View aim;
    const XrQuaternionf& q = location.pose.orientation;
    aim.orientation = glm::quat(q.w, q.x, q.y, q.z);
    aim.position = glm::vec3(location.pose.position.x, location.pose.position.y, location.pose.position.z);
    in.aim = aim;
    break;
  }
  return in;
}

void Controls::tick(XrSession session) {
  Impl& s = *impl_;
  auto info = xrStruct<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
  info.action = s.haptic;
  auto vibration = xrStruct<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
  vibration.duration = 10'000'000;  // 10 ms: a tick, not a buzz
  vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
  vibration.amplitude = 0.4f;
  PS_XR_CHECK(xrApplyHapticFeedback(session, &info, reinterpret_cast<const XrHapticBaseHeader*>(&vibration)));
}

}  // namespace ps::xr::openxr
