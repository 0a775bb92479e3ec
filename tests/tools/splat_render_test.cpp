// perfectshot render with splat captures: a bare .spz, a shot whose 4D capture is rendered at
// the exact frame each --time asks for (the frame spells its index in its splats' colours,
// read back from the picture), and a marker behind a splat wall drawn dimmed, not hidden.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

#include "engine/eye_camera.h"
#include "engine/view.h"
#include "image.h"
#include "make_splats/object_set.h"
#include "make_splats/splat_sequence.h"
#include "media/splat_files.h"
#include "process.h"
#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;
using ps::test::run;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kSize = 160;

// A wall of opaque splats facing +Z, w x h metres centred on `centre`, of one colour.
ps::scenes::SplatCloud wall(glm::vec3 centre, float w, float h, glm::vec3 colour) {
  const int nx = 40, ny = 30;
  ps::scenes::SplatCloud c;
  c.resize(static_cast<std::size_t>(nx * ny), 0);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const auto k = static_cast<std::size_t>(j * nx + i);
      c.positions[k] = centre + glm::vec3((static_cast<float>(i) / (nx - 1) - 0.5f) * w,
                                          (static_cast<float>(j) / (ny - 1) - 0.5f) * h, 0.0f);
      c.scales[k] = glm::vec3(w / nx, h / ny, 0.002f);
      c.opacities[k] = 0.99f;
      c.baseColors[k] = colour;
    }
  return c;
}

void writeShot(const fs::path& pkg, const std::string& media, const std::string& markers = "[]") {
  std::ofstream(pkg / "shot.json", std::ios::trunc)
      << R"({"format": "perfectshot/1", "title": "splats", "media": [)" << media
      << R"(], "timeline": {"fps": "30", "in": 0, "out": 2}, "markers": )" << markers << "}";
}

ps::test::Image render(const fs::path& input, const fs::path& png, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {kPerfectshot, "render", input.string(), "-o", png.string(), "--size",
                                   std::to_string(kSize) + "x" + std::to_string(kSize), "--hfov", "60", "--vfov", "60"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  const auto r = run(argv);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  return ps::test::loadImage(png.string());
}

double brightness(const ps::test::Image& im, int x, int y) {
  return (im.at(x, y, 0) + im.at(x, y, 1) + im.at(x, y, 2)) / (3.0 * 255.0);
}

TEST(RenderSplats, ABareSpzIsDrawnAtTheStagesOriginWithNoBackground) {
  ps::test::TempDir dir("render_splats");
  ASSERT_TRUE(ps::media::writeSpz(wall({0, 1.6f, -3}, 1.0f, 1.0f, {0.9f, 0.2f, 0.1f}), dir.path() / "wall.spz").ok());
  const auto im = render(dir.path() / "wall.spz", dir.path() / "wall.png");
  // The wall fills the centre (seen from the default capture point, 1.6 m up); the corners are black.
  EXPECT_GT(im.at(kSize / 2, kSize / 2, 0), 180) << "red wall in the middle";
  EXPECT_LT(im.at(kSize / 2, kSize / 2, 2), 80);
  EXPECT_LT(brightness(im, 2, 2), 0.02);
}

TEST(RenderSplats, A4DCaptureShowsTheExactFrameAtEachTime) {
  ps::test::TempDir dir("render_splats");
  const fs::path pkg = dir.path() / "shot";
  fs::create_directories(pkg);
  constexpr double kFps = 10.0;
  ASSERT_TRUE(ps::make_splats::writeSplatSequence(pkg / "capture", 12, kFps).ok());
  writeShot(pkg, R"({"id": "c", "kind": "splat-sequence", "src": "capture", "fps": 10})");
  // Looking at the frame code's row (y 0.85, z -0.6, x -0.75 to 0.75) from 1.5 m in front of it.
  const glm::vec3 eye(0.0f, 0.85f, 0.9f);
  const ps::engine::View view = ps::engine::viewFromV360({0, 0, 0, 60, 60});
  ps::engine::View placed = view;
  placed.position = eye;
  const ps::engine::EyeCamera camera(placed);
  for (int frame : {7, 0, 11, 3}) {
    const auto im = render(pkg / "shot.json", dir.path() / ("f" + std::to_string(frame) + ".png"),
                           {"--time", std::to_string(frame / kFps + 0.01), "--pos", "0,0.85,0.9"});
    const std::uint32_t code = ps::make_splats::decodeFrameCode([&](int bit) {
      const auto px = camera.pixelOf(ps::make_splats::frameCodePosition(bit), {kSize, kSize});
      if (!px) return 0.0;
      return brightness(im, static_cast<int>(px->x), static_cast<int>(px->y));
    });
    EXPECT_EQ(code, static_cast<std::uint32_t>(frame)) << "--time " << frame / kFps;
  }
}

TEST(RenderSplats, AMarkerBehindASplatWallIsDimmedNotHidden) {
  ps::test::TempDir dir("render_splats");
  const fs::path pkg = dir.path() / "shot";
  fs::create_directories(pkg);
  ASSERT_TRUE(ps::media::writeSpz(wall({0, 1.6f, -3}, 2.0f, 2.0f, {0.1f, 0.1f, 0.1f}), pkg / "wall.spz").ok());
  const std::string marker =
      R"([{"id": "m", "t_in": 0, "t_out": 2, "stage": {"x": 0, "y": 1.6, "z": -5}, "title": "Behind", "text": "the wall", "category": "set"}])";
  const auto withWall = [&](bool shown) {
    // A layer that starts after the shot's out never shows: the same shot without the wall.
    return std::string(R"({"id": "w", "kind": "splats", "src": "wall.spz", "start": )") + (shown ? "0" : "100") + "}";
  };
  const auto picture = [&](bool wallShown, bool markers, const std::string& name) {
    writeShot(pkg, withWall(wallShown), marker);
    // At 1 s: markers fade in from their t_in.
    std::vector<std::string> extra = {"--time", "1"};
    if (markers) extra.push_back("--markers");
    return render(pkg / "shot.json", dir.path() / name, extra);
  };
  const auto open = picture(false, true, "open.png"), bare = picture(false, false, "bare.png");
  const auto hidden = picture(true, true, "hidden.png"), wallOnly = picture(true, false, "wall.png");
  // Where the marker draws with nothing in front, how much it adds; and behind the wall.
  double openAdds = 0, hiddenAdds = 0;
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x) {
      openAdds += std::abs(brightness(open, x, y) - brightness(bare, x, y));
      hiddenAdds += std::abs(brightness(hidden, x, y) - brightness(wallOnly, x, y));
    }
  EXPECT_GT(openAdds, 5.0) << "the marker draws over nothing";
  EXPECT_GT(hiddenAdds, 0.05 * openAdds) << "behind the wall the marker still shows, faint";
  EXPECT_LT(hiddenAdds, 0.7 * openAdds) << "behind the wall the marker is dimmed";
}

