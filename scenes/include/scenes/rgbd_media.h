#pragma once
// What an "rgbd" medium of shot.json says about its depth: where the depth picture is, how its
// code values become metres, and the rendering choices the shot makes for it. Plain data read
// with the rest of the shot (shot_loader.h); the format is in scenes/FORMAT.md.
#include <filesystem>
#include <optional>
#include <string>

#include "scenes/rgbd_depth.h"

namespace ps::scenes {

inline constexpr double kDefaultDiscontinuity = 0.1;  // relative depth step that drops a triangle
inline constexpr double kDefaultHeadBoxM = 0.5;       // edge of the cube of full parallax, metres
inline constexpr double kDefaultStereoBaselineM = 0.064;  // between a stereo capture's eyes, metres

struct RgbdMedia {
  DepthPacking packing = DepthPacking::TopBottom;
  // The depth video when packing is Separate (its frame i is the depth of colour frame i);
  // empty for TopBottom.
  std::string depthSrc;             // as written
  std::filesystem::path depthPath;  // resolved, inside the package folder
  DepthCoding coding;
  // The bit depth the depth plane is declared to carry (8, 10, 12 or 16); absent: whatever
  // the video decodes to. Decoding checks the plane against it.
  std::optional<int> bits;
  double discontinuity = kDefaultDiscontinuity;  // > 0
  double headBoxM = kDefaultHeadBoxM;            // metres, > 0
  // A stereo capture's eyes: how far apart their rays start (a 180 capture's two cameras side by
  // side; a 360 capture's omnidirectional stereo circle's diameter). Absent: not given
  // (kDefaultStereoBaselineM is used for a stereo capture).
  std::optional<double> stereoBaselineM;
  // The id of another rgbd medium drawn behind this one where its dropped triangles open
  // holes (layered depth); empty: the colour at the far depth fills them.
  std::string background;
  friend bool operator==(const RgbdMedia&, const RgbdMedia&) = default;
};

}  // namespace ps::scenes
