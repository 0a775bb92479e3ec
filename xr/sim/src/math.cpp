#include "math.h"

#include <cmath>
#include <numbers>

namespace ps::sim {

XrPosef identityPose() { return XrPosef{{0.f, 0.f, 0.f, 1.f}, {0.f, 0.f, 0.f}}; }

XrQuaternionf multiply(const XrQuaternionf& a, const XrQuaternionf& b) {
  return XrQuaternionf{a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
                       a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
                       a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
                       a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}

XrVector3f rotate(const XrQuaternionf& q, const XrVector3f& v) {
  const XrQuaternionf p{v.x, v.y, v.z, 0.f};
  const XrQuaternionf conj{-q.x, -q.y, -q.z, q.w};
  const XrQuaternionf r = multiply(multiply(q, p), conj);
  return XrVector3f{r.x, r.y, r.z};
}

XrPosef multiply(const XrPosef& a, const XrPosef& b) {
  const XrVector3f p = rotate(a.orientation, b.position);
  return XrPosef{normalize(multiply(a.orientation, b.orientation)),
                 {a.position.x + p.x, a.position.y + p.y, a.position.z + p.z}};
}

XrPosef inverse(const XrPosef& p) {
  const XrQuaternionf conj{-p.orientation.x, -p.orientation.y, -p.orientation.z, p.orientation.w};
  const XrVector3f t = rotate(conj, p.position);
  return XrPosef{conj, {-t.x, -t.y, -t.z}};
}

XrQuaternionf normalize(const XrQuaternionf& q) {
  const float n = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
  if (n <= 0.f || !std::isfinite(n)) return XrQuaternionf{0.f, 0.f, 0.f, 1.f};
  return XrQuaternionf{q.x / n, q.y / n, q.z / n, q.w / n};
}

static XrQuaternionf axisAngle(float x, float y, float z, double deg) {
  const double half = deg * std::numbers::pi / 360.0;
  const auto s = static_cast<float>(std::sin(half));
  return XrQuaternionf{x * s, y * s, z * s, static_cast<float>(std::cos(half))};
}

XrQuaternionf fromYawPitchRollDeg(double yaw, double pitch, double roll) {
  return normalize(multiply(multiply(axisAngle(0, 1, 0, yaw), axisAngle(1, 0, 0, pitch)),
                            axisAngle(0, 0, -1, roll)));
}

XrPosef interpolate(const XrPosef& a, const XrPosef& b, double t) {
  const auto f = static_cast<float>(t);
  XrPosef out;
  out.position = {a.position.x + (b.position.x - a.position.x) * f,
                  a.position.y + (b.position.y - a.position.y) * f,
                  a.position.z + (b.position.z - a.position.z) * f};
  XrQuaternionf qb = b.orientation;
  float dot = a.orientation.x * qb.x + a.orientation.y * qb.y + a.orientation.z * qb.z +
              a.orientation.w * qb.w;
  if (dot < 0.f) {  // the other hemisphere is the shorter way round
    qb = {-qb.x, -qb.y, -qb.z, -qb.w};
    dot = -dot;
  }
  float wa = 1.f - f;
  float wb = f;
  if (dot < 0.9995f) {
    const float theta = std::acos(dot);
    const float s = std::sin(theta);
    wa = std::sin((1.f - f) * theta) / s;
    wb = std::sin(f * theta) / s;
  }
  out.orientation = normalize({a.orientation.x * wa + qb.x * wb, a.orientation.y * wa + qb.y * wb,
                               a.orientation.z * wa + qb.z * wb, a.orientation.w * wa + qb.w * wb});
  return out;
}

}  // namespace ps::sim
