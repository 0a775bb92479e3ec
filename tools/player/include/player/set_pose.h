#pragma once
// A placed set's pose on shot time, kept between frames: moveTo() recomputes the pose only when
// the animation's time changes (a paused or held set costs nothing per frame), into vectors it
// keeps (posing every frame allocates nothing once the first pose has sized them).
#include <cstdint>
#include <optional>
#include <span>

#include <glm/mat4x4.hpp>

#include "player/shot_sets.h"
#include "scenes/pose.h"

namespace ps::player {

class SetPose {
 public:
  // `set` (and its scene) must outlive the pose.
  explicit SetPose(const PlacedSet& set) : set_(set) {}
  // The pose at shot time t: its animation's (the rest pose for a set without one). True when
  // it was recomputed (the first call, or another animation time than the last one).
  bool moveTo(double shotSeconds);
  const scenes::Pose& pose() const { return buffers_.pose(); }
  std::span<const glm::mat4> world() const { return buffers_.world(); }
  std::uint64_t computed() const { return computed_; }  // poses computed so far

 private:
  const PlacedSet& set_;
  scenes::PoseBuffers buffers_;
  std::optional<float> time_;
  std::uint64_t computed_ = 0;
};

}  // namespace ps::player
