// Reference and action spaces, xrLocateSpace and xrLocateViews.
#include "space.h"

#include <array>
#include <cmath>
#include <numbers>

#include "actions.h"
#include "api.h"
#include "instance.h"
#include "math.h"
#include "runtime.h"
#include "session.h"

namespace ps::sim {
namespace {

bool validReferenceType(XrReferenceSpaceType t) {
  return t == XR_REFERENCE_SPACE_TYPE_VIEW || t == XR_REFERENCE_SPACE_TYPE_LOCAL || t == XR_REFERENCE_SPACE_TYPE_STAGE;
}

bool validPose(const XrPosef& p) {
  const auto& q = p.orientation;
  const float n = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  return std::isfinite(n) && std::abs(n - 1.f) < 0.01f && std::isfinite(p.position.x) &&
         std::isfinite(p.position.y) && std::isfinite(p.position.z);
}

constexpr float kDegToRad = std::numbers::pi_v<float> / 180.f;

}  // namespace

XrPosef localOrigin(const Instance& instance) {
  XrPosef start = instance.script.head.at(0.0);
  start.orientation = {0.f, 0.f, 0.f, 1.f};
  return start;
}

XrPosef headPose(const Instance& instance, const Session& session, XrTime time) {
  return instance.script.head.at(session.frameAt(time));
}

std::optional<XrPosef> stagePose(const Instance& instance, const Session& session, const Space& space, XrTime time) {
  if (space.actionId != 0) {
    const auto pose = handPose(instance, session, space.actionId, space.hand, time);
    if (!pose) return std::nullopt;
    return multiply(*pose, space.offset);
  }
  switch (space.referenceType) {
    case XR_REFERENCE_SPACE_TYPE_VIEW: return multiply(headPose(instance, session, time), space.offset);
    case XR_REFERENCE_SPACE_TYPE_LOCAL: return multiply(localOrigin(instance), space.offset);
    default: return space.offset;
  }
}

namespace api {

XrResult xrEnumerateReferenceSpaces(XrSession handle, uint32_t capacity, uint32_t* count, XrReferenceSpaceType* spaces) {
  return withSession(__func__, handle, false, [&](Session&, Instance&) {
    static constexpr std::array kTypes{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL,
                                       XR_REFERENCE_SPACE_TYPE_STAGE};
    return fillArray(capacity, count, spaces, kTypes, [](auto& o, auto t) { o = t; });
  });
}

XrResult xrCreateReferenceSpace(XrSession handle, const XrReferenceSpaceCreateInfo* info, XrSpace* out) {
  return withSession(__func__, handle, false, [&](Session& session, Instance&) {
    if (info == nullptr || out == nullptr || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    if (!validReferenceType(info->referenceSpaceType)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
    if (!validPose(info->poseInReferenceSpace)) return XR_ERROR_POSE_INVALID;
    auto space = std::make_shared<Space>();
    space->id = runtime().newId();
    space->sessionId = session.id;
    space->referenceType = info->referenceSpaceType;
    space->offset = info->poseInReferenceSpace;
    runtime().spaces.add(space->id, space);
    *out = toHandle<XrSpace>(space->id);
    return XR_SUCCESS;
  });
}

XrResult xrGetReferenceSpaceBoundsRect(XrSession handle, XrReferenceSpaceType type, XrExtent2Df* bounds) {
  return withSession(__func__, handle, false, [&](Session&, Instance&) {
    if (bounds == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (!validReferenceType(type)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
    if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
      *bounds = {0.f, 0.f};
      return XR_SPACE_BOUNDS_UNAVAILABLE;
    }
    *bounds = {3.f, 3.f};  // a 3 m x 3 m play area centred on the stage origin
    return XR_SUCCESS;
  });
}

XrResult xrCreateActionSpace(XrSession handle, const XrActionSpaceCreateInfo* info, XrSpace* out) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || out == nullptr || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    auto action = runtime().actions.find(toId(info->action));
    if (!action) return XR_ERROR_HANDLE_INVALID;
    if (action->type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
    if (!validPose(info->poseInActionSpace)) return XR_ERROR_POSE_INVALID;
    int hand = -1;
    if (XrResult r = subactionHand(instance, *action, info->subactionPath, hand); XR_FAILED(r)) return r;
    auto space = std::make_shared<Space>();
    space->id = runtime().newId();
    space->sessionId = session.id;
    space->actionId = action->id;
    space->hand = hand;
    space->offset = info->poseInActionSpace;
    runtime().spaces.add(space->id, space);
    *out = toHandle<XrSpace>(space->id);
    return XR_SUCCESS;
  });
}

XrResult xrDestroySpace(XrSpace handle) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    auto space = runtime().spaces.find(toId(handle));
    if (!space) return XR_ERROR_HANDLE_INVALID;
    runtime().spaces.erase(space->id);
    return XR_SUCCESS;
  });
}

