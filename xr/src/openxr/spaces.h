#pragma once
// The app's reference space (STAGE where the runtime has one, else LOCAL) and the VIEW
// space, owned together. recenter() turns the app space so the user's current heading
// becomes forward (-Z) and moves its origin under the head; only the heading matters for
// a picture at infinity, and pitch and roll stay level so the horizon does too.
#include <array>
#include <optional>

#include <glm/vec3.hpp>

#include "xr_handle.h"

namespace ps::xr::openxr {

class Spaces {
 public:
  explicit Spaces(XrSession session);

  XrSpace app() const { return app_.get(); }
  XrSpace view() const { return view_.get(); }
  XrReferenceSpaceType type() const { return type_; }

  // Locates the head at `time` in the current app space and recreates the app space around
  // it. Does nothing when the head pose is not valid, or while the app space is locked.
  void recenter(XrTime time);
  // The app space's pose in the base reference space, as a point and a turn about +Y.
  XrPosef offset() const { return offset_; }
  // Recreates the app space at `offset` and locks it (recenter() leaves it); or unlocks it.
  void lockAt(const XrPosef& offset);
  void unlock() { locked_ = false; }
  // The base space's bounds rectangle (STAGE only) as floor corners in the app space.
  std::optional<std::array<glm::vec3, 4>> boundsInApp() const;

 private:
  XrSession session_;
  XrReferenceSpaceType type_ = XR_REFERENCE_SPACE_TYPE_LOCAL;
  XrPosef offset_{{0, 0, 0, 1}, {0, 0, 0}};  // of the app space in the base reference space
  bool locked_ = false;
  SpaceHandle app_;
  SpaceHandle view_;
};

}  // namespace ps::xr::openxr
