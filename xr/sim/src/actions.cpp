// Actions: creation, suggested bindings, attach, sync and the state getters, read
// from the script's controller tracks.
#include "actions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <set>

#include "api.h"
#include "instance.h"
#include "runtime.h"
#include "session.h"

namespace ps::sim {
namespace {

constexpr const char* kSimpleProfile = "/interaction_profiles/khr/simple_controller";
constexpr const char* kTouchProfile = "/interaction_profiles/oculus/touch_controller";
// The profiles the simulated hands can become, in order of preference.
constexpr std::array kEmulatedProfiles{kSimpleProfile, kTouchProfile};
constexpr std::array kKnownProfiles{kSimpleProfile,
                                    kTouchProfile,
                                    "/interaction_profiles/htc/vive_controller",
                                    "/interaction_profiles/valve/index_controller",
                                    "/interaction_profiles/microsoft/motion_controller",
                                    "/interaction_profiles/google/daydream_controller",
                                    "/interaction_profiles/htc/vive_pro",
                                    "/interaction_profiles/microsoft/xbox_controller",
                                    "/interaction_profiles/oculus/go_controller"};
constexpr std::array<const char*, 2> kHandPaths{"/user/hand/left", "/user/hand/right"};
constexpr std::array kSimpleInputs{"/input/select/click", "/input/select", "/input/menu/click", "/input/menu",
                                   "/input/grip/pose",    "/input/grip",   "/input/aim/pose",   "/input/aim",
                                   "/output/haptic"};

// A binding path split: /user/hand/<hand><rest>, rest = /input/<id>[/<component>] or /output/haptic.
struct Binding {
  int hand = -1;
  std::string identifier;  // select, trigger, thumbstick, grip, haptic, ...
  std::string component;   // click, value, x, pose, ... or empty
  bool output = false;
};

std::optional<Binding> splitBinding(const std::string& path) {
  Binding b;
  std::string rest;
  for (int h = 0; h < 2; ++h) {
    const std::string prefix = kHandPaths[h];
    if (path.rfind(prefix + "/", 0) == 0) {
      b.hand = h;
      rest = path.substr(prefix.size());
    }
  }
  if (b.hand < 0) return std::nullopt;
  std::vector<std::string> parts;
  for (std::size_t start = 1; start <= rest.size();) {
    std::size_t end = rest.find('/', start);
    if (end == std::string::npos) end = rest.size();
    parts.push_back(rest.substr(start, end - start));
    start = end + 1;
  }
  if (parts.size() < 2 || parts.size() > 3 || (parts[0] != "input" && parts[0] != "output")) return std::nullopt;
  b.output = parts[0] == "output";
  b.identifier = parts[1];
  if (parts.size() == 3) b.component = parts[2];
  return b;
}

bool bindingAllowed(const std::string& profile, const std::string& path) {
  if (profile == kSimpleProfile) {
    for (int h = 0; h < 2; ++h)
      for (const char* input : kSimpleInputs)
        if (path == std::string(kHandPaths[h]) + input) return true;
    return false;
  }
  // Other profiles: any well-formed hand input or output path, or the gamepad/head.
  return splitBinding(path).has_value() || path.rfind("/user/gamepad/", 0) == 0 || path.rfind("/user/head/", 0) == 0;
}

// What a bound input reads on the simulated controller.
struct InputValue {
  enum class Kind { Scalar, Vector, Pose, None } kind = Kind::None;
  float value = 0.f;
  XrVector2f vec{0.f, 0.f};
};

InputValue read(const ControllerState& c, const Binding& b) {
  using K = InputValue::Kind;
  auto scalar = [](float v) { return InputValue{K::Scalar, v, {}}; };
  auto button = [&](bool v) { return scalar(v ? 1.f : 0.f); };
  const std::string& id = b.identifier;
  const std::string& comp = b.component;
  if (b.output) return {};
  if (id == "grip" || id == "aim") return InputValue{K::Pose, 0.f, {}};
  if (id == "select") return button(c.select);
  if (id == "menu") return button(c.menu);
  if (id == "a" || id == "b" || id == "x" || id == "y") {
    if (comp == "touch") return button(false);
    return button(id == "a" ? c.a : id == "b" ? c.b : id == "x" ? c.x : c.y);
  }
  if (id == "trigger" || id == "squeeze") {
    const float v = id == "trigger" ? c.trigger : c.squeeze;
    if (comp == "click") return button(v > 0.5f);
    if (comp == "touch") return button(v > 0.f);
    return scalar(v);
  }
  if (id == "thumbstick" || id == "trackpad") {
    if (comp == "x") return scalar(c.thumbstick.x);
    if (comp == "y") return scalar(c.thumbstick.y);
    if (comp == "click") return button(c.thumbstickClick);
    if (comp == "touch") return button(c.thumbstick.x != 0.f || c.thumbstick.y != 0.f);
    return InputValue{K::Vector, 0.f, c.thumbstick};
  }
  return {};
}

double currentFrame(const Session& s) { return s.nextFrame == 0 ? 0.0 : static_cast<double>(s.nextFrame - 1); }

// The bindings of an action in the hand's current profile.
std::vector<Binding> boundInputs(const Instance& instance, const Session& session, std::uint64_t actionId, int hand) {
  std::vector<Binding> out;
  const XrPath profile = session.profile[hand];
  if (profile == XR_NULL_PATH) return out;
  const auto it = instance.suggestions.find(profile);
  if (it == instance.suggestions.end()) return out;
  for (const auto& [action, path] : it->second) {
    if (action != actionId) continue;
    const std::string* text = instance.paths.find(path);
    if (text == nullptr) continue;
    if (auto b = splitBinding(*text); b && b->hand == hand) out.push_back(*b);
  }
  return out;
}

bool sessionAttached(const Session& session, std::uint64_t actionSetId) {
  return std::find(session.attachedSets.begin(), session.attachedSets.end(), actionSetId) != session.attachedSets.end();
}

bool validName(const char* name, std::size_t max) {
  const std::size_t n = strnlen(name, max);
  if (n == 0 || n == max) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

// Looks up the session and the action of a get-info, with the checks every getter shares.
XrResult actionForSession(XrSession handle, XrAction actionHandle, XrActionType expected, XrPath subaction,
                          std::shared_ptr<Session>& session, std::shared_ptr<Instance>& instance,
                          std::shared_ptr<Action>& action, int& hand) {
  if (XrResult r = findSession(handle, session, instance); XR_FAILED(r)) return r;
  action = runtime().actions.find(toId(actionHandle));
  if (!action || action->instanceId != instance->id) return XR_ERROR_HANDLE_INVALID;
  if (action->type != expected) return XR_ERROR_ACTION_TYPE_MISMATCH;
  if (!sessionAttached(*session, action->actionSetId)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  return subactionHand(*instance, *action, subaction, hand);
}

// The state for one hand, or both merged (largest magnitude wins) for hand -1.
ActionStateRecord stateFor(const Session& session, std::uint64_t actionId, int hand) {
  ActionStateRecord merged;
  for (int h = 0; h < 2; ++h) {
    if (hand >= 0 && h != hand) continue;
    const auto it = session.actionStates.find({actionId, h});
    if (it == session.actionStates.end() || !it->second.active) continue;
    const ActionStateRecord& r = it->second;
    if (!merged.active || std::abs(r.value) > std::abs(merged.value)) merged.value = r.value;
    if (!merged.active || std::hypot(r.vec.x, r.vec.y) > std::hypot(merged.vec.x, merged.vec.y)) merged.vec = r.vec;
    merged.changed = merged.changed || r.changed;
    merged.lastChangeTime = std::max(merged.lastChangeTime, r.lastChangeTime);
    merged.active = true;
  }
  return merged;
}

void syncAction(const Instance& instance, Session& session, const Action& action, XrTime now, bool focused) {
  for (int h = 0; h < 2; ++h) {
    ActionStateRecord next;
    if (focused) {
      const ControllerState c = instance.script.hands[h].at(currentFrame(session));
      for (const Binding& b : boundInputs(instance, session, action.id, h)) {
        const InputValue v = read(c, b);
        if (v.kind == InputValue::Kind::Scalar && action.type != XR_ACTION_TYPE_VECTOR2F_INPUT) {
          if (!next.active || std::abs(v.value) > std::abs(next.value)) next.value = v.value;
          next.active = true;
        } else if (v.kind == InputValue::Kind::Vector && action.type == XR_ACTION_TYPE_VECTOR2F_INPUT) {
          if (!next.active || std::hypot(v.vec.x, v.vec.y) > std::hypot(next.vec.x, next.vec.y)) next.vec = v.vec;
          next.active = true;
        } else if (v.kind == InputValue::Kind::Pose && action.type == XR_ACTION_TYPE_POSE_INPUT) {
          next.active = true;
        } else if (b.output && action.type == XR_ACTION_TYPE_VIBRATION_OUTPUT) {
          next.active = true;
        }
      }
    }
    ActionStateRecord& prev = session.actionStates[{action.id, h}];
    const bool boolType = action.type == XR_ACTION_TYPE_BOOLEAN_INPUT;
    const bool differs = boolType ? (prev.value > 0.5f) != (next.value > 0.5f)
                                  : prev.value != next.value || prev.vec.x != next.vec.x || prev.vec.y != next.vec.y;
    next.changed = prev.active && next.active && differs;
    next.lastChangeTime = next.changed || (next.active && !prev.active) ? now : prev.lastChangeTime;
    prev = next;
  }
}

XrResult localizedName(const Instance& instance, const Session& session, const XrInputSourceLocalizedNameGetInfo& info,
                       std::string& out) {
  const std::string* text = instance.paths.find(info.sourcePath);
  if (text == nullptr) return XR_ERROR_PATH_INVALID;
  const auto b = splitBinding(*text);
  if (!b) return XR_ERROR_PATH_UNSUPPORTED;
  std::vector<std::string> words;
  if (info.whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT)
    words.push_back(b->hand == 0 ? "Left Hand" : "Right Hand");
  if (info.whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT) {
    const std::string* profile = instance.paths.find(session.profile[b->hand]);
    words.push_back(profile != nullptr && *profile == kTouchProfile ? "Touch Controller" : "Simple Controller");
  }
  if (info.whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT) {
    std::string c = b->identifier + (b->component.empty() ? "" : " " + b->component);
    c[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(c[0])));
    words.push_back(c);
  }
  out.clear();
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return XR_SUCCESS;
}

template <typename State>
void fillCommon(State& state, const ActionStateRecord& r) {
  state.changedSinceLastSync = r.changed ? XR_TRUE : XR_FALSE;
  state.lastChangeTime = r.lastChangeTime;
  state.isActive = r.active ? XR_TRUE : XR_FALSE;
}

// The shared part of the xrGetActionState* calls: checks, lookup, merge of hands.
template <typename State, typename Fill>
XrResult getActionState(const char* call, XrSession handle, const XrActionStateGetInfo* info, State* state,
                        XrStructureType stateType, XrActionType actionType, Fill fill) {
  return guarded(call, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    if (info == nullptr || state == nullptr || info->type != XR_TYPE_ACTION_STATE_GET_INFO || state->type != stateType)
      return XR_ERROR_VALIDATION_FAILURE;
    std::shared_ptr<Session> session;
    std::shared_ptr<Instance> instance;
    std::shared_ptr<Action> action;
    int hand = -1;
    if (XrResult r = actionForSession(handle, info->action, actionType, info->subactionPath, session, instance, action, hand);
        XR_FAILED(r))
      return r;
    fill(*state, stateFor(*session, action->id, hand));
    return XR_SUCCESS;
  });
}

// Starts or stops the simulated vibration on the hands the haptic action is bound to.
XrResult setVibration(const char* call, XrSession handle, const XrHapticActionInfo* info, bool on) {
  return guarded(call, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    if (info == nullptr || info->type != XR_TYPE_HAPTIC_ACTION_INFO) return XR_ERROR_VALIDATION_FAILURE;
    std::shared_ptr<Session> session;
    std::shared_ptr<Instance> instance;
    std::shared_ptr<Action> action;
    int hand = -1;
    if (XrResult r = actionForSession(handle, info->action, XR_ACTION_TYPE_VIBRATION_OUTPUT, info->subactionPath,
                                      session, instance, action, hand);
        XR_FAILED(r))
      return r;
    for (int h = 0; h < 2; ++h) {
      if ((hand >= 0 && hand != h) || (on && !stateFor(*session, action->id, h).active)) continue;
      session->vibrating[h] = on;
      log().debug("session {:#x}: haptic {} on {}", session->id, on ? "started" : "stopped", kHandPaths[h]);
    }
    return session->state == XR_SESSION_STATE_FOCUSED ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
  });
}

}  // namespace

