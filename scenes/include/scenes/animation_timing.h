#pragma once
// Shot time to an animation's own time: the animation starts at shot time `start`, at its own
// time `offset`, runs at `speed` (negative plays it backwards), and either holds its first and
// last poses outside its keys or, with `loop`, wraps round its duration. A pure function.
namespace ps::scenes {

struct AnimationTiming {
  double start = 0.0;   // shot seconds
  double offset = 0.0;  // animation seconds at `start`
  double speed = 1.0;
  bool loop = false;
};

// Before `start` the animation holds the pose at `offset`. With `loop` and a positive
// `duration`, the result lies in [0, duration).
double animationTime(const AnimationTiming& timing, double duration, double shotTime);

}  // namespace ps::scenes
