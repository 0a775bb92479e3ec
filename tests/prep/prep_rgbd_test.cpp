// perfectshot prep on RGB-D masters made by the room generator (make_rgbd): colour and depth
// as two videos or one stacked video in, a package whose delivery video carries the room's
// depth frame by frame and whose proxy is all-intra; mismatched masters refused with a message.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>

#include "make_rgbd/rgbd_capture.h"
#include "make_rgbd/rgbd_room.h"
#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using make_rgbd::CaptureSpec;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kWidth = 256, kHeight = 128;
constexpr std::size_t kFrames = 6;

CaptureSpec masterSpec(DepthEncoding encoding, DepthPacking packing) {
  CaptureSpec spec;
  spec.width = kWidth;
  spec.frames = kFrames;
  spec.coding.encoding = encoding;
  spec.packing = packing;
  spec.codec = make_rgbd::DepthCodec::Ffv1;
  return spec;
}

fs::path writeMaster(const CaptureSpec& spec, const fs::path& dir) {
  EXPECT_TRUE(make_rgbd::writeCapture(spec, dir));
  return dir;
}

ProcessResult prep(std::vector<std::string> args) {
  args.insert(args.begin(), {kPerfectshot, "--log-level", "warn", "prep"});
  return run(args);
}

std::vector<std::uint8_t> decodeRaw(const fs::path& video, const std::string& pixFmt) {
  const fs::path raw = video.string() + ".raw";
  auto r = run({"ffmpeg", "-v", "error", "-y", "-i", video.string(), "-f", "rawvideo", "-pix_fmt", pixFmt, raw.string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  std::ifstream in(raw, std::ios::binary);
  std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  fs::remove(raw);
  return bytes;
}

nlohmann::json readJson(const fs::path& p) { return nlohmann::json::parse(std::ifstream(p)); }

// Every frame of `video` a keyframe (ffprobe's key_frame flags).
bool allIntra(const fs::path& video, std::size_t& frames) {
  auto r = run({"ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=key_frame", "-of", "csv=p=0",
                video.string()});
  frames = 0;
  bool all = true;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) ++frames, all = all && line.starts_with("1");
  return all && r.exitCode == 0;
}

// The pixel the moving box's face centre falls on in frame f (360, kWidth x kHeight).
std::array<int, 2> movingPixel(std::size_t f) {
  const auto px = make_rgbd::rayPixel(Projection::Equirect360,
                                      glm::normalize(glm::dvec3(-1.6, -0.4, -make_rgbd::movingBoxMetres(f))), kWidth, kHeight);
  return {static_cast<int>(std::lround(px[0])), static_cast<int>(std::lround(px[1]))};
}

TEST(PrepRgbd, SeparateMasterBecomesHevc10TopBottomWithTheRoomsDepth) {
  TempDir dir("prep_rgbd");
  const CaptureSpec spec = masterSpec(DepthEncoding::Inverse, DepthPacking::Separate);
  const fs::path master = writeMaster(spec, dir.path() / "master");
  const fs::path pkg = dir.path() / "pkg";
  auto r = prep({(master / "colour.mkv").string(), "--depth", (master / "depth.mkv").string(), "--depth-encoding",
                 "inverse", "--near", "0.5", "--far", "10", "-o", pkg.string(), "--preset", "ultrafast", "--title", "Room"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("100%"), std::string::npos) << "no progress: " << r.output;

  const auto shot = readJson(pkg / "shot.json");
  EXPECT_EQ(shot["title"], "Room");
  const auto& m = shot["media"][0];
  EXPECT_EQ(m["kind"], "rgbd");
  EXPECT_EQ(m["projection"], "360");
  EXPECT_EQ(m["stereo"], "mono");
  EXPECT_EQ(m["depth"]["packing"], "top-bottom");
  EXPECT_EQ(m["depth"]["encoding"], "inverse");
  EXPECT_EQ(m["depth"]["bits"], 10);
  EXPECT_EQ(m["depth"]["near_m"], 0.5);
  EXPECT_EQ(m["depth"]["far_m"], 10.0);
  EXPECT_EQ(shot["timeline"]["fps"], "30/1");
  EXPECT_NEAR(shot["timeline"]["out"].get<double>(), kFrames / 30.0, 1e-9);

  std::size_t proxyFrames = 0;
  EXPECT_TRUE(allIntra(pkg / m["proxy"].get<std::string>(), proxyFrames));
  EXPECT_EQ(proxyFrames, kFrames);

  // Delivery: yuv420p10le, colour over depth, lossless: the depth is the room's within a 10-bit
  // inverse step (half a step: 2 mm at 1.5 m); the moving box tells the frame.
  const auto bytes = decodeRaw(pkg / m["src"].get<std::string>(), "yuv420p10le");
  const std::size_t frameBytes = static_cast<std::size_t>(kWidth) * 2 * kHeight * 2 * 3 / 2;
  ASSERT_EQ(bytes.size(), frameBytes * kFrames);
  const DepthCoding coding{DepthEncoding::Inverse, 0.5, 10};
  const auto metresAt = [&](std::size_t f, int x, int y) {
    const std::size_t i = f * frameBytes + 2 * (static_cast<std::size_t>(y + kHeight) * kWidth + static_cast<std::size_t>(x));
    return depthMetres(coding, (bytes[i] | (bytes[i + 1] << 8)) / 1023.0);
  };
  for (std::size_t f = 0; f < kFrames; ++f) {
    const auto near = make_rgbd::rayPixel(Projection::Equirect360, {0, 0, -1}, kWidth, kHeight);
    EXPECT_NEAR(metresAt(f, static_cast<int>(std::lround(near[0])), static_cast<int>(std::lround(near[1]))), 1.5, 0.003);
    const auto [mx, my] = movingPixel(f);
    const glm::dvec3 ray = make_rgbd::pixelRay(Projection::Equirect360, mx, my, kWidth, kHeight);
    const double faceZ = metresAt(f, mx, my) * std::abs(ray.z);
    EXPECT_EQ(std::lround((faceZ - 2.0) / 0.02), static_cast<long>(f));
    // The colour's frame stamp survives: bit k's block bright for set bits.
    for (int k = 0; k < 3; ++k) {
      const std::size_t i = f * frameBytes + 2 * (8 * static_cast<std::size_t>(kWidth) + static_cast<std::size_t>(k * 16 + 8));
      EXPECT_EQ((bytes[i] | (bytes[i + 1] << 8)) > 512, ((f >> k) & 1) != 0) << "frame " << f << " bit " << k;
    }
  }

  // Again without --force: refused, the package kept; with it: replaced.
  r = prep({(master / "colour.mkv").string(), "--depth", (master / "depth.mkv").string(), "--depth-encoding", "inverse",
            "--near", "0.5", "--far", "10", "-o", pkg.string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(fs::exists(pkg / "shot.json"));
}

TEST(PrepRgbd, StackedMasterBecomesSplit8WithExactDepth) {
  TempDir dir("prep_rgbd");
  const CaptureSpec spec = masterSpec(DepthEncoding::Linear, DepthPacking::TopBottom);
  const fs::path master = writeMaster(spec, dir.path() / "master");
  const fs::path pkg = dir.path() / "pkg";
  auto r = prep({(master / "rgbd.mkv").string(), "--stacked", "--depth-encoding", "linear", "--near", "0.5", "--far",
                 "10", "--delivery", "h264-split8", "-o", pkg.string(), "--preset", "ultrafast"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto m = readJson(pkg / "shot.json")["media"][0];
  EXPECT_EQ(m["depth"]["encoding"], "inverse-split8");
  EXPECT_EQ(m["depth"]["bits"], 16);

  const auto bytes = decodeRaw(pkg / m["src"].get<std::string>(), "yuv444p");
  const std::size_t plane = static_cast<std::size_t>(kWidth) * 2 * kHeight;
  ASSERT_EQ(bytes.size(), plane * 3 * kFrames);
  const DepthCoding split{DepthEncoding::InverseSplit8, 0.5, 10};
  // Lossless: every pixel is the room's metres within the master's linear 16-bit step and the
  // delivery's inverse 16-bit step (half of each).
  const double tolerance = 9.5 / 65535 / 2 + 10.0 * 10.0 * 1.9 / 65535 / 2;
  for (std::size_t f = 0; f < kFrames; f += kFrames - 1) {
    const make_rgbd::RoomFrame truth = make_rgbd::renderRoom(spec, f);
    int bad = 0;
    for (std::size_t i = 0; i < truth.metres.size(); ++i) {
      const std::size_t at = f * plane * 3 + static_cast<std::size_t>(kWidth) * kHeight + i;
      const double got = depthMetres(split, ((bytes[at] << 8) | bytes[at + plane]) / 65535.0);
      if (std::abs(got - truth.metres[i]) > tolerance && ++bad <= 3)
        ADD_FAILURE() << "frame " << f << " pixel " << i << ": " << got << " m, truth " << truth.metres[i];
    }
    EXPECT_EQ(bad, 0);
  }
}

TEST(PrepRgbd, MismatchedMastersAreRefusedWithAMessage) {
  TempDir dir("prep_rgbd");
  const fs::path master = writeMaster(masterSpec(DepthEncoding::Inverse, DepthPacking::Separate), dir.path() / "master");
  CaptureSpec shorter = masterSpec(DepthEncoding::Inverse, DepthPacking::Separate);
  shorter.frames = kFrames - 1;
  writeMaster(shorter, dir.path() / "shorter");
  CaptureSpec wider = masterSpec(DepthEncoding::Inverse, DepthPacking::Separate);
  wider.width = 2 * kWidth;
  writeMaster(wider, dir.path() / "wider");
  CaptureSpec slower = masterSpec(DepthEncoding::Inverse, DepthPacking::Separate);
  slower.fps = 25;
  writeMaster(slower, dir.path() / "slower");
  const fs::path pkg = dir.path() / "pkg";
  const auto refused = [&](const std::string& depth, const std::string& says) {
    auto r = prep({(master / "colour.mkv").string(), "--depth", depth, "--depth-encoding", "inverse", "--near", "0.5",
                   "--far", "10", "-o", pkg.string()});
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find(says), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(pkg));
  };
  refused((dir.path() / "shorter" / "depth.mkv").string(), "has 5 frames, but the colour has 6");
  refused((dir.path() / "wider" / "depth.mkv").string(), "is 512x256, but the colour is 256x128");
  refused((dir.path() / "slower" / "depth.mkv").string(), "runs at 25/1 fps, but the colour at 30/1");

  auto r = prep({(master / "colour.mkv").string(), "--depth", (master / "depth.mkv").string(), "--depth-encoding",
                 "inverse", "--near", "10", "--far", "0.5", "-o", pkg.string()});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("need 0 < near < far"), std::string::npos) << r.output;
  r = prep({(master / "colour.mkv").string(), "--depth", (master / "depth.mkv").string(), "--depth-encoding",
            "inverse", "--near", "0.5", "--far", "10", "--stereo", "top-bottom", "-o", pkg.string()});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("--stereo"), std::string::npos) << r.output;
  r = prep({(master / "colour.mkv").string(), "--delivery", "hevc10", "-o", pkg.string()});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("is for an RGB-D master"), std::string::npos) << r.output;
  r = prep({(master / "colour.mkv").string(), "--depth", (master / "depth.mkv").string(), "-o", pkg.string()});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("needs --depth-encoding, --near and --far"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(pkg));
}

}  // namespace
}  // namespace ps::test
