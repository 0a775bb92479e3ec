// Pixel formats handed out as decoded, and colour tags reported as the file says.
#include <gtest/gtest.h>

#include "test_media.h"

namespace ps::media::test {
namespace {

struct FormatCase {
  const char* file;
  const char* ffmpegName;
  PixelFormat format;
  friend void PrintTo(const FormatCase& c, std::ostream* os) { *os << c.file; }
};

class Formats : public ::testing::TestWithParam<FormatCase> {};

TEST_P(Formats, DecodesWithoutConversion) {
  const FormatCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  EXPECT_EQ(src.info().pixelFormatName, c.ffmpegName);
  EXPECT_EQ(src.info().pixelFormat, c.format);
  for (int n : {0, 1, 7}) {
    Result<DecodedFrame> f = src.frameAt(n / 30.0);
    ASSERT_TRUE(f.ok()) << f.error().message();
    const FrameView& v = f->view();
    EXPECT_EQ(v.format, c.format);
    EXPECT_EQ(v.width, 320u);
    EXPECT_EQ(v.height, 160u);
    for (int p = 0; p < planeCount(c.format); ++p) {
      EXPECT_NE(v.planes[static_cast<std::size_t>(p)].data, nullptr);
      EXPECT_GE(v.planes[static_cast<std::size_t>(p)].stride,
                planeWidth(c.format, p, v.width) * static_cast<std::size_t>(bytesPerSample(c.format)) *
                    static_cast<std::size_t>(componentsPerSample(c.format, p)));
    }
    EXPECT_EQ(readFrameStamp(v), n);
  }
}

INSTANTIATE_TEST_SUITE_P(Media, Formats,
                         ::testing::Values(FormatCase{"gop30_bf3.mp4", "yuv420p", PixelFormat::Yuv420P},
                                           FormatCase{"f_yuv420p10.mp4", "yuv420p10le", PixelFormat::Yuv420P10},
                                           FormatCase{"f_yuv444p.mp4", "yuv444p", PixelFormat::Yuv444P},
                                           FormatCase{"f_yuv444p10.mp4", "yuv444p10le", PixelFormat::Yuv444P10},
                                           FormatCase{"f_nv12.nut", "nv12", PixelFormat::Nv12}),
                         [](const auto& p) { return std::string(p.param.ffmpegName); });

TEST(Formats, UnsupportedPixelFormatIsNamed) {
  Result<VideoSource> s = VideoSource::open(mediaFile("f_rgb24.nut"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("f_rgb24.nut"), std::string::npos);
  EXPECT_NE(s.error().message().find("unsupported pixel format 'rgb24'"), std::string::npos) << s.error().message();
}

struct ColorCase {
  const char* file;
  ColorMatrix matrix;
  bool matrixAssumed;
  ColorRange range;
  friend void PrintTo(const ColorCase& c, std::ostream* os) { *os << c.file; }
};

class Colors : public ::testing::TestWithParam<ColorCase> {};

TEST_P(Colors, ReportsMatrixAndRange) {
  const ColorCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  EXPECT_EQ(src.info().matrix, c.matrix) << toString(src.info().matrix) << " tag " << src.info().matrixTag;
  EXPECT_EQ(src.info().matrixAssumed, c.matrixAssumed);
  EXPECT_EQ(src.info().range, c.range) << src.info().rangeTag;
  Result<DecodedFrame> f = src.frameAt(0);
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(f->view().matrix, c.matrix);
  EXPECT_EQ(f->view().range, c.range);
}

INSTANTIATE_TEST_SUITE_P(
    Media, Colors,
    ::testing::Values(ColorCase{"c_yuvj420p.mp4", ColorMatrix::Bt601, true, ColorRange::Full},
                      ColorCase{"c_pc.mp4", ColorMatrix::Bt601, true, ColorRange::Full},
                      ColorCase{"c_bt709.mp4", ColorMatrix::Bt709, false, ColorRange::Limited},
                      ColorCase{"c_smpte170m.mp4", ColorMatrix::Bt601, false, ColorRange::Limited},
                      ColorCase{"c_bt2020nc.mp4", ColorMatrix::Bt2020, false, ColorRange::Limited},
                      ColorCase{"c_untagged_sd.mp4", ColorMatrix::Bt601, true, ColorRange::Limited},
                      ColorCase{"c_untagged_hd.mp4", ColorMatrix::Bt709, true, ColorRange::Limited}),
    [](const auto& p) {
      std::string n = p.param.file;
      return n.substr(2, n.size() - 6);
    });

TEST(Formats, JpegRangeFormatIsHandedOutAsYuv420PFullRange) {
  VideoSource src = openOrFail("c_yuvj420p.mp4");
  EXPECT_EQ(src.info().pixelFormatName, "yuvj420p");
  EXPECT_EQ(src.info().pixelFormat, PixelFormat::Yuv420P);
}

TEST(Formats, StereoTopBottomHasAStampPerEye) {
  VideoSource src = openOrFail("stereo_tb.mp4");
  Result<DecodedFrame> f = src.frameAt(6.5 / 30.0);
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(readFrameStamp(f->view(), 0), 6);
  EXPECT_EQ(readFrameStamp(f->view(), 160), 6);
}

}  // namespace
}  // namespace ps::media::test
