#pragma once
// Narration markers: what the production team placed in space and time, and
// where and how visible a marker is at a given shot time. Plain data.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scenes/caption.h"
#include "scenes/space.h"

namespace ps::scenes {

// The fixed set of marker categories; each has its icon in the renderer.
enum class MarkerCategory { Camera, Light, Sound, Performance, Set, History, Production };

std::string_view toString(MarkerCategory c);  // "camera", "light", ...
std::optional<MarkerCategory> parseMarkerCategory(std::string_view s);
const std::vector<MarkerCategory>& allMarkerCategories();

// On the sphere around the viewer's origin, at a distance (the card's depth).
struct DirectionPlacement {
  double yawDeg = 0;      // [-180, 180], right-positive
  double pitchDeg = 0;    // [-90, 90], up-positive
  double distanceM = 3;   // metres, > 0
  friend bool operator==(const DirectionPlacement&, const DirectionPlacement&) = default;
};

// A point in stage space (metres), e.g. a floor mark.
struct StagePlacement {
  Vec3 position;
  friend bool operator==(const StagePlacement&, const StagePlacement&) = default;
};

using MarkerPlacement = std::variant<DirectionPlacement, StagePlacement>;

// A narration clip and its optional captions, both package-relative files.
struct Narration {
  std::string src;              // as written
  std::filesystem::path path;   // resolved inside the package
  std::string captionsSrc;      // as written; empty: no captions
  std::filesystem::path captionsPath;
  std::vector<CaptionCue> captions;
  friend bool operator==(const Narration&, const Narration&) = default;
};

inline constexpr double kDefaultFadeSeconds = 0.5;
inline constexpr double kDefaultMarkerDistanceM = 3.0;

struct Marker {
  std::string id;
  double tIn = 0, tOut = 0;  // shot seconds; active in [tIn, tOut)
  double fadeIn = kDefaultFadeSeconds, fadeOut = kDefaultFadeSeconds;  // seconds, inside the window
  MarkerPlacement placement = DirectionPlacement{};
  std::string title, text;
  MarkerCategory category = MarkerCategory::Production;
  std::optional<Narration> narration;
  friend bool operator==(const Marker&, const Marker&) = default;
};

// Where the marker stands, in metres from the viewer's origin.
Vec3 markerPosition(const Marker& m);
// The unit direction from the origin toward the marker (-Z when it stands at the origin).
Vec3 markerDirection(const Marker& m);
// 0 outside [tIn, tOut); ramps linearly 0 -> 1 over fadeIn and 1 -> 0 over fadeOut.
double markerOpacity(const Marker& m, double t);
bool markerActive(const Marker& m, double t);

}  // namespace ps::scenes
