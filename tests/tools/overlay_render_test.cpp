// What `perfectshot render` draws over the view lands where the camera model says: a marker's
// pin at its direction, the film camera's frame rectangle at its angles, fov and aspect, with
// the clip inside. The predictions here are the pinhole model worked out independently of the
// code under test (plain rotations, no engine or ui code).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <queue>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/trigonometric.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "image.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kShot = PS_TEST_MEDIA_DIR "/tools/overlay_shot";
constexpr int kWidth = 640, kHeight = 360;
constexpr float kHfov = 90, kVfov = 60;

// v360's camera: yaw right-positive, pitch up-positive. A stage direction in the camera's frame.
glm::vec3 toCamera(glm::vec3 d, float yawDeg, float pitchDeg) {
  const glm::mat3 undoYaw = glm::mat3(glm::rotate(glm::mat4(1), glm::radians(yawDeg), glm::vec3(0, 1, 0)));
  const glm::mat3 undoPitch = glm::mat3(glm::rotate(glm::mat4(1), glm::radians(-pitchDeg), glm::vec3(1, 0, 0)));
  return undoPitch * (undoYaw * d);
}
glm::vec3 fromCamera(glm::vec3 d, float yawDeg, float pitchDeg) {
  const glm::mat3 yaw = glm::mat3(glm::rotate(glm::mat4(1), glm::radians(-yawDeg), glm::vec3(0, 1, 0)));
  const glm::mat3 pitch = glm::mat3(glm::rotate(glm::mat4(1), glm::radians(pitchDeg), glm::vec3(1, 0, 0)));
  return yaw * (pitch * d);
}
glm::vec3 direction(float yawDeg, float pitchDeg) { return fromCamera({0, 0, -1}, yawDeg, pitchDeg); }

// The pixel (centres at i + 0.5) a stage point is seen at from the origin by a symmetric view.
glm::vec2 pixelOf(glm::vec3 point, float viewYaw, float viewPitch) {
  const glm::vec3 d = toCamera(point, viewYaw, viewPitch);
  const float tx = std::tan(glm::radians(kHfov / 2)), ty = std::tan(glm::radians(kVfov / 2));
  return {(d.x / -d.z / tx + 1) * 0.5f * kWidth, (1 - d.y / -d.z / ty) * 0.5f * kHeight};
}

Image render(const std::vector<std::string>& extra, const std::string& name) {
  const fs::path dir = fs::path(PS_BINARY_DIR) / "test-out" / "tools";
  fs::create_directories(dir);
  const std::string png = (dir / (name + ".png")).string();
  std::vector<std::string> args{kPerfectshot, "--log-level", "warn", "render", kShot, "--time", "1",
                                "--hfov", "90", "--vfov", "60", "--size", "640x360", "-o", png};
  args.insert(args.end(), extra.begin(), extra.end());
  const ProcessResult r = run(args);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  return loadImage(png);
}

bool near(const Image& im, int x, int y, const std::array<int, 3>& rgb, int tolerance) {
  for (int c = 0; c < 3; ++c)
    if (std::abs(im.at(x, y, c) - rgb[c]) > tolerance) return false;
  return true;
}

// The centroid of the 4-connected blob of pixels near `rgb` closest to `guess`.
std::optional<glm::vec2> blobCentroid(const Image& im, glm::vec2 guess, const std::array<int, 3>& rgb) {
  std::optional<glm::ivec2> seed;
  float best = std::numeric_limits<float>::max();
  for (int y = 0; y < im.height; ++y)
    for (int x = 0; x < im.width; ++x)
      if (near(im, x, y, rgb, 40)) {
        const float d = glm::length(glm::vec2(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f) - guess);
        if (d < best) best = d, seed = glm::ivec2(x, y);
      }
  if (!seed) return std::nullopt;
  std::vector<bool> seen(static_cast<std::size_t>(im.width * im.height));
  std::queue<glm::ivec2> todo;
  todo.push(*seed);
  seen[static_cast<std::size_t>(seed->y * im.width + seed->x)] = true;
  glm::dvec2 sum(0);
  int n = 0;
  while (!todo.empty()) {
    const glm::ivec2 p = todo.front();
    todo.pop();
    sum += glm::dvec2(p.x + 0.5, p.y + 0.5);
    ++n;
    for (const glm::ivec2 d : {glm::ivec2(1, 0), glm::ivec2(-1, 0), glm::ivec2(0, 1), glm::ivec2(0, -1)}) {
      const glm::ivec2 q = p + d;
      if (q.x < 0 || q.y < 0 || q.x >= im.width || q.y >= im.height) continue;
      const auto i = static_cast<std::size_t>(q.y * im.width + q.x);
      if (seen[i] || !near(im, q.x, q.y, rgb, 40)) continue;
      seen[i] = true;
      todo.push(q);
    }
  }
  return glm::vec2(sum / static_cast<double>(n));
}

