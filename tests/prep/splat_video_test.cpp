// The compact 4D splat form: attributes packed into a lossless 4:4:4 video. Frames come from
// make_splats's sequence, whose clouds spell their own index, so each check reads the frame
// back from the decoded cloud.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "make_splats/splat_sequence.h"
#include "media/splat_sequence.h"
#include "media/splat_video.h"
#include "splat_video_write.h"
#include "temp_dir.h"

namespace {

using ps::media::SplatVideo;
using ps::media::SplatVideoLayout;
using ps::scenes::SplatCloud;
namespace fs = std::filesystem;

constexpr double kFps = 30.0;

SplatCloud frame(std::size_t i) { return ps::make_splats::sequenceFrameSplats(i, kFps); }

ps::FrameView viewOf(const std::vector<std::uint8_t>& picture, const SplatVideoLayout& l) {
  ps::FrameView v;
  v.format = ps::PixelFormat::Yuv444P;
  v.width = l.width;
  v.height = l.pictureHeight();
  const std::size_t plane = static_cast<std::size_t>(l.width) * l.pictureHeight();
  for (std::size_t p = 0; p < 3; ++p)
    v.planes[p] = {reinterpret_cast<const std::byte*>(picture.data() + p * plane), l.width};
  return v;
}

SplatCloud packed(const SplatCloud& c, const SplatVideoLayout& l) {
  std::vector<std::uint8_t> picture;
  ps::media::packSplatFrame(c, l, picture);
  auto back = ps::media::unpackSplatFrame(viewOf(picture, l), l, "test");
  EXPECT_TRUE(back.ok()) << (back.ok() ? "" : back.error().message());
  return std::move(back.value());
}

SplatVideoLayout planned(std::size_t frames) {
  ps::media::SplatVideoPlanner planner;
  for (std::size_t i = 0; i < frames; ++i) planner.add(frame(i));
  return planner.layout(8);
}

TEST(SplatVideoPack, AFrameComesBackWithinItsQuantisation) {
  const SplatVideoLayout l = planned(4);
  const SplatCloud original = frame(3);
  const SplatCloud back = packed(original, l);
  ASSERT_EQ(back.size(), original.size());
  EXPECT_EQ(back.shDegree, original.shDegree);
  EXPECT_EQ(ps::make_splats::decodeFrameCode(back), std::optional<std::uint32_t>(3));
  for (std::size_t i = 0; i < original.size(); ++i) {
    for (int a = 0; a < 3; ++a) {
      const float extent = l.positionMax[a] - l.positionMin[a];
      ASSERT_NEAR(back.positions[i][a], original.positions[i][a], extent / 65535.0f + 1e-6f) << i;
      ASSERT_NEAR(back.baseColors[i][a], original.baseColors[i][a], (l.colourMax[a] - l.colourMin[a]) / 510.0f + 1e-6f);
      ASSERT_NEAR(std::log(back.scales[i][a]), std::log(original.scales[i][a]),
                  (l.logScaleMax[a] - l.logScaleMin[a]) / 510.0f + 1e-5f);
    }
    ASSERT_NEAR(back.opacities[i], original.opacities[i], 1.0f / 510.0f + 1e-6f);
    // q and -q are one rotation: compare |dot|.
    ASSERT_GT(std::abs(glm::dot(back.rotations[i], original.rotations[i])), 0.99999f) << i;  // within 0.5 degrees
  }
}

TEST(SplatVideoPack, EmptySlotsOfAShorterFrameAreDropped) {
  const SplatVideoLayout l = planned(2);
  SplatCloud shorter = frame(1);
  shorter.positions.resize(100), shorter.scales.resize(100), shorter.rotations.resize(100);
  shorter.opacities.resize(100), shorter.baseColors.resize(100);
  shorter.sh.resize(100 * ps::scenes::shRestPerChannel(shorter.shDegree) * 3);
  shorter.opacities[50] = 0.0f;  // a transparent splat is kept: it is not an empty slot
  EXPECT_EQ(packed(shorter, l).size(), 100u);
}

TEST(SplatVideo, ReadsEveryFrameExactlyInAnyOrder) {
  ps::test::TempDir dir("splat_video");
  constexpr std::size_t kFrames = 20;
  auto written = ps::tools::writeSplatVideo(
      kFrames, [](std::size_t i) -> ps::Result<SplatCloud> { return frame(i); }, dir.path(), kFps, [](double) {},
      [] { return false; });
  ASSERT_TRUE(written.ok()) << written.error().message();
  auto video = SplatVideo::open(dir.path());
  ASSERT_TRUE(video.ok()) << video.error().message();
  const SplatVideoLayout& l = (*video)->layout();
  EXPECT_EQ(l.frames, kFrames);
  for (std::size_t i : {0u, 1u, 2u, 13u, 7u, 19u, 8u, 9u, 0u}) {
    auto f = (*video)->frame(i);
    ASSERT_TRUE(f.ok()) << f.error().message();
    EXPECT_EQ(ps::make_splats::decodeFrameCode(*f), std::optional<std::uint32_t>(i));
    // Lossless: the video gives exactly what packing alone gives.
    const SplatCloud expected = packed(frame(i), l);
    ASSERT_EQ(f->size(), expected.size());
    EXPECT_EQ(f->positions, expected.positions) << i;
    EXPECT_EQ(f->baseColors, expected.baseColors) << i;
    EXPECT_EQ(f->sh, expected.sh) << i;
  }
  EXPECT_GT((*video)->seeks(), 0u);
  EXPECT_FALSE((*video)->frame(kFrames).ok());
}

TEST(SplatVideo, PlaysAsASplatSequenceAndScrubsToTheExactFrame) {
  ps::test::TempDir dir("splat_video");
  auto written = ps::tools::writeSplatVideo(
      12, [](std::size_t i) -> ps::Result<SplatCloud> { return frame(i); }, dir.path(), kFps, [](double) {},
      [] { return false; });
  ASSERT_TRUE(written.ok()) << written.error().message();
  ps::media::SplatSequenceOptions o;
  o.fps = 10;
  o.prefetch = ps::media::Prefetch::Manual;
  auto seq = ps::media::SplatSequence::openFolder(dir.path(), o);
  ASSERT_TRUE(seq.ok()) << seq.error().message();
  for (int i : {0, 1, 2, 11, 5, 4, 3}) {
    (*seq)->show(i / 10.0);
    (*seq)->pump();
    const auto f = (*seq)->show(i / 10.0);
    ASSERT_TRUE(f.cloud);
    EXPECT_EQ(f.shown, f.wanted);
    EXPECT_EQ(ps::make_splats::decodeFrameCode(*f.cloud), std::optional<std::uint32_t>(i));
  }
}

TEST(SplatVideo, AManifestThatDoesNotHoldIsRefusedNamingTheField) {
  ps::test::TempDir dir("splat_video");
  auto written = ps::tools::writeSplatVideo(
      2, [](std::size_t i) -> ps::Result<SplatCloud> { return frame(i); }, dir.path(), kFps, [](double) {},
      [] { return false; });
  ASSERT_TRUE(written.ok()) << written.error().message();
  const fs::path manifest = dir.path() / ps::media::kSplatVideoManifest;
  std::ifstream in(manifest);
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(manifest, std::ios::trunc) << text;
    return SplatVideo::open(dir.path());
  };
  auto bad = with("\"video\": \"attributes.mp4\"", "\"video\": \"../attributes.mp4\"");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("#/video"), std::string::npos) << bad.error().message();
  bad = with("\"sh_degree\": ", "\"sh_degree\": 7, \"x\": ");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("sh_degree"), std::string::npos) << bad.error().message();
  bad = with("\"frames\": 2", "\"frames\": 5");
  ASSERT_FALSE(bad.ok()) << "more frames than the video holds";
  bad = with("perfectshot-splat-video/1", "perfectshot-splat-video/9");
  ASSERT_FALSE(bad.ok());
}

}  // namespace
