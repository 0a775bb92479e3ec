#include "controls.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "xr_check.h"

namespace ps::xr::openxr {

namespace {

struct Binding {
  const char* action;
  const char* path;  // under /user/hand/{left,right}/ ; a leading "left:" or "right:" limits it to that hand
};

struct Profile {
  const char* name;  // after /interaction_profiles/
  std::vector<Binding> bindings;
};

// Every action but the pose and the haptic output, in ControllerInput's terms.
constexpr std::array kButtons{"trigger", "squeeze", "thumbstick_click", "menu", "primary", "secondary"};

const std::vector<Profile>& profiles() {
  static const std::vector<Profile> all{
      {"khr/simple_controller",
       {{"trigger", "input/select/click"}, {"trigger_value", "input/select/click"}, {"menu", "input/menu/click"},
        {"aim", "input/aim/pose"}, {"haptic", "output/haptic"}}},
      {"oculus/touch_controller",
       {{"trigger", "input/trigger/value"}, {"trigger_value", "input/trigger/value"},
        {"squeeze", "input/squeeze/value"}, {"thumbstick", "input/thumbstick"},
        {"thumbstick_click", "input/thumbstick/click"}, {"recenter", "input/thumbstick/click"},
        {"primary", "right:input/a/click"}, {"primary", "left:input/x/click"},
        {"secondary", "right:input/b/click"}, {"secondary", "left:input/y/click"},
        {"menu", "left:input/menu/click"}, {"aim", "input/aim/pose"}, {"haptic", "output/haptic"}}},
      {"valve/index_controller",
       {{"trigger", "input/trigger/click"}, {"trigger_value", "input/trigger/value"},
        {"squeeze", "input/squeeze/value"}, {"thumbstick", "input/thumbstick"},
        {"thumbstick_click", "input/thumbstick/click"}, {"recenter", "input/thumbstick/click"},
        {"primary", "input/a/click"}, {"menu", "input/b/click"}, {"aim", "input/aim/pose"},
        {"haptic", "output/haptic"}}},
      {"htc/vive_controller",
       {{"trigger", "input/trigger/click"}, {"trigger_value", "input/trigger/value"},
        {"squeeze", "input/squeeze/click"}, {"recenter", "input/squeeze/click"}, {"thumbstick", "input/trackpad"},
        {"primary", "input/trackpad/click"}, {"menu", "input/menu/click"}, {"aim", "input/aim/pose"},
        {"haptic", "output/haptic"}}},
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
  std::array<XrAction, kButtons.size()> buttons{};  // as kButtons
  XrAction triggerValue = XR_NULL_HANDLE, thumbstick = XR_NULL_HANDLE, recenter = XR_NULL_HANDLE,
           aim = XR_NULL_HANDLE, haptic = XR_NULL_HANDLE;
  std::array<SpaceHandle, 2> aimSpaces;
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
    for (std::size_t i = 0; i < kButtons.size(); ++i)
      if (name == kButtons[i]) return buttons[i];
    if (name == "trigger_value") return triggerValue;
    if (name == "thumbstick") return thumbstick;
    if (name == "recenter") return recenter;
    if (name == "aim") return aim;
    return haptic;
  }

  XrActionStateGetInfo getInfo(XrAction action, XrPath hand) const {
    auto get = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    get.action = action;
    get.subactionPath = hand;
    return get;
  }

  // The level and the edge since the last sync on one hand; released where inactive.
  Button button(XrSession session, XrAction action, XrPath hand) const {
    const auto get = getInfo(action, hand);
    auto state = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
    PS_XR_CHECK(xrGetActionStateBoolean(session, &get, &state));
    if (!state.isActive) return {};
    const bool held = state.currentState == XR_TRUE;
    return Button{held, held && state.changedSinceLastSync == XR_TRUE};
  }

  float value(XrSession session, XrAction action, XrPath hand) const {
    const auto get = getInfo(action, hand);
    auto state = xrStruct<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
    PS_XR_CHECK(xrGetActionStateFloat(session, &get, &state));
    return state.isActive ? state.currentState : 0.0f;
  }

  glm::vec2 vector(XrSession session, XrAction action, XrPath hand) const {
    const auto get = getInfo(action, hand);
    auto state = xrStruct<XrActionStateVector2f>(XR_TYPE_ACTION_STATE_VECTOR2F);
    PS_XR_CHECK(xrGetActionStateVector2f(session, &get, &state));
    return state.isActive ? glm::vec2(state.currentState.x, state.currentState.y) : glm::vec2(0.0f);
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
  constexpr std::array<const char*, kButtons.size()> localized{"Trigger", "Squeeze", "Thumbstick click",
                                                               "Menu", "Primary button", "Secondary button"};
  for (std::size_t i = 0; i < kButtons.size(); ++i)
    s.buttons[i] = s.make(kButtons[i], localized[i], XR_ACTION_TYPE_BOOLEAN_INPUT);
  s.triggerValue = s.make("trigger_value", "Trigger value", XR_ACTION_TYPE_FLOAT_INPUT);
  s.thumbstick = s.make("thumbstick", "Thumbstick", XR_ACTION_TYPE_VECTOR2F_INPUT);
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

ControllerReading Controls::read(XrSession session, XrSpace appSpace, XrTime time, bool focused) {
  Impl& s = *impl_;
  ControllerReading out;
  if (!focused) return out;
  auto active = XrActiveActionSet{s.set.get(), XR_NULL_PATH};
  auto sync = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  if (PS_XR_CHECK(xrSyncActions(session, &sync)) == XR_SESSION_NOT_FOCUSED) return out;

  for (std::size_t i = 0; i < s.hands.size(); ++i) {
    ControllerInput& hand = out.hands[i];
    const XrPath path = s.hands[i];
    Button* const fields[] = {&hand.trigger, &hand.squeeze, &hand.thumbstickClick,
                              &hand.menu,    &hand.primary, &hand.secondary};
    for (std::size_t b = 0; b < kButtons.size(); ++b) *fields[b] = s.button(session, s.buttons[b], path);
    hand.triggerValue = s.value(session, s.triggerValue, path);
    hand.thumbstick = s.vector(session, s.thumbstick, path);
    out.recenter = out.recenter || s.button(session, s.recenter, path).pressed;

    auto location = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    PS_XR_CHECK(xrLocateSpace(s.aimSpaces[i].get(), appSpace, time, &location));
    if ((location.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT) == 0) continue;
    engine::View aim;
    const XrQuaternionf& q = location.pose.orientation;
    aim.orientation = glm::quat(q.w, q.x, q.y, q.z);
    aim.position = glm::vec3(location.pose.position.x, location.pose.position.y, location.pose.position.z);
    hand.aim = aim;
  }
  return out;
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
