// The player's RGB-D glue: for each plate frame, the colour and depth views (top-bottom split
// in place, separate depth by index), the layout, the coding and the placement the shot gives,
// under seeks and steps; a depth that is not what the shot declares is an error at its frame.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "media/frame_stamp.h"
#include "player/plate_input.h"
#include "player/rgbd_picture.h"
#include "rgbd_test_media.h"
#include "scenes/shot_loader.h"
#include "temp_dir.h"

namespace ps::player {
namespace {

namespace fs = std::filesystem;

// A package with one rgbd medium (and an equirect before it when `afterEquirect`).
class Package {
 public:
  Package(const std::string& colour, const std::string& depthJson, const std::string& depthFile = "")
      : dir_("rgbd_picture") {
    fs::copy_file(media::test::rgbdMediaFile(colour), dir_.path() / colour);
    if (!depthFile.empty()) fs::copy_file(media::test::rgbdMediaFile(depthFile), dir_.path() / depthFile);
    std::ofstream(dir_.path() / "shot.json")
        << R"({"format":"perfectshot/1","origin":{"x":0.5,"y":1.7,"z":-0.25},
        "media":[{"id":"room","kind":"rgbd","src":")"
        << colour << R"(","yaw_offset_deg":30,"discontinuity":0.05,"head_box_m":0.8,"depth":)" << depthJson << "}]}";
  }
  std::string path() const { return dir_.path().string(); }

 private:
  ps::test::TempDir dir_;
};

int stamp(const FrameView& v) { return media::readFrameStamp(v).value_or(-1); }

// Seeks and steps either way, as the transport makes them.
const std::int64_t kVisits[] = {0, 1, 2, 40, 41, 40, 39, 12, 59, 58, 0};

media::DecodedFrame frameAt(media::VideoSource& s, std::int64_t index) {
  auto f = s.frameAt((static_cast<double>(index) + 0.5) / s.info().frameRate.toDouble());
  if (!f) throw std::runtime_error(f.error().message());
  return std::move(f).value();
}

TEST(RgbdPicture, AStackedPlateGivesItsHalvesTheLayoutCodingAndPlacement) {
  Package pkg("tb.mp4", R"({"packing":"top-bottom","encoding":"linear","near_m":1,"far_m":9})");
  auto plate = openPlate(pkg.path(), "", /*strict=*/true, 1);
  ASSERT_TRUE(plate) << plate.error().message();
  ASSERT_TRUE(plate->input.rgbd);
  EXPECT_EQ(plate->layout.projection, Projection::Equirect360) << "guessed from the colour half, 320x160";
  EXPECT_EQ(plate->layout.stereo, StereoLayout::Mono) << "not the stacked 320x320's top-bottom guess";
  const scenes::Shot& shot = *plate->input.shot;
  auto rgbd = RgbdPicture::open(shot, *shot.plate(), plate->source.info(), plate->layout);
  ASSERT_TRUE(rgbd) << rgbd.error().message();
  const engine::RgbdPlacement& at = (*rgbd)->placement();
  EXPECT_EQ(at.origin, glm::vec3(0.5f, 1.7f, -0.25f));
  EXPECT_FLOAT_EQ(at.yawOffsetDeg, 30.0f);
  EXPECT_FLOAT_EQ(at.discontinuity, 0.05f);
  EXPECT_FLOAT_EQ(at.headBoxM, 0.8f);
  for (std::int64_t i : kVisits) {
    const media::DecodedFrame f = frameAt(plate->source, i);
    auto p = (*rgbd)->picture(f);
    ASSERT_TRUE(p) << p.error().message();
    EXPECT_EQ(p->colour.height, 160u);
    EXPECT_EQ(p->depth.height, 160u);
    EXPECT_EQ(p->depth.planes[0].data, f.view().planes[0].data + 160 * f.view().planes[0].stride) << "no copy";
    EXPECT_EQ(stamp(p->colour), i);
    EXPECT_EQ(stamp(p->depth), i);
    EXPECT_EQ(p->coding, (DepthCoding{DepthEncoding::Linear, 1, 9}));
    EXPECT_EQ(p->layout.stereo, StereoLayout::Mono);
    // Measured on the worker, for this picture: the layer measures nothing on the loop thread.
    ASSERT_TRUE(p->measure);
    EXPECT_TRUE(p->measure->fits(p->depth, p->layout, p->coding));
  }
}

