#include "spaces.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "xr_check.h"

namespace ps::xr::openxr {

namespace {

SpaceHandle makeSpace(XrSession session, XrReferenceSpaceType type, const XrPosef& pose) {
  auto info = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  info.referenceSpaceType = type;
  info.poseInReferenceSpace = pose;
  XrSpace space = XR_NULL_HANDLE;
  PS_XR_CHECK(xrCreateReferenceSpace(session, &info, &space));
  return SpaceHandle(space);
}

glm::quat toGlm(const XrQuaternionf& q) { return glm::quat(q.w, q.x, q.y, q.z); }
XrQuaternionf toXr(const glm::quat& q) { return {q.x, q.y, q.z, q.w}; }

}  // namespace

Spaces::Spaces(XrSession session) : session_(session) {
  std::uint32_t count = 0;
  PS_XR_CHECK(xrEnumerateReferenceSpaces(session, 0, &count, nullptr));
  std::vector<XrReferenceSpaceType> types(count);
  PS_XR_CHECK(xrEnumerateReferenceSpaces(session, count, &count, types.data()));
  if (std::find(types.begin(), types.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != types.end())
    type_ = XR_REFERENCE_SPACE_TYPE_STAGE;
  else
    spdlog::info("openxr: no STAGE space; using LOCAL");
  app_ = makeSpace(session, type_, offset_);
  view_ = makeSpace(session, XR_REFERENCE_SPACE_TYPE_VIEW, XrPosef{{0, 0, 0, 1}, {0, 0, 0}});
}

std::optional<std::array<glm::vec3, 4>> Spaces::boundsInApp() const {
  if (type_ != XR_REFERENCE_SPACE_TYPE_STAGE) return std::nullopt;
  XrExtent2Df extent{};
  const XrResult r = PS_XR_CHECK(xrGetReferenceSpaceBoundsRect(session_, type_, &extent));
  if (r == XR_SPACE_BOUNDS_UNAVAILABLE || !(extent.width > 0 && extent.height > 0)) return std::nullopt;
  // The rectangle is centred on the base space's origin: into the app space, the offset undone.
  const glm::quat turn = toGlm(offset_.orientation);
  const glm::vec3 at(offset_.position.x, offset_.position.y, offset_.position.z);
  const float w = 0.5f * extent.width, d = 0.5f * extent.height;
  std::array<glm::vec3, 4> corners{glm::vec3(-w, 0, -d), glm::vec3(w, 0, -d), glm::vec3(w, 0, d), glm::vec3(-w, 0, d)};
  for (glm::vec3& c : corners) c = glm::inverse(turn) * (c - at);
  return corners;
}

void Spaces::lockAt(const XrPosef& offset) {
  offset_ = offset;
  app_ = makeSpace(session_, type_, offset_);
  locked_ = true;
}

void Spaces::recenter(XrTime time) {
  if (locked_) {
    spdlog::info("openxr: the stage is aligned to the room; a recentre would move it, so it stays");
    return;
  }
  auto location = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  PS_XR_CHECK(xrLocateSpace(view_.get(), app_.get(), time, &location));
  constexpr XrSpaceLocationFlags kValid = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT;
  if ((location.locationFlags & kValid) != kValid) return;
  // The heading of the head's forward (-Z) in the app space, as a turn about +Y.
  const glm::vec3 forward = toGlm(location.pose.orientation) * glm::vec3(0, 0, -1);
  const float yaw = std::atan2(-forward.x, -forward.z);
  const glm::quat turn = glm::angleAxis(yaw, glm::vec3(0, 1, 0));
  // Compose in the base space: new origin = old origin + head position (floor level kept).
  const glm::quat base = toGlm(offset_.orientation);
  const glm::vec3 head(location.pose.position.x, 0.0f, location.pose.position.z);
  const glm::vec3 origin = glm::vec3(offset_.position.x, offset_.position.y, offset_.position.z) + base * head;
  offset_.orientation = toXr(glm::normalize(base * turn));
  offset_.position = {origin.x, origin.y, origin.z};
  app_ = makeSpace(session_, type_, offset_);
  spdlog::info("openxr: recentered ({:.1f} degrees)", glm::degrees(yaw));
}

}  // namespace ps::xr::openxr
