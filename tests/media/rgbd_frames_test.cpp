// RGB-D frames: a stacked video split into colour and depth without a copy, a separate depth
// video following its colour by frame index, both frame-exact under seeks and steps (every
// picture carries its frame stamp); the grey formats mapped for depth only; each refusal says
// where and what.
#include <gtest/gtest.h>

#include <vector>

#include "media/depth_track.h"
#include "media/frame_stamp.h"
#include "media/rgbd_frames.h"
#include "media/video_source.h"
#include "rgbd_test_media.h"

namespace ps::media {
namespace {

using test::rgbdMediaFile;

VideoSource open(const std::string& name, DecodeOptions options = {}) {
  options.threads = 1;
  auto s = VideoSource::open(rgbdMediaFile(name), options);
  if (!s) throw std::runtime_error(s.error().message());
  return std::move(s).value();
}

int stamp(const FrameView& v) { return readFrameStamp(v).value_or(-1); }

// A transport's worth of moves: play on, seek ahead, step, step back, seek back, the ends.
enum class Move { Next, Seek };
struct Visit {
  Move move;
  std::int64_t index;  // the frame the move lands on
};
const std::vector<Visit> kVisits = {{Move::Next, 0},  {Move::Next, 1},  {Move::Next, 2},  {Move::Seek, 37},
                                    {Move::Next, 38}, {Move::Next, 39}, {Move::Seek, 38}, {Move::Seek, 37},
                                    {Move::Seek, 5},  {Move::Next, 6},  {Move::Seek, 59}, {Move::Seek, 0},
                                    {Move::Seek, 23}, {Move::Seek, 23}, {Move::Next, 24}};

DecodedFrame land(VideoSource& s, const Visit& v) {
  if (v.move == Move::Next) {
    auto f = s.next();
    if (!f || !f.value()) throw std::runtime_error("no next frame");
    return std::move(*f.value());
  }
  auto f = s.frameAt((static_cast<double>(v.index) + 0.5) / s.info().frameRate.toDouble());
  if (!f) throw std::runtime_error(f.error().message());
  return std::move(f).value();
}

TEST(RgbdFrames, ATopBottomFrameSplitsWithoutACopyAndStaysExactUnderSeeksAndSteps) {
  VideoSource s = open("tb.mp4");
  ASSERT_EQ(s.info().height, 320);
  for (const Visit& v : kVisits) {
    const DecodedFrame f = land(s, v);
    ASSERT_EQ(f.index, v.index);
    auto split = splitTopBottom(f.view(), "tb.mp4");
    ASSERT_TRUE(split) << split.error().message();
    const FrameView& all = f.view();
    EXPECT_EQ(split->colour.height, 160u);
    EXPECT_EQ(split->depth.height, 160u);
    EXPECT_EQ(split->colour.planes[0].data, all.planes[0].data) << "no copy";
    EXPECT_EQ(split->depth.planes[0].data, all.planes[0].data + 160 * all.planes[0].stride);
    EXPECT_EQ(split->depth.planes[1].data, all.planes[1].data + 80 * all.planes[1].stride) << "chroma rows: half";
    EXPECT_EQ(split->depth.planes[2].data, all.planes[2].data + 80 * all.planes[2].stride);
    EXPECT_EQ(stamp(split->colour), v.index);
    EXPECT_EQ(stamp(split->depth), v.index) << "the depth half's own stamp";
  }
}

TEST(RgbdFrames, ASeparateDepthFollowsItsColourByIndexUnderSeeksAndSteps) {
  VideoSource colour = open("sep_colour.mp4");
  auto depth = DepthTrack::open(rgbdMediaFile("sep_depth_h264.mp4"), colour.info(), {});
  ASSERT_TRUE(depth) << depth.error().message();
  for (const Visit& v : kVisits) {
    const DecodedFrame c = land(colour, v);
    ASSERT_EQ(stamp(c.view()), v.index);
    auto d = (*depth)->frame(c.index);
    ASSERT_TRUE(d) << d.error().message();
    EXPECT_EQ((*d)->index, v.index);
    EXPECT_EQ(stamp((*d)->view()), v.index) << "the depth of colour frame " << v.index;
  }
  EXPECT_GT((*depth)->seeks(), 0u);
  EXPECT_LT((*depth)->seeks(), kVisits.size()) << "playing on reads the next frame, no seek";
}

struct GreyCase {
  const char* file;
  PixelFormat format;
};

TEST(RgbdFrames, DepthVideosMayBeGreyOr12BitAndKeepTheirFormat) {
  VideoSource colour = open("sep_colour.mp4");
  for (const GreyCase& c : {GreyCase{"sep_depth_gray8.mkv", PixelFormat::Gray8},
                            GreyCase{"sep_depth_gray10.mkv", PixelFormat::Gray10},
                            GreyCase{"sep_depth_gray12.mkv", PixelFormat::Gray12},
                            GreyCase{"sep_depth_gray16.mkv", PixelFormat::Gray16},
                            GreyCase{"sep_depth_yuv12.mkv", PixelFormat::Yuv420P12}}) {
    auto depth = DepthTrack::open(rgbdMediaFile(c.file), colour.info(), {});
    ASSERT_TRUE(depth) << c.file << ": " << depth.error().message();
    EXPECT_EQ((*depth)->info().pixelFormat, c.format) << c.file;
    for (std::int64_t i : {3, 4, 30, 2}) {
      auto d = (*depth)->frame(i);
      ASSERT_TRUE(d) << c.file << ": " << d.error().message();
      EXPECT_EQ((*d)->view().format, c.format) << c.file;
      EXPECT_EQ(stamp((*d)->view()), i) << c.file;
    }
  }
}

// Grey is for depth only: a grey plate gets a sentence, not a crash or a grey picture.
TEST(RgbdFrames, AGreyPlateIsRefusedWithASentence) {
  auto s = VideoSource::open(rgbdMediaFile("sep_depth_gray8.mkv"));
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().what.find("grey"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().what.find("depth"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().where.find("sep_depth_gray8.mkv"), std::string::npos);
  auto y12 = VideoSource::open(rgbdMediaFile("sep_depth_yuv12.mkv"));
  EXPECT_FALSE(y12) << "12-bit 4:2:0 is for depth only, too";
}

struct Mismatch {
  const char* file;
  const char* says;
};

TEST(RgbdFrames, ADepthVideoThatDoesNotBelongToItsColourIsRefused) {
  VideoSource colour = open("sep_colour.mp4");
  for (const Mismatch& m : {Mismatch{"sep_depth_short.mkv", "the depth video has 50 frames, the colour video 60"},
                            Mismatch{"sep_depth_25fps.mkv", "the depth video runs at 25 fps, the colour video at 30 fps"},
                            Mismatch{"sep_depth_small.mkv", "the depth video is 160x80, the colour video 320x160"}}) {
    auto depth = DepthTrack::open(rgbdMediaFile(m.file), colour.info(), {});
    ASSERT_FALSE(depth) << m.file;
    EXPECT_NE(depth.error().what.find(m.says), std::string::npos) << depth.error().message();
    EXPECT_NE(depth.error().where.find(m.file), std::string::npos) << depth.error().message();
  }
}

TEST(RgbdFrames, AnEightBitDepthDeclaredAsSixteenBitIsRefusedAtItsFrame) {
  VideoSource colour = open("sep_colour.mp4");
  auto depth = DepthTrack::open(rgbdMediaFile("sep_depth_gray8.mkv"), colour.info(), {DepthEncoding::Inverse, 16});
  ASSERT_TRUE(depth) << depth.error().message();
  auto d = (*depth)->frame(7);
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().what.find("8-bit (gray)"), std::string::npos) << d.error().message();
  EXPECT_NE(d.error().what.find("\"bits\": 16"), std::string::npos) << d.error().message();
  EXPECT_NE(d.error().where.find("sep_depth_gray8.mkv@frame 7"), std::string::npos) << d.error().message();
  auto right = DepthTrack::open(rgbdMediaFile("sep_depth_gray16.mkv"), colour.info(), {DepthEncoding::Inverse, 16});
  ASSERT_TRUE(right);
  EXPECT_TRUE((*right)->frame(7)) << "16-bit declared as 16-bit";
}

TEST(RgbdFrames, InverseSplit8NeedsAn8Bit444Picture) {
  VideoSource stacked = open("tb.mp4");
  auto f = stacked.next();
  ASSERT_TRUE(f && f.value());
  auto split = splitTopBottom((*f.value()).view(), "tb.mp4@frame 0");
  ASSERT_TRUE(split);
  const Status wrong = checkDepthPicture(split->depth, {DepthEncoding::InverseSplit8, {}}, "tb.mp4@frame 0");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().what.find("8-bit 4:4:4"), std::string::npos) << wrong.error().message();
  EXPECT_NE(wrong.error().what.find("yuv420p"), std::string::npos) << wrong.error().message();
  EXPECT_EQ(wrong.error().where, "tb.mp4@frame 0");
  VideoSource colour = open("sep_colour.mp4");
  auto right = DepthTrack::open(rgbdMediaFile("sep_depth_444.mp4"), colour.info(), {DepthEncoding::InverseSplit8, 8});
  ASSERT_TRUE(right) << right.error().message();
  EXPECT_TRUE((*right)->frame(0));
  auto grey = DepthTrack::open(rgbdMediaFile("sep_depth_gray8.mkv"), colour.info(), {DepthEncoding::InverseSplit8, {}});
  ASSERT_TRUE(grey);
  EXPECT_FALSE((*grey)->frame(0)) << "grey is not 4:4:4";
}

TEST(RgbdFrames, ATopBottomVideoWithAnOddHeightOrHalvesSharingAChromaRowIsRefused) {
  VideoSource odd = open("tb_odd.mkv");
  auto f = odd.next();
  ASSERT_TRUE(f && f.value());
  auto split = splitTopBottom((*f.value()).view(), "tb_odd.mkv@frame 0");
  ASSERT_FALSE(split);
  EXPECT_NE(split.error().what.find("320x321"), std::string::npos) << split.error().message();
  EXPECT_NE(split.error().what.find("odd"), std::string::npos) << split.error().message();
  VideoSource halfOdd = open("tb_half_odd.mkv");
  auto g = halfOdd.next();
  ASSERT_TRUE(g && g.value());
  auto shared = splitTopBottom((*g.value()).view(), "tb_half_odd.mkv@frame 0");
  ASSERT_FALSE(shared);
  EXPECT_NE(shared.error().what.find("chroma row"), std::string::npos) << shared.error().message();
}

TEST(RgbdFrames, AStackedVideoIsToldFromAPlainOne) {
  VideoSource stacked = open("tb.mp4");
  auto f = stacked.next();
  ASSERT_TRUE(f && f.value());
  EXPECT_TRUE(looksLikeStackedDepth((*f.value()).view()));
  VideoSource plain = open("sep_colour.mp4");
  auto g = plain.next();
  ASSERT_TRUE(g && g.value());
  EXPECT_FALSE(looksLikeStackedDepth((*g.value()).view()));
}

}  // namespace
}  // namespace ps::media