TEST(RgbdPicture, ASeparateDepthIsTheDepthOfTheColourFrameShown) {
  Package pkg("sep_colour.mp4",
              R"({"packing":"separate","src":"sep_depth_h264.mp4","encoding":"inverse","near_m":0.5,"far_m":20})",
              "sep_depth_h264.mp4");
  auto plate = openPlate(pkg.path(), "", /*strict=*/true, 1);
  ASSERT_TRUE(plate) << plate.error().message();
  const scenes::Shot& shot = *plate->input.shot;
  auto rgbd = RgbdPicture::open(shot, *shot.plate(), plate->source.info(), plate->layout);
  ASSERT_TRUE(rgbd) << rgbd.error().message();
  for (std::int64_t i : kVisits) {
    const media::DecodedFrame f = frameAt(plate->source, i);
    auto p = (*rgbd)->picture(f);
    ASSERT_TRUE(p) << p.error().message();
    EXPECT_EQ(p->colour.planes[0].data, f.view().planes[0].data) << "the plate's own picture";
    EXPECT_EQ(stamp(p->colour), i);
    EXPECT_EQ(stamp(p->depth), i) << "the depth of colour frame " << i;
    ASSERT_TRUE(p->measure);
    EXPECT_TRUE(p->measure->fits(p->depth, p->layout, p->coding));
  }
}

TEST(RgbdPicture, ADepthThatIsNotWhatTheShotDeclaresIsAnErrorAtItsFrame) {
  Package pkg("sep_colour.mp4",
              R"({"packing":"separate","src":"sep_depth_gray8.mkv","encoding":"inverse","near_m":0.5,"far_m":20,
                  "bits":16})",
              "sep_depth_gray8.mkv");
  auto plate = openPlate(pkg.path(), "", /*strict=*/true, 1);
  ASSERT_TRUE(plate) << plate.error().message();
  const scenes::Shot& shot = *plate->input.shot;
  auto rgbd = RgbdPicture::open(shot, *shot.plate(), plate->source.info(), plate->layout);
  ASSERT_TRUE(rgbd) << rgbd.error().message();
  auto p = (*rgbd)->picture(frameAt(plate->source, 4));
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().where.find("sep_depth_gray8.mkv@frame 4"), std::string::npos) << p.error().message();
  EXPECT_NE(p.error().what.find("8-bit"), std::string::npos) << p.error().message();

  Package stacked("tb.mp4", R"({"packing":"top-bottom","encoding":"hue","near_m":0.5,"far_m":20,"bits":10})");
  auto tb = openPlate(stacked.path(), "", /*strict=*/true, 1);
  ASSERT_TRUE(tb);
  auto r = RgbdPicture::open(*tb->input.shot, *tb->input.shot->plate(), tb->source.info(), tb->layout);
  ASSERT_TRUE(r);
  auto q = (*r)->picture(frameAt(tb->source, 2));
  ASSERT_FALSE(q);
  EXPECT_NE(q.error().where.find("tb.mp4@frame 2"), std::string::npos) << q.error().message();
  EXPECT_NE(q.error().what.find("\"bits\": 10"), std::string::npos) << q.error().message();
}

// Asked ahead for the frame after the one shown (as the loop does while playing) and then sent
// elsewhere by a seek or a step, the depth given is the depth of the frame shown, never the one
// decoded ahead nor the one before.
TEST(RgbdPicture, DepthDecodedAheadNeverLagsOrLeadsItsColourAfterASeekOrStep) {
  Package pkg("sep_colour.mp4",
              R"({"packing":"separate","src":"sep_depth_h264.mp4","encoding":"inverse","near_m":0.5,"far_m":20})",
              "sep_depth_h264.mp4");
  auto plate = openPlate(pkg.path(), "", /*strict=*/true, 1);
  ASSERT_TRUE(plate) << plate.error().message();
  const scenes::Shot& shot = *plate->input.shot;
  auto rgbd = RgbdPicture::open(shot, *shot.plate(), plate->source.info(), plate->layout);
  ASSERT_TRUE(rgbd) << rgbd.error().message();
  std::int64_t last = -1;
  for (std::int64_t i : kVisits) {
    if (last >= 0) {
      // The frame after the last one shown is decoded ahead and ready (and the one before it,
      // as a step back would want) before the transport goes to i.
      const media::DecodedFrame next = frameAt(plate->source, std::min<std::int64_t>(last + 1, 59));
      (*rgbd)->ahead(next);
      if (last > 0) (*rgbd)->ahead(frameAt(plate->source, last - 1));
      ASSERT_TRUE((*rgbd)->picture(next));
    }
    const media::DecodedFrame f = frameAt(plate->source, i);
    // Not waiting: empty until it is decoded, then exactly its own depth.
    std::optional<Result<RgbdPictureFrame>> p;
    while (!(p = (*rgbd)->ready(f, std::chrono::milliseconds(20)))) {
    }
    ASSERT_TRUE(*p) << p->error().message();
    EXPECT_EQ(stamp((*p)->colour), i);
    EXPECT_EQ(stamp((*p)->depth), i) << "the depth of colour frame " << i << " after frame " << last;
    last = i;
  }
}

