#include "scenes/layout.h"

#include <cmath>

namespace ps {

std::string_view toString(Projection p) {
  switch (p) {
    case Projection::Equirect360: return "360";
    case Projection::Equirect180: return "180";
  }
  return "?";
}

std::string_view toString(StereoLayout s) {
  switch (s) {
    case StereoLayout::Mono: return "mono";
    case StereoLayout::TopBottom: return "top-bottom";
    case StereoLayout::LeftRight: return "left-right";
  }
  return "?";
}

std::string_view toString(Eye e) { return e == Eye::Left ? "left" : "right"; }

std::string_view toString(LayoutSource s) {
  switch (s) {
    case LayoutSource::Metadata: return "metadata";
    case LayoutSource::Manifest: return "manifest";
    case LayoutSource::Guess: return "guess";
    case LayoutSource::Flag: return "flag";
  }
  return "?";
}

std::optional<Projection> parseProjection(std::string_view s) {
  if (s == "360") return Projection::Equirect360;
  if (s == "180") return Projection::Equirect180;
  return std::nullopt;
}

std::optional<StereoLayout> parseStereoLayout(std::string_view s) {
  if (s == "mono") return StereoLayout::Mono;
  if (s == "top-bottom") return StereoLayout::TopBottom;
  if (s == "left-right") return StereoLayout::LeftRight;
  return std::nullopt;
}

std::optional<Eye> parseEye(std::string_view s) {
  if (s == "left") return Eye::Left;
  if (s == "right") return Eye::Right;
  return std::nullopt;
}

FrameLayout guessLayout(int width, int height) {
  // An equirect eye covers 360x180 degrees (2:1) or 180x180 (1:1) at square pixels.
  // Ordered by how common each is among published captures.
  FrameLayout l;
  l.projectionSource = l.stereoSource = LayoutSource::Guess;
  const double aspect = height > 0 ? static_cast<double>(width) / height : 2.0;
  auto near = [&](double a) { return std::abs(aspect - a) < 0.05 * a; };
  if (near(2.0)) {
    // Either mono 360, or VR180 side by side (two 1:1 eyes); mono 360 is far more common.
    l.projection = Projection::Equirect360;
    l.stereo = StereoLayout::Mono;
  } else if (near(1.0)) {
    l.projection = Projection::Equirect360;
    l.stereo = StereoLayout::TopBottom;
  } else if (near(4.0)) {
    l.projection = Projection::Equirect360;
    l.stereo = StereoLayout::LeftRight;
  } else if (near(0.5)) {
    l.projection = Projection::Equirect180;
    l.stereo = StereoLayout::TopBottom;
  } else {
    l.projection = Projection::Equirect360;
    l.stereo = StereoLayout::Mono;
  }
  return l;
}

}  // namespace ps
