#pragma once
// Action sets, actions, suggested bindings and the simulated controllers behind them.
// The simulated hands answer to /interaction_profiles/khr/simple_controller (all of
// it) and, when an app suggests no simple bindings, oculus/touch_controller
// (trigger, squeeze, thumbstick, a/b/x/y, menu, grip and aim poses, haptics).
// Bindings for other known profiles are accepted but never become current.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xr_headers.h"

namespace ps::sim {

struct Instance;
struct Session;

struct ActionSet {
  std::uint64_t id = 0;
  std::uint64_t instanceId = 0;
  std::string name;
  std::string localizedName;
  bool attached = false;
};

struct Action {
  std::uint64_t id = 0;
  std::uint64_t actionSetId = 0;
  std::uint64_t instanceId = 0;
  std::string name;
  std::string localizedName;
  XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
  std::vector<XrPath> subactionPaths;
};

void destroyActionSet(std::uint64_t id);
// hand: 0 left, 1 right, -1 for XR_NULL_PATH. PATH_UNSUPPORTED when the action was
// not created with that subaction path.
XrResult subactionHand(Instance& instance, const Action& action, XrPath subactionPath, int& hand);
// A pose action's pose in STAGE for a hand (-1: the first hand it is bound on),
// when the action is bound and the session focused.
std::optional<XrPosef> handPose(const Instance& instance, const Session& session, std::uint64_t actionId, int hand,
                                XrTime time);

}  // namespace ps::sim
