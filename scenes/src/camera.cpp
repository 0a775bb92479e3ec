#include "scenes/camera.h"

#include <algorithm>
#include <cmath>

namespace ps::scenes {

namespace {

// Into (-180, 180].
double wrapDegrees(double a) {
  double w = std::fmod(a, 360.0);
  if (w > 180) w -= 360;
  if (w <= -180) w += 360;
  return w;
}

double lerpAngle(double a, double b, double f) { return wrapDegrees(a + wrapDegrees(b - a) * f); }

CameraState interpolate(const CameraState& a, const CameraState& b, double f) {
  CameraState s;
  s.pose.position = lerp(a.pose.position, b.pose.position, f);
  s.pose.yawDeg = lerpAngle(a.pose.yawDeg, b.pose.yawDeg, f);
  s.pose.pitchDeg = a.pose.pitchDeg + (b.pose.pitchDeg - a.pose.pitchDeg) * f;
  s.pose.rollDeg = lerpAngle(a.pose.rollDeg, b.pose.rollDeg, f);
  s.hfovDeg = a.hfovDeg + (b.hfovDeg - a.hfovDeg) * f;
  return s;
}

}  // namespace

CameraState cameraAt(const FilmCamera& camera, double t) {
  const auto& track = camera.track;
  if (track.empty()) return camera.state;
  if (t <= track.front().t) return track.front().state;
  if (t >= track.back().t) return track.back().state;
  const auto after = std::upper_bound(track.begin(), track.end(), t, [](double v, const CameraKey& k) { return v < k.t; });
  const auto before = after - 1;
  const double span = after->t - before->t;
  const double f = span > 0 ? (t - before->t) / span : 0.0;
  return interpolate(before->state, after->state, f);
}

}  // namespace ps::scenes
