// Playback without a plate, in-process on an offscreen display: a bare animated glTF set and a
// shot of sets only play on their own timelines, the set drawn where its animation says at the
// shot time shown, looping at the end. A green unlit triangle 2 m in front of the eye slides 1 m
// to the right over its 1 s animation; 90 degrees across 200 pixels puts its centroid,
// (x, 1.6, -2), at column 100 + 50 x.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/rgba_image.h"
#include "engine/view.h"
#include "gltf_files.h"
#include "player/player_loop.h"
#include "player/sets_span.h"
#include "player/shot_playback.h"
#include "xr/offscreen_display.h"

namespace ps::test {
namespace {

using nlohmann::json;
constexpr std::uint32_t kSize = 200;


// The mean column of the green pixels; -1 for none.
double greenCentroidColumn(const engine::RgbaImage& image) {
  double sum = 0;
  int n = 0;
  for (std::uint32_t y = 0; y < image.height; ++y)
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = &image.pixels[(std::size_t{y} * image.width + x) * 4];
      if (p[1] > 150 && p[0] < 80 && p[2] < 80) {
        sum += x + 0.5;
        ++n;
      }
    }
  return n > 100 ? sum / n : -1;
}

struct Frame {
  double shotSeconds = 0;
  std::uint64_t loopWraps = 0;
  bool picture = false;  // the player gave a plate picture
  double column = -1;
};

// Plays `playback` for `frames` display frames (one shot frame each) looking straight ahead.
std::vector<Frame> play(player::ShotPlayback& playback, std::uint64_t frames) {
  xr::OffscreenDisplayOptions o;
  o.width = kSize;
  o.height = kSize;
  o.startTime = 100;
  o.step = playback.frameSeconds;
  o.view = [](std::uint64_t, double) { return engine::viewFromV360({0, 0, 0, 90, 90}); };
  o.readBack = [](std::uint64_t) { return true; };
  auto display = xr::OffscreenDisplay::create(o);
  if (!display) {
    ADD_FAILURE() << display.error().message();
    return {};
  }
  std::vector<Frame> shown;
  player::PlayerLoopOptions options = playback.loopOptions();
  options.maxFrames = frames;
  options.afterFrame = [&](const xr::DisplayFrame& frame, const media::PlayerFrame& now) {
    Frame f;
    f.shotSeconds = now.state.positionSeconds;
    f.loopWraps = now.state.loopWraps;
    f.picture = now.frame != nullptr;
    if ((*display)->pixelsIndex() == frame.index) f.column = greenCentroidColumn((*display)->pixels().front());
    shown.push_back(f);
  };
  player::PlayerLoop loop(**display, *playback.player, options);
  loop.run();
  EXPECT_EQ((*display)->device().validationMessageCount(), 0u);
  return shown;
}

// Every frame shows the triangle where the slide puts it at the shot time shown (x = t, held at
// 1 after the last key), over 0..1 s, and wraps from the end back to the start.
void expectTheSlide(const std::vector<Frame>& shown) {
  ASSERT_GE(shown.size(), 40u);
  double latest = 0;
  for (const Frame& f : shown) {
    EXPECT_FALSE(f.picture);
    EXPECT_GE(f.shotSeconds, 0.0);
    EXPECT_LT(f.shotSeconds, 1.0);
    EXPECT_NEAR(f.column, 100.0 + 50.0 * std::min(f.shotSeconds, 1.0), 1.5) << "at " << f.shotSeconds << " s";
    latest = std::max(latest, f.shotSeconds);
  }
  // It moved: near the start and near the end of the slide, the triangle 45 pixels apart.
  EXPECT_NEAR(shown.front().column, 100.0, 3.0);
  EXPECT_GT(latest, 0.9);
  EXPECT_GE(shown.back().loopWraps, 1u);
}

TEST(PlatelessPlay, ABareSetPlaysItsFirstAnimationAndLoops) {
  TempPackage pkg;
  const auto file = pkg.write("slide.gltf", slidingTriangle(true));
  auto playback = player::openShotPlayback(file.string(), "", /*withAudio=*/false);
  ASSERT_TRUE(playback) << playback.error().message();
  player::ShotPlayback& p = **playback;
  EXPECT_FALSE(p.player->hasPlate());
  EXPECT_DOUBLE_EQ(p.inSeconds, 0.0);
  ASSERT_TRUE(p.outSeconds);
  EXPECT_DOUBLE_EQ(*p.outSeconds, 1.0);  // the animation's length
  EXPECT_NEAR(p.frameSeconds, 1.0 / 30, 1e-12);
  expectTheSlide(play(p, 45));
}

TEST(PlatelessPlay, AStillBareSetPlaysTheDefaultSpan) {
  TempPackage pkg;
  const auto file = pkg.write("still.gltf", slidingTriangle(false));
  auto playback = player::openShotPlayback(file.string(), "", /*withAudio=*/false);
  ASSERT_TRUE(playback) << playback.error().message();
  ASSERT_TRUE((*playback)->outSeconds);
  EXPECT_DOUBLE_EQ(*(*playback)->outSeconds, player::kStillSetsSeconds);
  const std::vector<Frame> shown = play(**playback, 5);
  ASSERT_EQ(shown.size(), 5u);
  for (const Frame& f : shown) EXPECT_NEAR(f.column, 100.0, 1.5);
}

TEST(PlatelessPlay, AShotWithoutAPlatePlaysItsSetsOnItsTimeline) {
  TempPackage pkg;
  pkg.write("slide.gltf", slidingTriangle(true));
  // No out: the set's animation ends the shot. The marker comes along.
  pkg.write("shot.json", R"({ "format": "perfectshot/1", "title": "Sets only",
    "timeline": { "fps": 30 },
    "media": [ { "id": "set", "kind": "gltf", "src": "slide.gltf", "animation": { "name": "slide" } } ],
    "markers": [ { "id": "m", "t_in": 0, "t_out": 0.5, "at": { "yaw_deg": 90, "pitch_deg": 0, "distance_m": 3 },
                   "title": "Here", "category": "production" } ] })");
  auto playback = player::openShotPlayback((pkg.dir() / "shot.json").string(), "", /*withAudio=*/false);
  ASSERT_TRUE(playback) << playback.error().message();
  player::ShotPlayback& p = **playback;
  EXPECT_FALSE(p.player->hasPlate());
  ASSERT_TRUE(p.outSeconds);
  EXPECT_DOUBLE_EQ(*p.outSeconds, 1.0);
  EXPECT_EQ(p.sets.size(), 1u);
  EXPECT_EQ(p.markers.size(), 1u);
  EXPECT_EQ(p.shotFile, pkg.dir() / "shot.json");
  expectTheSlide(play(p, 45));
}

}  // namespace
}  // namespace ps::test
