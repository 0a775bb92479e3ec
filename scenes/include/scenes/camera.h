#pragma once
// The original film camera: where it stood, where it looked and how wide, over
// shot time; and optionally a flat clip of the finished film shot. Plain data.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenes/space.h"

namespace ps::scenes {

// Orientation as v360 angles applied yaw, then pitch, then roll (degrees;
// roll is clockwise-positive as seen by the camera).
struct CameraPose {
  Vec3 position;  // metres, stage space
  double yawDeg = 0, pitchDeg = 0, rollDeg = 0;
  friend bool operator==(const CameraPose&, const CameraPose&) = default;
};

struct CameraState {
  CameraPose pose;
  double hfovDeg = 40;  // horizontal field of view, (0, 180)
  friend bool operator==(const CameraState&, const CameraState&) = default;
};

struct CameraKey {
  double t = 0;  // shot seconds; keys are strictly increasing
  CameraState state;
  friend bool operator==(const CameraKey&, const CameraKey&) = default;
};

// The finished film shot as a flat video: its first frame shows at shot time `offset`.
struct FilmClip {
  std::string pointer = "/camera/clip";  // where shot.json says it, for messages
  std::string src;             // as written, package-relative
  std::filesystem::path path;  // resolved inside the package
  double offset = 0;           // shot seconds
  // Clip seconds shown at shot time t (negative before the clip starts).
  double clipTime(double shotTime) const { return shotTime - offset; }
  friend bool operator==(const FilmClip&, const FilmClip&) = default;
};

struct FilmCamera {
  CameraState state;            // the pose when there is no track
  double aspect = 2.39;         // frame width / height, > 0
  std::vector<CameraKey> track; // optional; overrides `state` when not empty
  std::optional<FilmClip> clip;
  friend bool operator==(const FilmCamera&, const FilmCamera&) = default;
};

// The camera at shot time t: `state` without a track; with one, held at the
// first/last key outside it and linear in between (yaw along the shorter way round).
CameraState cameraAt(const FilmCamera& camera, double t);

}  // namespace ps::scenes
