#pragma once
// How a video frame maps onto the sphere: the projection, the stereo packing,
// and where each of those facts came from.
#include <optional>
#include <string_view>

namespace ps {

enum class Projection { Equirect360, Equirect180 };
// TopBottom: left eye on top. LeftRight: left eye on the left.
enum class StereoLayout { Mono, TopBottom, LeftRight };
enum class Eye { Left, Right };
enum class LayoutSource { Metadata, Manifest, Guess, Flag };

struct FrameLayout {
  Projection projection = Projection::Equirect360;
  StereoLayout stereo = StereoLayout::Mono;
  LayoutSource projectionSource = LayoutSource::Guess;
  LayoutSource stereoSource = LayoutSource::Guess;
};

std::string_view toString(Projection p);
std::string_view toString(StereoLayout s);
std::string_view toString(Eye e);
std::string_view toString(LayoutSource s);
// Accepts the manifest spellings: "360", "180"; "mono", "top-bottom", "left-right".
std::optional<Projection> parseProjection(std::string_view s);
std::optional<StereoLayout> parseStereoLayout(std::string_view s);
std::optional<Eye> parseEye(std::string_view s);

// The layout an image of this size most likely has, when nothing says:
// 2:1 mono 360, 1:1 top-bottom 360, 4:1 left-right 360, 2:1 ... see layout.cpp.
FrameLayout guessLayout(int width, int height);

}  // namespace ps
