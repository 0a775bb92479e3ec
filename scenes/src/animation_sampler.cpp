#include "scenes/animation_sampler.h"

#include <algorithm>
#include <cmath>

namespace ps::scenes {

namespace {

// Key k's value (CUBICSPLINE: the middle of its three groups).
const float* keyValue(const AnimationSampler& s, std::size_t k) {
  const std::size_t groups = s.interpolation == Interpolation::CubicSpline ? 3 : 1;
  return s.values.data() + (k * groups + (groups == 3 ? 1 : 0)) * s.width;
}

void normalise(std::span<float> q) {
  float length = 0.0f;
  for (float v : q) length += v * v;
  length = std::sqrt(length);
  if (length > 0.0f)
    for (float& v : q) v /= length;
}

// Spherical interpolation along the shorter arc; near-parallel keys fall back to a linear blend,
// which is normalised afterwards like every rotation.
void slerp(const float* a, const float* b, float s, std::span<float> out) {
  float dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
  float sign = 1.0f;
  if (dot < 0.0f) {
    dot = -dot;
    sign = -1.0f;
  }
  float wa = 1.0f - s, wb = s;
  if (dot < 0.9995f) {
    const float angle = std::acos(dot);
    const float sine = std::sin(angle);
    wa = std::sin((1.0f - s) * angle) / sine;
    wb = std::sin(s * angle) / sine;
  }
  for (std::size_t c = 0; c < 4; ++c) out[c] = wa * a[c] + sign * wb * b[c];
}

}  // namespace

void sampleAt(const AnimationSampler& s, float time, bool rotation, std::span<float> out) {
  const std::size_t keys = s.times.size();
  const std::size_t w = s.width;
  if (keys == 0 || out.size() != w) return;
  std::size_t k = 0;  // the key at or before `time`; the next key is after it
  bool hold = false;
  if (!(time > s.times.front())) {
    hold = true;
  } else if (time >= s.times.back()) {
    k = keys - 1;
    hold = true;
  } else {
    k = static_cast<std::size_t>(std::upper_bound(s.times.begin(), s.times.end(), time) - s.times.begin()) - 1;
    hold = s.interpolation == Interpolation::Step;
  }
  if (hold) {
    std::copy_n(keyValue(s, k), w, out.begin());
    if (rotation) normalise(out);
    return;
  }
  const float t0 = s.times[k], t1 = s.times[k + 1];
  const float interval = t1 - t0;
  const float u = (time - t0) / interval;
  const float* v0 = keyValue(s, k);
  const float* v1 = keyValue(s, k + 1);
  if (s.interpolation == Interpolation::Linear) {
    if (rotation) {
      slerp(v0, v1, u, out);
    } else {
      for (std::size_t c = 0; c < w; ++c) out[c] = v0[c] + u * (v1[c] - v0[c]);
    }
  } else {
    const float* outTangent0 = v0 + w;  // key k's out-tangent follows its value
    const float* inTangent1 = v1 - w;   // key k+1's in-tangent precedes its value
    const float u2 = u * u, u3 = u2 * u;
    const float h00 = 2 * u3 - 3 * u2 + 1, h10 = u3 - 2 * u2 + u, h01 = -2 * u3 + 3 * u2, h11 = u3 - u2;
    for (std::size_t c = 0; c < w; ++c)
      out[c] = h00 * v0[c] + h10 * interval * outTangent0[c] + h01 * v1[c] + h11 * interval * inTangent1[c];
  }
  if (rotation) normalise(out);
}

}  // namespace ps::scenes
