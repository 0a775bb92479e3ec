#pragma once
// Rigid-pose maths on OpenXR's own structs. Right-handed, +Y up, -Z forward, metres.
#include <openxr/openxr.h>

namespace ps::sim {

XrPosef identityPose();
XrQuaternionf multiply(const XrQuaternionf& a, const XrQuaternionf& b);
XrVector3f rotate(const XrQuaternionf& q, const XrVector3f& v);
// a * b: b expressed in a's frame, returned in a's parent frame.
XrPosef multiply(const XrPosef& a, const XrPosef& b);
XrPosef inverse(const XrPosef& p);
XrQuaternionf normalize(const XrQuaternionf& q);
// Yaw turns left about +Y, pitch looks up about +X, roll tilts about -Z (counter-clockwise
// as seen by the viewer); applied yaw, then pitch, then roll. Degrees.
XrQuaternionf fromYawPitchRollDeg(double yaw, double pitch, double roll);
// Linear position, shortest-arc spherical orientation; t in [0, 1].
XrPosef interpolate(const XrPosef& a, const XrPosef& b, double t);

}  // namespace ps::sim
