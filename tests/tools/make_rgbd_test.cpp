// The generated RGB-D room: its geometry is what the room says, and every delivery coding's
// depth, written through the ffmpeg CLI and decoded back by it, gives the exact metres within
// the coding's quantisation, frame by frame.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>

#include "make_rgbd/rgbd_capture.h"
#include "make_rgbd/rgbd_picture.h"
#include "make_rgbd/rgbd_room.h"
#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using make_rgbd::CaptureSpec;
using make_rgbd::DepthCodec;

std::vector<std::uint8_t> readBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every frame of video as the raw planes of pixFmt (the video's own format: no conversion).
std::vector<std::uint8_t> decodeRaw(const fs::path& video, const std::string& pixFmt, const fs::path& scratch) {
  const fs::path raw = scratch / (video.filename().string() + ".raw");
  auto r = run({"ffmpeg", "-v", "error", "-y", "-i", video.string(), "-f", "rawvideo", "-pix_fmt", pixFmt, raw.string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return readBytes(raw);
}

// Sample (x, y) of plane `plane` of a planar frame: w x h luma, chroma 4:2:0 or 4:4:4.
struct RawFrames {
  std::vector<std::uint8_t> bytes;
  int w = 0, h = 0, bytesPerSample = 1;
  bool chroma420 = true, gray = false;

  std::size_t planeSize(int plane) const {
    const std::size_t luma = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    return plane == 0 ? luma : chroma420 ? luma / 4 : luma;
  }
  std::size_t frameSize() const { return (planeSize(0) + (gray ? 0 : 2 * planeSize(1))) * bytesPerSample; }
  std::size_t frames() const { return bytes.size() / frameSize(); }
  unsigned at(std::size_t frame, int plane, int x, int y) const {
    std::size_t offset = frame * frameSize();
    for (int p = 0; p < plane; ++p) offset += planeSize(p) * bytesPerSample;
    const int pw = plane > 0 && chroma420 ? w / 2 : w;
    if (plane > 0 && chroma420) x /= 2, y /= 2;
    offset += (static_cast<std::size_t>(y) * static_cast<std::size_t>(pw) + static_cast<std::size_t>(x)) * bytesPerSample;
    return bytesPerSample == 1 ? bytes[offset] : bytes[offset] | (bytes[offset + 1] << 8);
  }
};

struct Case {
  const char* name;
  DepthEncoding encoding;
  DepthCodec codec;
  DepthPacking packing;
  Projection projection;
};

class RgbdCapture : public ::testing::TestWithParam<Case> {};

// The metres a code may be off by for rounding: half a step either side (steps are unequal in
// metres for inverse codes).
double halfStep(const DepthCoding& coding, unsigned code, double max) {
  const double m = depthMetres(coding, code / max);
  return std::max(std::abs(depthMetres(coding, (code + 0.5) / max) - m), std::abs(depthMetres(coding, (code - 0.5) / max) - m));
}

// Metres from the decoded depth sample(s) at (x, y) of `frame`, row y of the depth picture.
double decodedMetres(const Case& c, const CaptureSpec& spec, const RawFrames& d, std::size_t frame, int x, int y,
                     double& tolerance, double truth) {
  const DepthCoding& coding = spec.coding;
  switch (c.encoding) {
    case DepthEncoding::Linear:
    case DepthEncoding::Inverse: {
      const double max = std::ldexp(1.0, make_rgbd::depthBits(spec)) - 1;
      const unsigned code = d.at(frame, 0, x, y);
      // Lossless: exactly the code nearest the truth.
      EXPECT_EQ(code, static_cast<unsigned>(std::lround(depthCode(coding, truth) * max))) << x << "," << y;
      tolerance = halfStep(coding, code, max);
      return depthMetres(coding, code / max);
    }
    case DepthEncoding::InverseSplit8: {
      const unsigned code = (d.at(frame, 0, x, y) << 8) | d.at(frame, 1, x, y);
      EXPECT_EQ(d.at(frame, 2, x, y), 128u);
      tolerance = halfStep(coding, code, 65535);
      return depthMetres(coding, code / 65535.0);
    }
    case DepthEncoding::Hue: {
      double rgb[3];
      make_rgbd::yuvToRgb(d.at(frame, 0, x, y), d.at(frame, 1, x, y), d.at(frame, 2, x, y), 8, rgb);
      EXPECT_TRUE(make_rgbd::hueValid(rgb[0], rgb[1], rgb[2]));
      // The hue's 8-bit steps are 1/1530 of the circle; the trip through 8-bit Y'CbCr moves each
      // channel by at most about 1.5 levels: three steps of hue.
      tolerance = 3.0 / 1530 * (coding.farM - coding.nearM);
      return depthMetres(coding, make_rgbd::hueOf(rgb[0], rgb[1], rgb[2]));
    }
  }
  return 0;
}

TEST_P(RgbdCapture, DepthDecodesToTheRoomsMetresFrameByFrame) {
  const Case c = GetParam();
  TempDir dir("make_rgbd");
  CaptureSpec spec;
  spec.width = 256;
  spec.frames = 3;
  spec.projection = c.projection;
  spec.packing = c.packing;
  spec.coding.encoding = c.encoding;
  spec.codec = c.codec;
  ASSERT_TRUE(make_rgbd::writeCapture(spec, dir.path())) << c.name;

  // shot.json says what was written.
  std::ifstream shotFile(dir.path() / "shot.json");
  const auto shot = nlohmann::json::parse(shotFile);
  const auto& medium = shot["media"][0];
  EXPECT_EQ(medium["kind"], "rgbd");
  EXPECT_EQ(medium["projection"], c.projection == Projection::Equirect180 ? "180" : "360");
  EXPECT_EQ(medium["depth"]["encoding"], std::string(toString(c.encoding)));
  EXPECT_EQ(medium["depth"]["packing"], std::string(toString(c.packing)));
  EXPECT_EQ(medium["depth"]["bits"], make_rgbd::depthBits(spec));
  EXPECT_EQ(medium["depth"].contains("src"), c.packing == DepthPacking::Separate);

  const int w = spec.width, h = make_rgbd::eyeHeight(spec);
  const bool stacked = c.packing == DepthPacking::TopBottom;
  const make_rgbd::CaptureFiles files = make_rgbd::captureFiles(spec);
  // The pictures' formats, as rgbd_capture.h's table gives them.
  RawFrames colour, depth;
  colour.w = depth.w = w;
  colour.h = stacked ? 2 * h : h;
  depth.h = h;
  const int bits = c.codec == DepthCodec::Hevc10 ? 10 : c.codec == DepthCodec::Hevc12 ? 12 : 8;
  std::string colourFmt = c.codec == DepthCodec::H264 && stacked ? "yuv444p" : make_rgbd::pixelFormatName(make_rgbd::Chroma::Yuv420, bits);
  if (c.codec == DepthCodec::Ffv1 && stacked) colourFmt = "yuv420p16le";
  colour.chroma420 = colourFmt.starts_with("yuv420");
  colour.bytesPerSample = colourFmt.ends_with("le") ? 2 : 1;
  colour.bytes = decodeRaw(dir.path() / files.colour, colourFmt, dir.path());
  ASSERT_EQ(colour.frames(), spec.frames);
  ASSERT_EQ(colour.bytes.size() % colour.frameSize(), 0u);
  std::size_t depthRow0 = 0;
  const RawFrames* d = &colour;
  if (stacked) {
    depthRow0 = static_cast<std::size_t>(h);
  } else {
    // A full-range 8-bit depth video decodes as yuvj444p: asking for yuv444p would rescale it.
    std::string depthFmt = c.codec == DepthCodec::Ffv1 ? "gray16le" : c.codec == DepthCodec::H264 ? "yuvj444p" : colourFmt;
    depth.gray = depthFmt.starts_with("gray");
    depth.chroma420 = depthFmt.starts_with("yuv420");  // yuvj444p: 4:4:4
    depth.bytesPerSample = depthFmt.ends_with("le") ? 2 : 1;
    depth.bytes = decodeRaw(dir.path() / files.depth, depthFmt, dir.path());
    ASSERT_EQ(depth.frames(), spec.frames);
    d = &depth;
  }

  for (std::size_t f = 0; f < spec.frames; ++f) {
    const make_rgbd::RoomFrame truth = make_rgbd::renderRoom(spec, f);
    double worst = 0;
    int failures = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const double t = truth.metres[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
        double tolerance = 0;
        const double got = decodedMetres(c, spec, *d, f, x, y + static_cast<int>(depthRow0), tolerance, t);
        worst = std::max(worst, std::abs(got - t) / tolerance);
        if (std::abs(got - t) > tolerance + 1e-9 && ++failures <= 3)
          ADD_FAILURE() << c.name << " frame " << f << " pixel " << x << "," << y << ": " << got << " m, truth " << t
                        << " m, tolerance " << tolerance;
      }
    EXPECT_EQ(failures, 0) << c.name << " frame " << f << ": worst error " << worst << " of the tolerance";

    // The moving box's depth says the frame: 2 cm a frame, far above any coding's step there.
    const glm::dvec3 toMoving = glm::normalize(glm::dvec3(-1.6, -0.4, -make_rgbd::movingBoxMetres(f)));
    const auto px = make_rgbd::rayPixel(spec.projection, toMoving, w, h);
    const int mx = static_cast<int>(std::lround(px[0])), my = static_cast<int>(std::lround(px[1]));
    const glm::dvec3 pixel = make_rgbd::pixelRay(spec.projection, mx, my, w, h);
    double tol = 0;
    const double m = decodedMetres(c, spec, *d, f, mx, my + static_cast<int>(depthRow0), tol,
                                   make_rgbd::castRay(pixel, f).metres);
    const double faceZ = m * std::abs(pixel.z);
    EXPECT_EQ(std::lround((faceZ - 2.0) / 0.02), static_cast<long>(f)) << c.name;

    // The colour's frame stamp: block k white for bit k.
    const unsigned mid = (128u << (colour.bytesPerSample == 2 ? (colourFmt.find("16") != std::string::npos ? 8 : bits - 8) : 0));
    unsigned stamp = 0;
    for (int k = 0; k < 16; ++k)
      if (colour.at(f, 0, k * 16 + 8, 8) > mid) stamp |= 1u << k;
    EXPECT_EQ(stamp, f) << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Codings, RgbdCapture,
    ::testing::Values(
        Case{"InverseFfv1TopBottom", DepthEncoding::Inverse, DepthCodec::Ffv1, DepthPacking::TopBottom, Projection::Equirect360},
        Case{"LinearFfv1Separate180", DepthEncoding::Linear, DepthCodec::Ffv1, DepthPacking::Separate, Projection::Equirect180},
        Case{"LinearHevc10TopBottom", DepthEncoding::Linear, DepthCodec::Hevc10, DepthPacking::TopBottom, Projection::Equirect360},
        Case{"InverseHevc12Separate", DepthEncoding::Inverse, DepthCodec::Hevc12, DepthPacking::Separate, Projection::Equirect360},
        Case{"Split8H264TopBottom", DepthEncoding::InverseSplit8, DepthCodec::H264, DepthPacking::TopBottom, Projection::Equirect360},
        Case{"Split8H264Separate180", DepthEncoding::InverseSplit8, DepthCodec::H264, DepthPacking::Separate, Projection::Equirect180},
        Case{"HueH264TopBottom", DepthEncoding::Hue, DepthCodec::H264, DepthPacking::TopBottom, Projection::Equirect360},
        Case{"HueH264Separate", DepthEncoding::Hue, DepthCodec::H264, DepthPacking::Separate, Projection::Equirect360}),
    [](const ::testing::TestParamInfo<Case>& param) { return std::string(param.param.name); });

// --stereo: left eye over right, each eye's rays from its own points (a 360 capture's on the ODS
// circle), so the near box's right edge stands where each eye's own ray to it says, the left
// eye's further right.
TEST(RgbdCapture, StereoEyesEachSeeTheRoomFromTheirOwnCapturePoint) {
  TempDir dir("make_rgbd_stereo");
  CaptureSpec spec;
  spec.width = 512;
  spec.frames = 1;
  spec.packing = DepthPacking::Separate;
  spec.stereo = true;
  ASSERT_TRUE(make_rgbd::writeCapture(spec, dir.path()));
  std::ifstream shotFile(dir.path() / "shot.json");
  const auto shot = nlohmann::json::parse(shotFile);
  EXPECT_EQ(shot["media"][0]["stereo"], "top-bottom");
  const int w = spec.width, h = make_rgbd::eyeHeight(spec);
  const std::vector<std::uint8_t> rgb = decodeRaw(dir.path() / make_rgbd::captureFiles(spec).colour, "rgb24", dir.path());
  ASSERT_EQ(rgb.size(), static_cast<std::size_t>(w) * static_cast<std::size_t>(2 * h) * 3);
  const auto red = [&](int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3;
    return rgb[i] > 150 && rgb[i + 1] < 90 && rgb[i + 2] < 90;
  };
  int edges[2] = {-1, -1};
  for (int eye = 0; eye < 2; ++eye) {
    const int row = eye * h + h / 2 + 8;  // a little below the horizon, on the box
    int x = w / 2;
    ASSERT_TRUE(red(x, row)) << "eye " << eye;
    while (x < w && red(x, row)) ++x;
    edges[eye] = x;  // the first column right of the box
    // The ray through the edge starts where it is the circle's tangent: found by iterating
    // from the capture point's ray (the origin moves a few mm each time; it settles at once).
    const glm::dvec3 edge(0.4, -0.1, -make_rgbd::kNearBoxMetres);
    glm::dvec3 ray = glm::normalize(edge);
    for (int i = 0; i < 8; ++i) ray = glm::normalize(edge - make_rgbd::eyeRayOrigin(spec, eye, ray));
    const double predicted = make_rgbd::rayPixel(spec.projection, ray, w, h)[0] + 0.5;
    EXPECT_NEAR(x, predicted, 1.5) << "eye " << eye;
  }
  EXPECT_GE(edges[0] - edges[1], 2) << "the left eye sees the box's right edge further right";
}

TEST(RgbdRoom, BoxesAndWallsStandWhereTheRoomSays) {
  using make_rgbd::castRay;
  using make_rgbd::Surface;
  const auto hit = [](glm::dvec3 toward, std::size_t frame = 0) { return castRay(glm::normalize(toward), frame); };
  EXPECT_EQ(hit({0, 0, -1}).surface, Surface::NearBox);
  EXPECT_DOUBLE_EQ(hit({0, 0, -1}).metres, 1.5);
  // The far box's face centre, off to the right: 3 m in front, so |(1.4, 0, -3)| along the ray.
  EXPECT_EQ(hit({1.4, 0, -3}).surface, Surface::FarBox);
  EXPECT_NEAR(hit({1.4, 0, -3}).metres, std::hypot(1.4, 3.0), 1e-12);
  EXPECT_EQ(hit({-1.6, -0.4, -2.1}, 5).surface, Surface::MovingBox);
  EXPECT_NEAR(hit({-1.6, -0.4, -2.1}, 5).metres, glm::length(glm::dvec3(-1.6, -0.4, -2.1)), 1e-12);
  EXPECT_NEAR(make_rgbd::movingBoxMetres(99), 3.98, 1e-12);
  EXPECT_NEAR(make_rgbd::movingBoxMetres(100), 2.0, 1e-12);
  for (auto [dir, surface] : {std::pair{glm::dvec3(0, 0, 1), Surface::BackWall}, {glm::dvec3(1, 0, 0), Surface::RightWall},
                              {glm::dvec3(-1, 0, 0), Surface::LeftWall}}) {
    EXPECT_EQ(hit(dir).surface, surface);
    EXPECT_DOUBLE_EQ(hit(dir).metres, make_rgbd::kWallMetres);
  }
  EXPECT_EQ(hit({0.3, 0.2, -1}).surface, Surface::FrontWall);
  EXPECT_NEAR(hit({0.3, 0.2, -1}).metres, 5 * glm::length(glm::dvec3(0.3, 0.2, -1)), 1e-12);
  EXPECT_DOUBLE_EQ(hit({0, -1, 0}).metres, make_rgbd::kFloorMetres);
  EXPECT_DOUBLE_EQ(hit({0, 1, 0}).metres, make_rgbd::kCeilingMetres);
  EXPECT_NEAR(hit({-5, -1.6, 5}).metres, make_rgbd::kFarthestMetres, 0.01);
}

TEST(RgbdRoom, PixelRaysFollowThePlayersEquirectConventions) {
  // The centre of a 360 picture looks ahead (-Z), a quarter in from the left looks left, the top
  // row up; a 180 picture's left edge looks left.
  const auto ray = [](Projection p, double x, double y, int w, int h) { return make_rgbd::pixelRay(p, x - 0.5, y - 0.5, w, h); };
  const glm::dvec3 ahead = ray(Projection::Equirect360, 512, 256, 1024, 512);
  EXPECT_NEAR(ahead.z, -1, 1e-12);
  EXPECT_NEAR(ray(Projection::Equirect360, 256, 256, 1024, 512).x, -1, 1e-12);
  EXPECT_NEAR(ray(Projection::Equirect360, 512, 0, 1024, 512).y, 1, 1e-12);
  EXPECT_NEAR(ray(Projection::Equirect180, 0, 256, 512, 512).x, -1, 1e-12);
  for (Projection p : {Projection::Equirect360, Projection::Equirect180}) {
    const auto back = make_rgbd::rayPixel(p, make_rgbd::pixelRay(p, 100, 70, 512, 256), 512, 256);
    EXPECT_NEAR(back[0], 100, 1e-9);
    EXPECT_NEAR(back[1], 70, 1e-9);
  }
}

TEST(RgbdRoom, HueCodingRoundTripsAndDarkPixelsAreInvalid) {
  for (double v = 0; v < 0.999; v += 0.01) {
    const make_rgbd::Rgb c = make_rgbd::hueColour(v);
    EXPECT_NEAR(make_rgbd::hueOf(c[0] / 255.0, c[1] / 255.0, c[2] / 255.0), v, 1.0 / 1530) << v;
  }
  EXPECT_FALSE(make_rgbd::hueValid(0.1, 0.1, 0.09));
  EXPECT_TRUE(make_rgbd::hueValid(0.2, 0.1, 0.1));
}

TEST(RgbdRoom, MismatchedEncodingAndCodecIsRefused) {
  CaptureSpec spec;
  spec.coding.encoding = DepthEncoding::InverseSplit8;
  spec.codec = DepthCodec::Ffv1;
  auto s = make_rgbd::checkSpec(spec);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find("does not go with codec ffv1"), std::string::npos) << s.error().message();
  spec.codec = DepthCodec::H264;
  spec.coding.nearM = 12;
  EXPECT_FALSE(make_rgbd::checkSpec(spec));
}

}  // namespace
}  // namespace ps::test
