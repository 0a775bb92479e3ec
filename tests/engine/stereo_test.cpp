// Stereo layouts: each eye samples its own half of the frame and nothing of the other, even at
// the poles and the seam (where a shared texture would bleed the other half in).
#include <cstdlib>

#include <gtest/gtest.h>

#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/view.h"
#include "engine_test.h"

namespace ps::test {
namespace {

// Grey levels per eye; BT.709 limited: R'G'B' = (Y - 16) / 219.
constexpr std::uint32_t kLeftLuma = 60;
constexpr std::uint32_t kRightLuma = 200;
constexpr int kLeftGrey = 51;    // round((60 - 16) * 255 / 219)
constexpr int kRightGrey = 214;  // round((200 - 16) * 255 / 219)

// A yuv420p frame whose left-eye half is one grey and right-eye half another.
OwnedFrame stereoFrame(StereoLayout layout, std::uint32_t width, std::uint32_t height) {
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, width, height, ColorMatrix::Bt709, ColorRange::Limited);
  for (std::uint32_t y = 0; y < height; ++y) {
    for (std::uint32_t x = 0; x < width; ++x) {
      const bool rightEye = layout == StereoLayout::TopBottom ? y >= height / 2 : x >= width / 2;
      setSample(frame, 0, x, y, rightEye ? kRightLuma : kLeftLuma);
    }
  }
  for (int p = 1; p < 3; ++p)
    for (std::uint32_t y = 0; y < height / 2; ++y)
      for (std::uint32_t x = 0; x < width / 2; ++x) setSample(frame, p, x, y, 128);
  return frame;
}

struct Probe {
  engine::V360Camera camera;
  bool insideHemisphere;  // for 180-degree sources
};

// Renders every probe for both eyes in `frames` frames of the same picture and checks each
// pixel's grey in the last. Targets of `targetSize` pixels square.
void expectEyesSeeOwnHalf(engine::Device& device, StereoLayout stereo, Projection projection, std::uint32_t width,
                          std::uint32_t height, const std::vector<Probe>& probes, std::uint32_t targetSize = 48,
                          int frames = 1) {
  const OwnedFrame frame = stereoFrame(stereo, width, height);
  engine::EquirectRenderer renderer(device);
  std::vector<engine::OffscreenTarget> targets;
  for (std::size_t i = 0; i < probes.size() * 2; ++i)
    targets.emplace_back(device, targetSize, targetSize, "stereo probe");
  FrameLayout layout;
  layout.stereo = stereo;
  layout.projection = projection;
  for (int f = 0; f < frames; ++f) {
    const engine::FrameTicket ticket = renderer.beginFrame(frame.view, layout);
    for (std::size_t i = 0; i < probes.size(); ++i) {
      for (int e = 0; e < 2; ++e) {
        const engine::OffscreenTarget& target = targets[i * 2 + static_cast<std::size_t>(e)];
        renderer.drawView(engine::viewFromV360(probes[i].camera), e == 0 ? Eye::Left : Eye::Right, target.target());
        renderer.recordReadback(target);
      }
    }
    renderer.submit();
    renderer.wait(ticket);
  }
  for (std::size_t i = 0; i < probes.size(); ++i) {
    for (int e = 0; e < 2; ++e) {
      const Image image = toRgb(targets[i * 2 + static_cast<std::size_t>(e)].pixels());
      const int expected = !probes[i].insideHemisphere ? 0 : (e == 0 ? kLeftGrey : kRightGrey);
      int worst = 0;
      for (std::uint8_t v : image.pixels) worst = std::max(worst, std::abs(v - expected));
      EXPECT_LE(worst, 2) << toString(stereo) << " " << toString(projection) << " eye " << e << " probe yaw "
                          << probes[i].camera.yawDeg << " pitch " << probes[i].camera.pitchDeg;
    }
  }
}

using StereoTest = EngineTest;

const std::vector<Probe> kSphereProbes{
    {{0, 0, 0, 60, 60}, true}, {{180, 0, 0, 60, 60}, true}, {{0, 88, 0, 60, 60}, true}, {{90, -88, 0, 60, 60}, true}};

TEST_F(StereoTest, TopBottomEyesSeeOnlyTheirHalf) {
  expectEyesSeeOwnHalf(device(), StereoLayout::TopBottom, Projection::Equirect360, 256, 256, kSphereProbes);
}

TEST_F(StereoTest, LeftRightEyesSeeOnlyTheirHalf) {
  expectEyesSeeOwnHalf(device(), StereoLayout::LeftRight, Projection::Equirect360, 512, 128, kSphereProbes);
}

// 8 px views minify these sources 3x or more everywhere, so after the first frame (made before
// any view was known) each eye's picture is packed on lavapipe: packing must keep the halves apart.
TEST_F(StereoTest, PackedEyesSeeOnlyTheirHalf) {
  expectEyesSeeOwnHalf(device(), StereoLayout::TopBottom, Projection::Equirect360, 256, 256, kSphereProbes, 8, 2);
  expectEyesSeeOwnHalf(device(), StereoLayout::LeftRight, Projection::Equirect360, 512, 128, kSphereProbes, 8, 2);
}

TEST_F(StereoTest, Vr180ShowsBlackBehind) {
  // A side-by-side 180 source: each eye is a square covering the front hemisphere.
  const std::vector<Probe> probes{{{0, 0, 0, 60, 60}, true},
                                  {{0, 60, 0, 40, 40}, true},
                                  {{60, 0, 0, 40, 40}, true},
                                  {{180, 0, 0, 60, 60}, false},
                                  {{-130, 0, 0, 40, 40}, false}};
  expectEyesSeeOwnHalf(device(), StereoLayout::LeftRight, Projection::Equirect180, 256, 128, probes);
}

}  // namespace
}  // namespace ps::test