void destroyActionSet(std::uint64_t id) {
  runtime().actions.eraseIf([&](const Action& a) { return a.actionSetId == id; });
  runtime().actionSets.erase(id);
}

XrResult subactionHand(Instance& instance, const Action& action, XrPath subactionPath, int& hand) {
  hand = -1;
  if (subactionPath == XR_NULL_PATH) return XR_SUCCESS;
  if (std::find(action.subactionPaths.begin(), action.subactionPaths.end(), subactionPath) == action.subactionPaths.end())
    return XR_ERROR_PATH_UNSUPPORTED;
  for (int h = 0; h < 2; ++h)
    if (instance.paths.get(kHandPaths[h]) == subactionPath) hand = h;
  return XR_SUCCESS;
}

std::optional<XrPosef> handPose(const Instance& instance, const Session& session, std::uint64_t actionId, int hand,
                                XrTime time) {
  if (session.state != XR_SESSION_STATE_FOCUSED) return std::nullopt;
  for (int h = 0; h < 2; ++h) {
    if (hand >= 0 && h != hand) continue;
    for (const Binding& b : boundInputs(instance, session, actionId, h)) {
      const double frame = session.frameAt(time);
      if (b.identifier == "grip") return instance.script.hands[h].grip.at(frame);
      if (b.identifier == "aim") return instance.script.hands[h].aim.at(frame);
    }
  }
  return std::nullopt;
}

