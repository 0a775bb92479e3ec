// The demo's RGB-D capture (tools/media/make-demo.sh: ps_make_rgbd into scenes/demo/rgbd): its
// shot.json declares the top-bottom inverse depth, and the project's own decoder reads from its
// video the room's distances (the near box at 1.5 m, the far box at 3 m, the back wall at 5 m)
// and the frame stamp of every frame.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>

#include "make_rgbd/rgbd_room.h"
#include "media/frame_stamp.h"
#include "media/video_source.h"
#include "scenes/rgbd_depth.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
const fs::path kRgbd = fs::path(PS_SOURCE_DIR) / "scenes" / "demo" / "rgbd";

// What the depth half (the lower one) of the frame says at the pixel that `toward` falls on, and
// what the room says there (its ray is up to half a pixel off `toward`).
struct Sample {
  double decoded = 0;
  make_rgbd::RoomHit truth;
};
Sample sampleToward(const FrameView& v, const DepthCoding& coding, glm::dvec3 toward, std::size_t frame) {
  const int w = static_cast<int>(v.width), eyeH = static_cast<int>(v.height / 2);
  const auto px = make_rgbd::rayPixel(Projection::Equirect360, glm::normalize(toward), w, eyeH);
  const int x = static_cast<int>(std::lround(px[0])), y = static_cast<int>(std::lround(px[1]));
  std::uint16_t code;
  std::memcpy(&code, v.planes[0].data + static_cast<std::size_t>(y + eyeH) * v.planes[0].stride + 2 * static_cast<std::size_t>(x), 2);
  return {depthMetres(coding, code / 1023.0), make_rgbd::castRay(make_rgbd::pixelRay(Projection::Equirect360, x, y, w, eyeH), frame)};
}

// Half a 10-bit inverse step at d metres (0.5..10 m): d^2 (1/near - 1/far) / 1023 / 2, and a hair.
double halfStep(double d) { return d * d * 1.9 / 1023 / 2 * 1.01; }

TEST(DemoRgbd, TheCaptureHoldsTheRoomsDistancesFrameByFrame) {
  const auto shot = nlohmann::json::parse(std::ifstream(kRgbd / "shot.json"));
  const auto& m = shot["media"][0];
  ASSERT_EQ(m["kind"], "rgbd");
  ASSERT_EQ(m["depth"]["packing"], "top-bottom");
  ASSERT_EQ(m["depth"]["encoding"], "inverse");
  ASSERT_EQ(m["depth"]["bits"], 10);
  const DepthCoding coding{DepthEncoding::Inverse, m["depth"]["near_m"].get<double>(), m["depth"]["far_m"].get<double>()};

  auto video = media::VideoSource::open((kRgbd / m["src"].get<std::string>()).string());
  ASSERT_TRUE(video) << video.error().message();
  int frames = 0;
  for (;;) {
    auto next = video->next();
    ASSERT_TRUE(next) << next.error().message();
    if (!*next) break;
    const FrameView& v = (*next)->view();
    ASSERT_EQ(v.format, PixelFormat::Yuv420P10);
    EXPECT_EQ(media::readFrameStamp(v), frames);
    // Each surface where the room has it, at the decoded depth within half a 10-bit inverse step
    // (2 mm at 1.5 m, 6 mm at 2.5 m, 23 mm at 5 m).
    const auto f = static_cast<std::size_t>(frames);
    const glm::dvec3 moving(-1.6, -0.4, -make_rgbd::movingBoxMetres(f));
    for (auto [toward, surface] : {std::pair{glm::dvec3(0, 0, -1), make_rgbd::Surface::NearBox},
                                   {glm::dvec3(0, 0, 1), make_rgbd::Surface::BackWall},
                                   {glm::dvec3(1.4, 0, -3), make_rgbd::Surface::FarBox},
                                   {moving, make_rgbd::Surface::MovingBox}}) {
      const Sample s = sampleToward(v, coding, toward, f);
      EXPECT_EQ(s.truth.surface, surface) << "frame " << frames;
      EXPECT_NEAR(s.decoded, s.truth.metres, halfStep(s.truth.metres)) << "frame " << frames;
    }
    // Straight ahead and behind are the named distances (the pixel's ray is 0.2 degrees off).
    EXPECT_NEAR(sampleToward(v, coding, {0, 0, -1}, f).decoded, make_rgbd::kNearBoxMetres, 0.003);
    EXPECT_NEAR(sampleToward(v, coding, {0, 0, 1}, f).decoded, make_rgbd::kWallMetres, 0.025);
    ++frames;
  }
  EXPECT_EQ(frames, static_cast<int>(std::lround(shot["timeline"]["out"].get<double>() * 30)));
}

}  // namespace
}  // namespace ps::test