// A plate and the rgbd medium it names as its background: each plate frame gets the
// background's frame of the same index (read by its own decoder), with the background's own
// layout and coding.
class LayeredPackage {
 public:
  explicit LayeredPackage(const std::string& background) : dir_("rgbd_layers") {
    for (const std::string f : {"sep_colour.mp4", "sep_depth_h264.mp4", background.c_str()})
      if (!fs::exists(dir_.path() / f)) fs::copy_file(media::test::rgbdMediaFile(f), dir_.path() / f);
    std::ofstream(dir_.path() / "shot.json") << R"({"format":"perfectshot/1","media":[
        {"id":"room","kind":"rgbd","src":"sep_colour.mp4","background":"behind",
         "depth":{"packing":"separate","src":"sep_depth_h264.mp4","encoding":"inverse","near_m":0.5,"far_m":20}},
        {"id":"behind","kind":"rgbd","src":")" << background << R"(","projection":"360","stereo":"mono",
         "depth":{"packing":"top-bottom","encoding":"linear","near_m":1,"far_m":9}}]})";
  }
  std::string path() const { return dir_.path().string(); }

 private:
  ps::test::TempDir dir_;
};

TEST(RgbdPicture, TheBackgroundLayerIsItsFrameOfThePlatesIndex) {
  LayeredPackage pkg("tb.mp4");
  auto plate = openPlate(pkg.path(), "", /*strict=*/true, 1);
  ASSERT_TRUE(plate) << plate.error().message();
  EXPECT_EQ(plate->input.url.substr(plate->input.url.size() - 14), "sep_colour.mp4") << "a background is not the plate";
  const scenes::Shot& shot = *plate->input.shot;
  auto rgbd = RgbdPicture::open(shot, *shot.plate(), plate->source.info(), plate->layout);
  ASSERT_TRUE(rgbd) << rgbd.error().message();
  for (std::int64_t i : kVisits) {
    if (i + 1 < 60) (*rgbd)->ahead(frameAt(plate->source, i + 1));
    const media::DecodedFrame f = frameAt(plate->source, i);
    auto p = (*rgbd)->picture(f);
    ASSERT_TRUE(p) << p.error().message();
    ASSERT_TRUE(p->background);
    EXPECT_EQ(stamp(p->background->colour), i);
    EXPECT_EQ(stamp(p->background->depth), i);
    EXPECT_EQ(p->background->colour.height, 160u) << "the stacked background's colour half";
    EXPECT_EQ(p->background->coding, (DepthCoding{DepthEncoding::Linear, 1, 9}));
    EXPECT_EQ(p->background->layout.stereo, StereoLayout::Mono);
    ASSERT_TRUE(p->background->measure);
    EXPECT_TRUE(p->background->measure->fits(p->background->depth, p->background->layout, p->background->coding));
    EXPECT_EQ(stamp(p->depth), i);
  }
}

TEST(RgbdPicture, ABackgroundOfAnotherLengthIsRefused) {
  LayeredPackage pkg("tb_odd.mkv");  // 4 frames against the plate's 60
  auto plate = openPlate(pkg.path(), "", /*strict=*/true, 1);
  ASSERT_TRUE(plate) << plate.error().message();
  const scenes::Shot& shot = *plate->input.shot;
  auto rgbd = RgbdPicture::open(shot, *shot.plate(), plate->source.info(), plate->layout);
  ASSERT_FALSE(rgbd);
  EXPECT_NE(rgbd.error().where.find("tb_odd.mkv"), std::string::npos) << rgbd.error().message();
  EXPECT_NE(rgbd.error().what.find("4 frames, the plate 60"), std::string::npos) << rgbd.error().message();
}

TEST(RgbdPicture, OnlyAnRgbdMediumHasOne) {
  scenes::Shot shot;
  scenes::MediaRef equirect;
  equirect.pointer = "/media/0";
  media::StreamInfo info;
  auto r = RgbdPicture::open(shot, equirect, info, FrameLayout{});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().what.find("not an rgbd capture"), std::string::npos);
}

}  // namespace
}  // namespace ps::player