namespace api {

XrResult xrCreateActionSet(XrInstance handle, const XrActionSetCreateInfo* info, XrActionSet* out) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (info == nullptr || out == nullptr || info->type != XR_TYPE_ACTION_SET_CREATE_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    if (!validName(info->actionSetName, XR_MAX_ACTION_SET_NAME_SIZE)) return XR_ERROR_PATH_FORMAT_INVALID;
    if (strnlen(info->localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE) == 0)
      return XR_ERROR_LOCALIZED_NAME_INVALID;
    XrResult duplicate = XR_SUCCESS;
    runtime().actionSets.forEach([&](const ActionSet& s) {
      if (s.instanceId != instance.id) return;
      if (s.name == info->actionSetName) duplicate = XR_ERROR_NAME_DUPLICATED;
      else if (s.localizedName == info->localizedActionSetName) duplicate = XR_ERROR_LOCALIZED_NAME_DUPLICATED;
    });
    if (XR_FAILED(duplicate)) return duplicate;
    auto set = std::make_shared<ActionSet>();
    set->id = runtime().newId();
    set->instanceId = instance.id;
    set->name = info->actionSetName;
    set->localizedName = info->localizedActionSetName;
    runtime().actionSets.add(set->id, set);
    *out = toHandle<XrActionSet>(set->id);
    return XR_SUCCESS;
  });
}