TEST(PlaySplats, TheSplatBudgetIsRefusedWhereItCannotApply) {
  ps::test::TempDir dir("render_splats");
  const fs::path pkg = dir.path() / "shot";
  fs::create_directories(pkg);
  ASSERT_TRUE(ps::media::writeSpz(wall({0, 1.6f, -3}, 1.0f, 1.0f, {0.5f, 0.5f, 0.5f}), pkg / "wall.spz").ok());
  writeShot(pkg, R"({"id": "w", "kind": "splats", "src": "wall.spz"})");
  std::ofstream(dir.path() / "episode.json")
      << R"({"format": "perfectshot-playlist/1", "title": "e", "items": [{"shot": "shot"}]})";
  auto r = run({kPerfectshot, "play", (dir.path() / "episode.json").string(), "--display", "offscreen", "--frames", "2",
                "--splat-budget", "1000"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--splat-budget: applies to one shot"), std::string::npos) << r.output;
  r = run({kPerfectshot, "play", pkg.string(), "--display", "offscreen", "--frames", "2", "--splat-budget", "-3"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--splat-budget"), std::string::npos) << r.output;
  r = run({kPerfectshot, "play", pkg.string(), "--display", "offscreen", "--frames", "2", "--no-audio", "--splat-budget",
           "500"});
  EXPECT_EQ(r.exitCode, 0) << r.output;
}

TEST(PlaySplats, AGovernorLowersTheBudgetToHoldTheSplatsTime) {
  ps::test::TempDir dir("play_splats_governed");
  const fs::path pkg = dir.path() / "shot";
  fs::create_directories(pkg);
  // More splats than the governor's floor (player::kGovernedSplatFloor), in a thin slab.
  ps::scenes::SplatCloud dense;
  constexpr std::size_t kSplats = 120'000;
  dense.resize(kSplats, 0);
  for (std::size_t k = 0; k < kSplats; ++k) {
    const float u = static_cast<float>(k % 400) / 400.0f, v = static_cast<float>(k / 400) / 300.0f;
    dense.positions[k] = glm::vec3(u - 0.5f, 1.1f + v, -2.0f - 0.001f * static_cast<float>(k % 7));
    dense.scales[k] = glm::vec3(0.003f, 0.003f, 0.001f);
    dense.opacities[k] = 0.8f;
    dense.baseColors[k] = glm::vec3(0.2f, 0.6f, 0.9f);
  }
  ASSERT_TRUE(ps::media::writeSpz(dense, pkg / "dense.spz").ok());
  writeShot(pkg, R"({"id": "d", "kind": "splats", "src": "dense.spz"})");
  // A target no CPU renderer meets: the budget falls to the floor and stays there.
  auto r = run({kPerfectshot, "play", pkg.string(), "--display", "offscreen", "--frames", "8", "--no-audio",
                "--splat-ms", "0.001"});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("splats: their budget moves to hold their GPU time near 0.0 ms a frame (at least 100000"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("their budget moved 1 times, down to 100000 splats at the lowest"), std::string::npos)
      << r.output;

  // An episode holds the display's time; a shot without splats has nothing to hold.
  std::ofstream(dir.path() / "episode.json")
      << R"({"format": "perfectshot-playlist/1", "title": "e", "items": [{"shot": "shot"}]})";
  r = run({kPerfectshot, "play", (dir.path() / "episode.json").string(), "--display", "offscreen", "--frames", "2",
           "--splat-ms", "5"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--splat-ms: applies to one shot"), std::string::npos) << r.output;
  r = run({kPerfectshot, "play", pkg.string(), "--display", "offscreen", "--frames", "2", "--splat-ms", "-1"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--splat-ms"), std::string::npos) << r.output;
}

}  // namespace
