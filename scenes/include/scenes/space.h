#pragma once
// Points and directions in the viewer's space: OpenXR's and glTF's convention,
// right-handed, +Y up, -Z forward, metres. Angles follow FFmpeg's v360: yaw is
// right-positive, pitch up-positive, both in degrees.
namespace ps::scenes {

struct Vec3 {
  double x = 0, y = 0, z = 0;
  friend bool operator==(const Vec3&, const Vec3&) = default;
};

// The unit vector seen at (yaw, pitch) from the origin: (0, 0) is -Z, yaw 90 is +X, pitch 90 is +Y.
Vec3 directionFromYawPitch(double yawDeg, double pitchDeg);

// The inverse for a non-zero vector: yaw in (-180, 180], pitch in [-90, 90].
struct YawPitch {
  double yawDeg = 0, pitchDeg = 0;
};
YawPitch yawPitchFromDirection(const Vec3& v);

Vec3 operator+(const Vec3& a, const Vec3& b);
Vec3 operator*(const Vec3& v, double s);
Vec3 lerp(const Vec3& a, const Vec3& b, double f);
double length(const Vec3& v);

}  // namespace ps::scenes
