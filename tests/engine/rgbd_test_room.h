#pragma once
// The RGB-D layer tests' analytic room, as a 360 capture would record it from its centre: a
// wall all round (a sphere of 5 m) with a green marker to the right, and a red panel (the front
// face of a box) 1.5 m straight ahead. Colour and depth are computed per pixel from the
// geometry, and the depth is written with scenes' depthCode in each encoding the layer reads.
#include <cstdint>
#include <string>

#include <glm/vec3.hpp>

#include "engine_test.h"
#include "scenes/rgbd_depth.h"

namespace ps::test {

struct RgbdRoom {
  static constexpr float kWallM = 5.0f;
  static constexpr float kBoxM = 1.5f;  // the panel's distance straight ahead
  static constexpr float kBoxHalfM = 0.3f;  // its half width and half height
  static constexpr float kMarkerLongitudeDeg = 22.0f;  // the marker's centre, right of ahead
  static constexpr float kMarkerHalfDeg = 1.5f;
  static constexpr glm::u8vec3 kWallColour{70, 90, 140};
  static constexpr glm::u8vec3 kBoxColour{210, 40, 40};
  static constexpr glm::u8vec3 kMarkerColour{40, 200, 60};

  // Metres from the capture point along the ray through picture coordinates (u, v) in 0..1.
  static double depthAlong(double u, double v);
  // The stage points whose projections the tests predict (capture point at `origin`).
  static glm::vec3 boxCentre(glm::vec3 origin) { return origin + glm::vec3(0.0f, 0.0f, -kBoxM); }
  static glm::vec3 markerCentre(glm::vec3 origin);
};

// One depth encoding under test: its coding and the picture format that carries it.
struct RgbdCase {
  std::string name;
  DepthCoding coding;
  PixelFormat format;
  ColorRange range = ColorRange::Full;
};

// The room's colour (Yuv444P, BT.709 full range) and its depth in `c`'s format, width x height.
OwnedFrame roomColour(std::uint32_t width, std::uint32_t height);
OwnedFrame roomDepth(const RgbdCase& c, std::uint32_t width, std::uint32_t height);

// Depthkit's hue coding on the CPU: the R'G'B' (0..1) of hue h (0 red, 1/3 green, 2/3 blue).
glm::vec3 hueRgb(double h);

}  // namespace ps::test
