// A plate decoded on the GPU (VAAPI, its pictures imported into Vulkan as dma-bufs) against the
// same plate decoded in software: the pictures shown are the same within one code value. Where no
// GPU decodes, or the Vulkan device imports no dma-buf, the comparison is skipped saying why, and
// what is checked is that the plate says so and decodes in software.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "engine/device.h"
#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/view.h"
#include "loop_harness.h"
#include "media/playback_decoder.h"
#include "player/headless_loop.h"
#include "player/plate_decode.h"
#include "player/plate_input.h"

namespace ps::player {
namespace {

const std::string kPlate8 = PS_TEST_MEDIA_DIR "/player/shot/plate.mp4";
const std::string kPlate10 = PS_TEST_MEDIA_DIR "/player/plate10.mp4";

// Every frame of the plate, drawn through one view, as RGBA.
std::vector<engine::RgbaImage> drawAll(const engine::Device& device, const std::string& video, const PlateDecode& decode) {
  auto plate = openPlate(video, "", /*strict=*/true, 0, decode);
  EXPECT_TRUE(plate) << (plate ? "" : plate.error().message());
  if (!plate) return {};
  std::vector<engine::OffscreenTarget> targets;
  targets.emplace_back(device, 96, 64, "hardware decode test");
  engine::EquirectRenderer renderer(device);
  HeadlessLoopOptions options;
  options.layout = plate->layout;
  // Magnified: every shown pixel comes from level 0, so the mips made on the GPU are not compared.
  const engine::View view = engine::viewFromV360({20, 5, 0, 60, 40});
  media::PlaybackDecoder decoder(std::move(plate->source));
  std::vector<engine::RgbaImage> shown;
  auto rendered = runHeadlessLoop(
      renderer, decoder, targets, options, [&](const media::DecodedFrame&) { return FramePlan{view, true}; },
      [&](const media::DecodedFrame&, std::span<engine::OffscreenTarget> t) {
        shown.push_back(t[0].pixels());
        return ok();
      });
  EXPECT_TRUE(rendered) << (rendered ? "" : rendered.error().message());
  return shown;
}

int largestDifference(const engine::RgbaImage& a, const engine::RgbaImage& b) {
  int most = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i)
    most = std::max(most, std::abs(int{a.pixels[i]} - int{b.pixels[i]}));
  return most;
}

class HardwareDecode : public ::testing::TestWithParam<std::string> {};

TEST_P(HardwareDecode, ShowsTheFramesSoftwareShowsWithinOneCodeValue) {
  auto chosen = plateDecode(media::HardwareDecode::Vaapi);
  if (!chosen) GTEST_SKIP() << "no GPU decode here: " << chosen.error().message();
  auto device = engine::Device::create();
  ASSERT_TRUE(device) << device.error().message();
  if (!device->importsDmaBuf()) GTEST_SKIP() << "the Vulkan device found imports no dma-buf";
  const auto hardware = drawAll(*device, GetParam(), *chosen);
  const auto software = drawAll(*device, GetParam(), PlateDecode{});
  ASSERT_EQ(hardware.size(), software.size());
  ASSERT_FALSE(software.empty());
  for (std::size_t i = 0; i < software.size(); ++i)
    EXPECT_LE(largestDifference(hardware[i], software[i]), 1) << "frame " << i;
  EXPECT_EQ(device->validationMessageCount(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Plates, HardwareDecode, ::testing::Values(kPlate8, kPlate10),
                         [](const auto& plate) { return plate.index == 0 ? std::string("H264") : std::string("Hevc10"); });

TEST(HardwareDecodeChoice, AutoWithoutAGpuDecodesInSoftwareAndSaysWhy) {
  auto chosen = plateDecode(media::HardwareDecode::Auto);
  ASSERT_TRUE(chosen);  // auto never fails
  if (chosen->hardware != media::HardwareDecode::Off) GTEST_SKIP() << "a GPU decodes here";
  EXPECT_FALSE(chosen->softwareBecause.empty());
  auto plate = openPlate(kPlate8, "", /*strict=*/true, 0, *chosen);
  ASSERT_TRUE(plate) << plate.error().message();
  EXPECT_EQ(plate->source.info().decodePath, "software");
  auto frame = plate->source.next();
  ASSERT_TRUE(frame && *frame);
  EXPECT_FALSE((*frame)->view().dmaBuf);
  EXPECT_NE((*frame)->view().planes[0].data, nullptr);
}

TEST(HardwareDecodeChoice, VaapiAskedWhereNoneDecodesIsAnErrorThatSaysWhy) {
  auto chosen = plateDecode(media::HardwareDecode::Vaapi);
  if (chosen) GTEST_SKIP() << "a GPU decodes here";
  EXPECT_EQ(chosen.error().where, "--hwdec vaapi");
  EXPECT_FALSE(chosen.error().what.empty());
}

TEST(HardwareDecodeChoice, OffAsksNothing) {
  auto chosen = plateDecode(media::HardwareDecode::Off);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->hardware, media::HardwareDecode::Off);
  EXPECT_TRUE(chosen->softwareBecause.empty());
}

}  // namespace
}  // namespace ps::player

namespace ps::player {
namespace {

TEST(HardwareDecodeChoice, APlateAskedOnVaapiWhereNoneOpensSaysWhy) {
  const auto why = media::whyNoVaapiDevice();
  if (!why) GTEST_SKIP() << "a VAAPI device opens here";
  media::DecodeOptions options;
  options.hardware = media::HardwareDecode::Vaapi;
  auto source = media::VideoSource::open(kPlate8, options);
  ASSERT_FALSE(source);
  EXPECT_NE(source.error().what.find("cannot decode on the GPU: " + *why), std::string::npos) << source.error().message();
}

}  // namespace
}  // namespace ps::player
