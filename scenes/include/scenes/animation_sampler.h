#pragma once
// A sampler's value at a time, as glTF defines it: held at the first key before it and at the
// last key after it; STEP holds each key until the next; LINEAR interpolates (rotations by
// spherical interpolation along the shorter arc); CUBICSPLINE is the cubic Hermite spline with
// the stored tangents scaled by the key interval. Rotations come out normalised. A pure
// function of the time: the same time gives the same value whatever was sampled before.
#include <span>

#include "scenes/animation.h"

namespace ps::scenes {

// Writes sampler.width floats to `out` (out.size() must be sampler.width). `rotation` says the
// values are quaternions (x, y, z, w).
void sampleAt(const AnimationSampler& sampler, float time, bool rotation, std::span<float> out);

}  // namespace ps::scenes
