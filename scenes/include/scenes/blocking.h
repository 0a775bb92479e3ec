#pragma once
// Blocking: what a crew rehearsing on a stage needs around the recreated shot —
// floor marks, the actors' paths over shot time, the dolly track and the
// measurements kept. Plain data; the film camera itself is in camera.h.
// Stage space (space.h): metres, floor at y = 0; a floor point has no y.
#include <optional>
#include <string>
#include <vector>

#include "scenes/space.h"

namespace ps::scenes {

// Blocking stays within this many metres of the stage origin on every axis:
// anything farther is a typo, not a stage.
inline constexpr double kStageLimitM = 100;
inline constexpr double kDefaultFigureHeightM = 1.75;
// A figure height is more than the minimum and at most the maximum, metres.
inline constexpr double kMinFigureHeightM = 0.3;
inline constexpr double kMaxFigureHeightM = 3;
inline constexpr double kDefaultTrailSeconds = 2;

// sRGB components in [0, 1], as a colour picker shows them (not linear light).
struct Colour {
  double r = 1, g = 1, b = 1;
  friend bool operator==(const Colour&, const Colour&) = default;
};

// A point on the stage floor (y = 0), metres.
struct FloorPoint {
  double x = 0, z = 0;
  friend bool operator==(const FloorPoint&, const FloorPoint&) = default;
};

struct FloorMark {
  std::string id;  // unique in the shot
  std::string name;
  Colour colour;
  FloorPoint position;
  std::optional<double> facingYawDeg;  // v360 yaw, right-positive; absent: the mark faces nowhere
  friend bool operator==(const FloorMark&, const FloorMark&) = default;
};

// Where an actor stands at one shot time.
struct ActorKey {
  double t = 0;  // shot seconds
  FloorPoint position;
  friend bool operator==(const ActorKey&, const ActorKey&) = default;
};

struct ActorPath {
  std::string id;     // unique in the shot
  std::string actor;  // who walks it, as the call sheet names them
  Colour colour;
  double figureHeightM = kDefaultFigureHeightM;   // in (kMinFigureHeightM, kMaxFigureHeightM]
  double trailSeconds = kDefaultTrailSeconds;     // how much of the past path shows behind, >= 0
  std::vector<ActorKey> keys;                     // at least one, t strictly increasing
  friend bool operator==(const ActorPath&, const ActorPath&) = default;
};

// The dolly's rails as a polyline on the floor.
struct DollyTrack {
  std::string name;
  std::vector<FloorPoint> points;  // at least two
  friend bool operator==(const DollyTrack&, const DollyTrack&) = default;
};

// A distance measured on the stage and kept for the next rehearsal.
struct Measurement {
  std::string id;  // unique in the shot
  std::string name;
  Vec3 a, b;  // stage metres
  double distanceM() const;
  friend bool operator==(const Measurement&, const Measurement&) = default;
};

struct Blocking {
  std::vector<FloorMark> marks;  // each list in document order
  std::vector<ActorPath> actors;
  std::optional<DollyTrack> dolly;
  std::vector<Measurement> measurements;
  bool empty() const { return marks.empty() && actors.empty() && !dolly && measurements.empty(); }
  friend bool operator==(const Blocking&, const Blocking&) = default;
};

// Where the actor stands at shot time t: held at the first key before it and at
// the last key after it, linear between the two keys around t. A path without
// keys (only a document with errors has one) stands at the stage origin.
FloorPoint actorPositionAt(const ActorPath& path, double t);

// The trail behind the actor at shot time t: where they stood from
// t - trailSeconds to t, as a polyline of the positions at both ends and at
// every key strictly between, in time order, each with its time so that a
// renderer can fade it by age. One point (at t) when trailSeconds is 0.
std::vector<ActorKey> actorTrail(const ActorPath& path, double t);

}  // namespace ps::scenes
