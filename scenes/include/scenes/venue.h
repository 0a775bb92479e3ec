#pragma once
// A venue: where a shot's stage lies in one real room, kept in a file of its own outside the
// shot package, so that one shot serves many stages and one stage many shots.
//   { "format": "perfectshot-venue/1", "name": "Stage 4",
//     "origin": { "x": 1.0, "y": 0.01, "z": -2.0 }, "yaw_deg": 90.0,
//     "bounds_m": { "width": 4.0, "depth": 3.0 } }
// `origin` is where the shot's stage origin (the floor under its capture point's x, z) stands in
// the headset runtime's STAGE space (metres; its y is the real floor's height there, which a
// runtime's floor may miss by a few cm); `yaw_deg` turns the shot's stage about +Y,
// counter-clockwise seen from above (OpenXR's sense): at 90 the shot's forward (-Z) runs along
// the room's -X.
// Aligned in the headset by touching the floor twice with a controller: where the shot's origin
// goes, then a point ahead of it along the shot's forward; or by the room's play area (the
// runtime's STAGE bounds, drawn around the stage): the shot's origin at its centre, its forward
// along the area's -Z, and the area's size kept as `bounds_m` (optional), so that a play area
// redrawn to another size later is noticed.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "scenes/result.h"
#include "scenes/space.h"

namespace ps::scenes {

inline constexpr const char* kVenueFormat = "perfectshot-venue/1";
// Two touches closer than this give no direction worth keeping.
inline constexpr double kMinAlignmentSpanM = 0.3;

struct Venue {
  std::string name;
  Vec3 origin;        // runtime STAGE metres
  double yawDeg = 0;  // counter-clockwise about +Y
  // The play area's size when aligned by it (metres along the room's X and Z); empty otherwise.
  std::optional<std::pair<double, double>> boundsM;
  friend bool operator==(const Venue&, const Venue&) = default;
};

// A floor pose in the runtime's STAGE space: where the app's stage stands and its turn.
struct RoomPose {
  Vec3 position;
  double yawDeg = 0;
};

// A point of a space posed at `pose` in the room, in the room's coordinates.
Vec3 inRoom(const RoomPose& pose, const Vec3& point);
// A point of the shot's stage where the venue puts it in the room.
Vec3 shotToRoom(const Venue& venue, const Vec3& shotPoint);

// The venue that puts the shot's origin at `first` and its forward toward `second` (both where
// a controller touched the floor, room coordinates); the floor's height is their mean. Refused
// when they are closer than kMinAlignmentSpanM on the floor or not finite.
Result<Venue> alignFromTouches(const std::string& name, const Vec3& first, const Vec3& second);
// The venue that puts the shot's origin at the centre of the play area whose floor corners are
// `corners` (room coordinates, in order around it), facing the room's -Z, with its size kept.
// Refused when the corners are not finite or make no area of at least kMinAlignmentSpanM a side.
Result<Venue> alignToPlayArea(const std::string& name, const std::array<Vec3, 4>& corners);
// The play area's size (along the room's X and Z) from its corners.
std::pair<double, double> playAreaSize(const std::array<Vec3, 4>& corners);

Result<Venue> readVenue(const std::filesystem::path& file);
// Atomically: a kill during the save leaves the old file or the new one.
Status writeVenue(const std::filesystem::path& file, const Venue& venue);

}  // namespace ps::scenes
