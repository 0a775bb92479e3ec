#pragma once
// What one eye (or one camera) looks at: a pose in stage space and an asymmetric field of view.
// Stage space is OpenXR's: right-handed, +Y up, -Z forward, metres.
#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace ps::engine {

// Angles in radians from the view direction, with OpenXR's XrFovf semantics:
// angleLeft and angleDown are negative for a view that is centred on its direction.
struct Fov {
  float angleLeft = 0;
  float angleRight = 0;
  float angleUp = 0;
  float angleDown = 0;
};

// A symmetric field of view from full horizontal and vertical angles in degrees.
Fov symmetricFov(float horizontalDeg, float verticalDeg);

struct View {
  glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};  // rotates view space into stage space
  glm::vec3 position{0.0f};                        // metres; an equirect is at infinity, so unused there
  Fov fov;
};

// The camera of FFmpeg's v360 filter (input=e:output=flat), in its units: degrees.
// yaw turns right, pitch looks up, roll as v360 rotates (rotation order "ypr": roll is applied
// in the camera's frame first, then pitch, then yaw). The same numbers give the same picture as
// `ffmpeg -vf v360=input=e:output=flat:yaw=..:pitch=..:roll=..:h_fov=..:v_fov=..`.
struct V360Camera {
  float yawDeg = 0;
  float pitchDeg = 0;
  float rollDeg = 0;
  float hFovDeg = 90;
  float vFovDeg = 45;
};

View viewFromV360(const V360Camera& camera);

}  // namespace ps::engine
