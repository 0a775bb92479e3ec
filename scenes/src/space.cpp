#include "scenes/space.h"

#include <cmath>
#include <numbers>

namespace ps::scenes {

namespace {
constexpr double kRad = std::numbers::pi / 180.0;
}

Vec3 directionFromYawPitch(double yawDeg, double pitchDeg) {
  const double yaw = yawDeg * kRad, pitch = pitchDeg * kRad;
  return {std::sin(yaw) * std::cos(pitch), std::sin(pitch), -std::cos(yaw) * std::cos(pitch)};
}

YawPitch yawPitchFromDirection(const Vec3& v) {
  const double horizontal = std::hypot(v.x, v.z);
  return {std::atan2(v.x, -v.z) / kRad, std::atan2(v.y, horizontal) / kRad};
}

Vec3 operator+(const Vec3& a, const Vec3& b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 operator*(const Vec3& v, double s) { return {v.x * s, v.y * s, v.z * s}; }
Vec3 lerp(const Vec3& a, const Vec3& b, double f) { return a * (1 - f) + b * f; }
double length(const Vec3& v) { return std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z); }

}  // namespace ps::scenes
