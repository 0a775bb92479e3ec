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

// Metres at the pixel that `toward` falls on, from the depth half (the lower one) of the frame.
double metresToward(const FrameView& v, const DepthCoding& coding, glm::dvec3 toward) {
  const int eyeH = static_cast<int>(v.height / 2);
  const auto px = make_rgbd::rayPixel(Projection::Equirect360, glm::normalize(toward), static_cast<int>(v.width), eyeH);
  const auto x = static_cast<std::size_t>(std::lround(px[0]));
  const auto y = static_cast<std::size_t>(std::lround(px[1]) + eyeH);
  std::uint16_t code;
  std::memcpy(&code, v.planes[0].data + y * v.planes[0].stride + 2 * x, 2);
  return depthMetres(coding, code / 1023.0);
}

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
    // Inverse 10-bit codes over 0.5..10 m: a step is 1.9/1023 of 1/d, 4 mm at 1.5 m, 17 mm at 3 m,
    // 46 mm at 5 m (half of it either way); the faces are seen square on here.
    EXPECT_NEAR(metresToward(v, coding, {0, 0, -1}), make_rgbd::kNearBoxMetres, 0.004);
    EXPECT_NEAR(metresToward(v, coding, {0, 0, 1}), make_rgbd::kWallMetres, 0.025);
    const glm::dvec3 far(1.4, 0, -3);
    EXPECT_NEAR(metresToward(v, coding, far), glm::length(far), 0.02);
    const glm::dvec3 moving(-1.6, -0.4, -make_rgbd::movingBoxMetres(static_cast<std::size_t>(frames)));
    EXPECT_NEAR(metresToward(v, coding, moving), glm::length(moving), 0.01) << "frame " << frames;
    ++frames;
  }
  EXPECT_EQ(frames, static_cast<int>(std::lround(shot["timeline"]["out"].get<double>() * 30)));
}

}  // namespace
}  // namespace ps::test
