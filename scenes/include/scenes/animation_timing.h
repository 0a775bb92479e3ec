#pragma once
// Shot time to an animation's own time: the animation starts at shot time `start`, at its own
// time `offset`, runs at `speed` (negative plays it backwards), and either holds its first and
// last poses outside its keys or, with `loop`, wraps round its duration. A pure function.
#include <string>

namespace ps::scenes {

struct AnimationTiming {
  double start = 0.0;   // shot seconds
  double offset = 0.0;  // animation seconds at `start`
  double speed = 1.0;
  bool loop = false;
  friend bool operator==(const AnimationTiming&, const AnimationTiming&) = default;
};

// The animation a set plays (shot.json's "animation" of a gltf medium): chosen by name, on its
// own timing.
struct SetAnimation {
  std::string name;
  AnimationTiming timing;
  friend bool operator==(const SetAnimation&, const SetAnimation&) = default;
};

// Before `start` the animation holds the pose at `offset`. With `loop` and a positive
// `duration`, the result lies in [0, duration).
double animationTime(const AnimationTiming& timing, double duration, double shotTime);

}  // namespace ps::scenes