XrResult xrLocateSpace(XrSpace spaceHandle, XrSpace baseHandle, XrTime time, XrSpaceLocation* location) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    auto space = runtime().spaces.find(toId(spaceHandle));
    auto base = runtime().spaces.find(toId(baseHandle));
    if (!space || !base) return XR_ERROR_HANDLE_INVALID;
    std::shared_ptr<Session> session;
    std::shared_ptr<Instance> instance;
    if (XrResult r = findSession(toHandle<XrSession>(space->sessionId), session, instance); XR_FAILED(r)) return r;
    if (base->sessionId != space->sessionId) return XR_ERROR_VALIDATION_FAILURE;
    if (location == nullptr || location->type != XR_TYPE_SPACE_LOCATION) return XR_ERROR_VALIDATION_FAILURE;
    if (time <= 0) return XR_ERROR_TIME_INVALID;
    const auto a = stagePose(*instance, *session, *space, time);
    const auto b = stagePose(*instance, *session, *base, time);
    if (!a || !b) {
      location->locationFlags = 0;
      location->pose = identityPose();
      return XR_SUCCESS;
    }
    location->pose = multiply(inverse(*b), *a);
    location->locationFlags = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
                              XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
    return XR_SUCCESS;
  });
}

XrResult xrLocateViews(XrSession handle, const XrViewLocateInfo* info, XrViewState* state, uint32_t capacity,
                       uint32_t* count, XrView* views) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || state == nullptr || info->type != XR_TYPE_VIEW_LOCATE_INFO ||
        state->type != XR_TYPE_VIEW_STATE)
      return XR_ERROR_VALIDATION_FAILURE;
    if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
      return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
    auto base = runtime().spaces.find(toId(info->space));
    if (!base || base->sessionId != session.id) return XR_ERROR_HANDLE_INVALID;
    if (views != nullptr && capacity >= 2)
      for (std::uint32_t i = 0; i < 2; ++i)
        if (views[i].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    const auto basePose = stagePose(instance, session, *base, info->displayTime);
    const XrPosef head = headPose(instance, session, info->displayTime);
    const DisplayConfig& d = instance.script.display;
    const std::array<float, 2> eyeX{-d.ipdM / 2.f, d.ipdM / 2.f};
    state->viewStateFlags = basePose ? XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                                           XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT
                                     : 0;
    return fillArray(capacity, count, views, eyeX, [&](XrView& v, float x) {
      const XrPosef eye = multiply(head, XrPosef{{0.f, 0.f, 0.f, 1.f}, {x, 0.f, 0.f}});
      v.pose = basePose ? multiply(inverse(*basePose), eye) : identityPose();
      v.fov = {d.fovLeftDeg * kDegToRad, d.fovRightDeg * kDegToRad, d.fovUpDeg * kDegToRad, d.fovDownDeg * kDegToRad};
    });
  });
}

}  // namespace api
}  // namespace ps::sim