const std::array<int, 3> kCameraCategory{70, 165, 255};  // ui::categoryRgb(Camera)
const std::array<int, 3> kGrey{128, 128, 128};
const std::array<int, 3> kClip{40, 80, 200};
const std::array<int, 3> kOutline{255, 214, 0};  // ui::kFilmFrameRgb

struct ViewCase {
  float yaw, pitch;
};
class MarkerPlacement : public testing::TestWithParam<ViewCase> {};

TEST_P(MarkerPlacement, PinLandsOnThePixelTheCameraModelPredicts) {
  const ViewCase v = GetParam();
  const Image im = render({"--yaw", std::to_string(v.yaw), "--pitch", std::to_string(v.pitch), "--markers"},
                          "marker_yaw" + std::to_string(static_cast<int>(v.yaw)));
  const glm::vec2 expected = pixelOf(direction(30, -5), v.yaw, v.pitch);
  const auto pin = blobCentroid(im, expected, kCameraCategory);
  ASSERT_TRUE(pin) << "no pin in the picture";
  EXPECT_NEAR(pin->x, expected.x, 1.0) << "predicted " << expected.x << "," << expected.y;
  EXPECT_NEAR(pin->y, expected.y, 1.0) << "predicted " << expected.x << "," << expected.y;
  // Without --markers the picture is the plate alone.
  const Image bare = render({"--yaw", std::to_string(v.yaw), "--pitch", std::to_string(v.pitch)}, "marker_bare");
  EXPECT_TRUE(near(bare, static_cast<int>(expected.x), static_cast<int>(expected.y), kGrey, 6));
}

INSTANTIATE_TEST_SUITE_P(Views, MarkerPlacement, testing::Values(ViewCase{0, 0}, ViewCase{15, -8}, ViewCase{40, 3}));

TEST(FilmFrameOverlay, RectangleLandsWhereTheCameraParametersSay) {
  const float viewYaw = 10, viewPitch = 0;
  const Image im = render({"--yaw", "10", "--film-frame"}, "film_frame");
  // The frame: 40 degrees wide, 2:1, looking at yaw 20, pitch 5, from the viewer's origin.
  const float halfW = std::tan(glm::radians(20.0f)), halfH = halfW / 2;
  const auto corner = [&](float x, float y) {
    return pixelOf(fromCamera({x * halfW, y * halfH, -1}, 20, 5), viewYaw, viewPitch);
  };
  const glm::vec2 tl = corner(-1, 1), tr = corner(1, 1), bl = corner(-1, -1), br = corner(1, -1);
  const glm::vec2 centre = (tl + tr + bl + br) * 0.25f;
  // Along each edge (the top one away from the label over its left end): the outline on the
  // predicted edge, the clip just inside, the plate just outside.
  const std::array<std::pair<glm::vec2, glm::vec2>, 4> edges{{{tl, tr}, {tr, br}, {br, bl}, {bl, tl}}};
  const std::array<float, 4> along{0.8f, 0.5f, 0.5f, 0.5f};
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const auto [a, b] = edges[e];
    const glm::vec2 p = glm::mix(a, b, along[e]);
    glm::vec2 inward(-(b - a).y, (b - a).x);
    inward = glm::normalize(inward);
    if (glm::dot(inward, centre - p) < 0) inward = -inward;
    const glm::vec2 in = p + inward * 5.0f, out = p - inward * 5.0f;
    SCOPED_TRACE("edge " + std::to_string(e) + " at " + std::to_string(p.x) + "," + std::to_string(p.y));
    EXPECT_TRUE(near(im, static_cast<int>(p.x), static_cast<int>(p.y), kOutline, 70)) << "no outline on the edge";
    EXPECT_TRUE(near(im, static_cast<int>(in.x), static_cast<int>(in.y), kClip, 30)) << "no clip inside";
    EXPECT_TRUE(near(im, static_cast<int>(out.x), static_cast<int>(out.y), kGrey, 10)) << "not the plate outside";
  }
  // Toggled off (not asked for): the same place shows the plate.
  const Image bare = render({"--yaw", "10"}, "film_frame_bare");
  EXPECT_TRUE(near(bare, static_cast<int>(centre.x), static_cast<int>(centre.y), kGrey, 6));
  EXPECT_TRUE(near(im, static_cast<int>(centre.x), static_cast<int>(centre.y), kClip, 30));
}

TEST(FilmFrameOverlay, AskingForItWithoutACameraIsAClearError) {
  const ProcessResult r = run({kPerfectshot, "render", PS_SOURCE_DIR "/scenes/demo/plate.mp4", "--film-frame", "-o",
                               (fs::path(PS_BINARY_DIR) / "test-out" / "tools" / "nothing.png").string()});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("need a shot"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
