#include "player/set_pose.h"

#include <algorithm>

#include "scenes/animation_timing.h"

namespace ps::player {

bool SetPose::moveTo(double shotSeconds) {
  const scenes::MeshScene& scene = *set_.scene;
  const scenes::Animation* animation = nullptr;
  float t = 0.0f;
  if (set_.animation >= 0 && static_cast<std::size_t>(set_.animation) < scene.animations.size()) {
    animation = &scene.animations[static_cast<std::size_t>(set_.animation)];
    // Past the last key every sampler holds it: one pose for all those times.
    t = static_cast<float>(std::min<double>(scenes::animationTime(set_.timing, animation->duration(), shotSeconds),
                                            animation->duration()));
  }
  // The pose is a function of the animation's time alone.
  if (time_ && *time_ == t) return false;
  buffers_.compute(scene, animation, t);
  time_ = t;
  ++computed_;
  return true;
}

}  // namespace ps::player