XrResult xrDestroyActionSet(XrActionSet handle) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    auto set = runtime().actionSets.find(toId(handle));
    if (!set) return XR_ERROR_HANDLE_INVALID;
    destroyActionSet(set->id);
    return XR_SUCCESS;
  });
}

XrResult xrCreateAction(XrActionSet setHandle, const XrActionCreateInfo* info, XrAction* out) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    auto set = runtime().actionSets.find(toId(setHandle));
    if (!set) return XR_ERROR_HANDLE_INVALID;
    std::shared_ptr<Instance> instance;
    if (XrResult r = findInstance(toHandle<XrInstance>(set->instanceId), instance); XR_FAILED(r)) return r;
    if (info == nullptr || out == nullptr || info->type != XR_TYPE_ACTION_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    if (!validName(info->actionName, XR_MAX_ACTION_NAME_SIZE)) return XR_ERROR_PATH_FORMAT_INVALID;
    if (strnlen(info->localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE) == 0) return XR_ERROR_LOCALIZED_NAME_INVALID;
    switch (info->actionType) {
      case XR_ACTION_TYPE_BOOLEAN_INPUT: case XR_ACTION_TYPE_FLOAT_INPUT: case XR_ACTION_TYPE_VECTOR2F_INPUT:
      case XR_ACTION_TYPE_POSE_INPUT: case XR_ACTION_TYPE_VIBRATION_OUTPUT: break;
      default: return XR_ERROR_VALIDATION_FAILURE;
    }
    if (info->countSubactionPaths > 0 && info->subactionPaths == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::set<XrPath> seen;
    for (std::uint32_t i = 0; i < info->countSubactionPaths; ++i) {
      const std::string* p = instance->paths.find(info->subactionPaths[i]);
      if (p == nullptr) return XR_ERROR_PATH_INVALID;
      const bool topLevel = *p == kHandPaths[0] || *p == kHandPaths[1] || *p == "/user/head" || *p == "/user/gamepad";
      if (!topLevel || !seen.insert(info->subactionPaths[i]).second) return XR_ERROR_PATH_UNSUPPORTED;
    }
    XrResult duplicate = XR_SUCCESS;
    runtime().actions.forEach([&](const Action& a) {
      if (a.actionSetId != set->id) return;
      if (a.name == info->actionName) duplicate = XR_ERROR_NAME_DUPLICATED;
      else if (a.localizedName == info->localizedActionName) duplicate = XR_ERROR_LOCALIZED_NAME_DUPLICATED;
    });
    if (XR_FAILED(duplicate)) return duplicate;
    auto action = std::make_shared<Action>();
    action->id = runtime().newId();
    action->actionSetId = set->id;
    action->instanceId = instance->id;
    action->name = info->actionName;
    action->localizedName = info->localizedActionName;
    action->type = info->actionType;
    action->subactionPaths.assign(info->subactionPaths, info->subactionPaths + info->countSubactionPaths);
    runtime().actions.add(action->id, action);
    *out = toHandle<XrAction>(action->id);
    return XR_SUCCESS;
  });
}

