#pragma once
// A venue: where a shot's stage lies in one real room, kept in a file of its own outside the
// shot package, so that one shot serves many stages and one stage many shots.
//   { "format": "perfectshot-venue/1", "name": "Stage 4",
//     "origin": { "x": 1.0, "y": 0.01, "z": -2.0 }, "yaw_deg": 90.0 }
// `origin` is where the shot's stage origin (the floor under its capture point's x, z) stands in
// the headset runtime's STAGE space (metres; its y is the real floor's height there, which a
// runtime's floor may miss by a few cm); `yaw_deg` turns the shot's stage about +Y,
// counter-clockwise seen from above (OpenXR's sense): at 90 the shot's forward (-Z) runs along
// the room's -X.
// Aligned in the headset by touching the floor twice with a controller: where the shot's origin
// goes, then a point ahead of it along the shot's forward.
#include <filesystem>
#include <string>

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

Result<Venue> readVenue(const std::filesystem::path& file);
// Atomically: a kill during the save leaves the old file or the new one.
Status writeVenue(const std::filesystem::path& file, const Venue& venue);

}  // namespace ps::scenes
