#pragma once
// XrSpace: reference spaces and action spaces, all resolved to STAGE (floor origin),
// the frame the script's poses are written in.
#include <cstdint>
#include <optional>

#include "xr_headers.h"

namespace ps::sim {

struct Instance;
struct Session;

struct Space {
  std::uint64_t id = 0;
  std::uint64_t sessionId = 0;
  XrReferenceSpaceType referenceType = XR_REFERENCE_SPACE_TYPE_STAGE;
  std::uint64_t actionId = 0;  // non-zero for an action space
  int hand = -1;                // action spaces: 0 left, 1 right
  XrPosef offset{};             // pose in the reference or action pose
};

// LOCAL's origin in STAGE: where the head starts, at eye height, facing -Z.
XrPosef localOrigin(const Instance& instance);
XrPosef headPose(const Instance& instance, const Session& session, XrTime time);
// The space's pose in STAGE at time, or nothing when it is not tracked (an action
// space whose action is unbound or inactive).
std::optional<XrPosef> stagePose(const Instance& instance, const Session& session, const Space& space, XrTime time);

}  // namespace ps::sim