XrResult xrDestroyAction(XrAction handle) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    if (!runtime().actions.find(toId(handle))) return XR_ERROR_HANDLE_INVALID;
    runtime().actions.erase(toId(handle));
    return XR_SUCCESS;
  });
}

XrResult xrSuggestInteractionProfileBindings(XrInstance handle, const XrInteractionProfileSuggestedBinding* info) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (info == nullptr || info->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING ||
        info->countSuggestedBindings == 0 || info->suggestedBindings == nullptr)
      return XR_ERROR_VALIDATION_FAILURE;
    const std::string* profile = instance.paths.find(info->interactionProfile);
    if (profile == nullptr) return XR_ERROR_PATH_INVALID;
    if (std::find(kKnownProfiles.begin(), kKnownProfiles.end(), *profile) == kKnownProfiles.end())
      return XR_ERROR_PATH_UNSUPPORTED;
    bool attached = false;
    runtime().actionSets.forEach([&](const ActionSet& s) { attached |= s.instanceId == instance.id && s.attached; });
    if (attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    std::vector<std::pair<std::uint64_t, XrPath>> bindings;
    for (std::uint32_t i = 0; i < info->countSuggestedBindings; ++i) {
      const XrActionSuggestedBinding& s = info->suggestedBindings[i];
      auto action = runtime().actions.find(toId(s.action));
      if (!action || action->instanceId != instance.id) return XR_ERROR_HANDLE_INVALID;
      const std::string* binding = instance.paths.find(s.binding);
      if (binding == nullptr) return XR_ERROR_PATH_INVALID;
      if (!bindingAllowed(*profile, *binding)) {
        log().warn("xrSuggestInteractionProfileBindings: {} is not a binding of {}", *binding, *profile);
        return XR_ERROR_PATH_UNSUPPORTED;
      }
      bindings.emplace_back(action->id, s.binding);
    }
    instance.suggestions[info->interactionProfile] = std::move(bindings);
    return XR_SUCCESS;
  });
}

XrResult xrAttachSessionActionSets(XrSession handle, const XrSessionActionSetsAttachInfo* info) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO || info->countActionSets == 0 ||
        info->actionSets == nullptr)
      return XR_ERROR_VALIDATION_FAILURE;
    if (!session.attachedSets.empty()) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    std::vector<std::shared_ptr<ActionSet>> sets;
    for (std::uint32_t i = 0; i < info->countActionSets; ++i) {
      auto set = runtime().actionSets.find(toId(info->actionSets[i]));
      if (!set || set->instanceId != instance.id) return XR_ERROR_HANDLE_INVALID;
      sets.push_back(set);
    }
    for (auto& set : sets) {
      set->attached = true;
      session.attachedSets.push_back(set->id);
    }
    bool changed = false;
    for (int h = 0; h < 2; ++h) {
      for (const char* candidate : kEmulatedProfiles) {
        const XrPath p = instance.paths.get(candidate);
        const auto it = instance.suggestions.find(p);
        if (it == instance.suggestions.end()) continue;
        const bool onThisHand = std::any_of(it->second.begin(), it->second.end(), [&](const auto& b) {
          const std::string* text = instance.paths.find(b.second);
          const auto split = text ? splitBinding(*text) : std::nullopt;
          return split && split->hand == h;
        });
        if (!onThisHand) continue;
        session.profile[h] = p;
        changed = true;
        log().info("session {:#x}: {} uses {}", session.id, kHandPaths[h], candidate);
        break;
      }
    }
    if (changed) {
      auto event = xrStruct<XrEventDataInteractionProfileChanged>(XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED);
      event.session = handle;
      instance.events.push(event);
    }
    return XR_SUCCESS;
  });
}

XrResult xrGetCurrentInteractionProfile(XrSession handle, XrPath topLevelUserPath, XrInteractionProfileState* state) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (state == nullptr || state->type != XR_TYPE_INTERACTION_PROFILE_STATE) return XR_ERROR_VALIDATION_FAILURE;
    if (session.attachedSets.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    const std::string* user = instance.paths.find(topLevelUserPath);
    if (user == nullptr) return XR_ERROR_PATH_INVALID;
    state->interactionProfile = XR_NULL_PATH;
    if (*user == kHandPaths[0]) state->interactionProfile = session.profile[0];
    else if (*user == kHandPaths[1]) state->interactionProfile = session.profile[1];
    else if (*user != "/user/head" && *user != "/user/gamepad") return XR_ERROR_PATH_UNSUPPORTED;
    return XR_SUCCESS;
  });
}

XrResult xrSyncActions(XrSession handle, const XrActionsSyncInfo* info) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || info->type != XR_TYPE_ACTIONS_SYNC_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (info->countActiveActionSets > 0 && info->activeActionSets == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::set<std::uint64_t> active;
    for (std::uint32_t i = 0; i < info->countActiveActionSets; ++i) {
      const auto id = toId(info->activeActionSets[i].actionSet);
      if (!runtime().actionSets.find(id)) return XR_ERROR_HANDLE_INVALID;
      if (!sessionAttached(session, id)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
      active.insert(id);
    }
    const bool focused = session.state == XR_SESSION_STATE_FOCUSED;
    const XrTime now = runtime().clock.nowNs();
    runtime().actions.forEach([&](const Action& a) {
      if (sessionAttached(session, a.actionSetId)) syncAction(instance, session, a, now, focused && active.count(a.actionSetId));
    });
    return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
  });
}

XrResult xrGetActionStateBoolean(XrSession handle, const XrActionStateGetInfo* info, XrActionStateBoolean* state) {
  return getActionState(__func__, handle, info, state, XR_TYPE_ACTION_STATE_BOOLEAN, XR_ACTION_TYPE_BOOLEAN_INPUT,
                        [](XrActionStateBoolean& st, const ActionStateRecord& rec) {
                          fillCommon(st, rec);
                          st.currentState = rec.value > 0.5f ? XR_TRUE : XR_FALSE;
                        });
}

XrResult xrGetActionStateFloat(XrSession handle, const XrActionStateGetInfo* info, XrActionStateFloat* state) {
  return getActionState(__func__, handle, info, state, XR_TYPE_ACTION_STATE_FLOAT, XR_ACTION_TYPE_FLOAT_INPUT,
                        [](XrActionStateFloat& st, const ActionStateRecord& rec) {
                          fillCommon(st, rec);
                          st.currentState = rec.value;
                        });
}

XrResult xrGetActionStateVector2f(XrSession handle, const XrActionStateGetInfo* info, XrActionStateVector2f* state) {
  return getActionState(__func__, handle, info, state, XR_TYPE_ACTION_STATE_VECTOR2F, XR_ACTION_TYPE_VECTOR2F_INPUT,
                        [](XrActionStateVector2f& st, const ActionStateRecord& rec) {
                          fillCommon(st, rec);
                          st.currentState = rec.vec;
                        });
}

XrResult xrGetActionStatePose(XrSession handle, const XrActionStateGetInfo* info, XrActionStatePose* state) {
  return getActionState(__func__, handle, info, state, XR_TYPE_ACTION_STATE_POSE, XR_ACTION_TYPE_POSE_INPUT,
                        [](XrActionStatePose& st, const ActionStateRecord& rec) {
                          st.isActive = rec.active ? XR_TRUE : XR_FALSE;
                        });
}

XrResult xrEnumerateBoundSourcesForAction(XrSession handle, const XrBoundSourcesForActionEnumerateInfo* info,
                                          uint32_t capacity, uint32_t* count, XrPath* sources) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || info->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    auto action = runtime().actions.find(toId(info->action));
    if (!action || action->instanceId != instance.id) return XR_ERROR_HANDLE_INVALID;
    if (!sessionAttached(session, action->actionSetId)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    std::vector<XrPath> bound;
    for (int h = 0; h < 2; ++h) {
      const auto it = instance.suggestions.find(session.profile[h]);
      if (it == instance.suggestions.end()) continue;
      for (const auto& [a, path] : it->second) {
        const std::string* text = instance.paths.find(path);
        const auto b = text ? splitBinding(*text) : std::nullopt;
        if (a == action->id && b && b->hand == h && std::find(bound.begin(), bound.end(), path) == bound.end())
          bound.push_back(path);
      }
    }
    return fillArray(capacity, count, sources, bound, [](XrPath& o, XrPath p) { o = p; });
  });
}

XrResult xrGetInputSourceLocalizedName(XrSession handle, const XrInputSourceLocalizedNameGetInfo* info,
                                       uint32_t capacity, uint32_t* count, char* buffer) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || info->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO || info->whichComponents == 0)
      return XR_ERROR_VALIDATION_FAILURE;
    if (session.attachedSets.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    std::string name;
    if (XrResult r = localizedName(instance, session, *info, name); XR_FAILED(r)) return r;
    return fillString(capacity, count, buffer, name);
  });
}

XrResult xrApplyHapticFeedback(XrSession handle, const XrHapticActionInfo* info, const XrHapticBaseHeader* haptic) {
  if (haptic == nullptr || haptic->type != XR_TYPE_HAPTIC_VIBRATION) return XR_ERROR_VALIDATION_FAILURE;
  return setVibration(__func__, handle, info, true);
}

XrResult xrStopHapticFeedback(XrSession handle, const XrHapticActionInfo* info) {
  return setVibration(__func__, handle, info, false);
}

}  // namespace api
}  // namespace ps::sim
