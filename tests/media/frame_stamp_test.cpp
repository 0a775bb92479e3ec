// readFrameStamp on synthetic pictures: every bit depth and packing, and refusal
// of pictures that carry no clean stamp.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "media/frame_stamp.h"

namespace ps::media {
namespace {

// A luma plane with the stamp of `number` drawn at row originY.
struct Picture {
  std::vector<std::byte> bytes;
  FrameView view;
};

Picture stamped(PixelFormat format, int number, int originY, int black, int white) {
  const int w = 320;
  const int h = 160;
  const int bps = bytesPerSample(format);
  Picture p;
  p.bytes.resize(static_cast<std::size_t>(w * h * bps));
  auto put = [&](int x, int y, int value) {
    auto* at = p.bytes.data() + (static_cast<std::size_t>(y) * w + x) * bps;
    if (bps == 1) {
      *at = static_cast<std::byte>(value);
    } else {
      const auto word = static_cast<std::uint16_t>(value);
      std::memcpy(at, &word, 2);
    }
  };
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) put(x, y, (x + y) % 2 == 0 ? black : white);  // busy background
  }
  for (int k = 0; k < 16; ++k) {
    for (int y = originY; y < originY + 16; ++y) {
      for (int x = 16 * k; x < 16 * k + 16; ++x) put(x, y, (number >> k) & 1 ? white : black);
    }
  }
  p.view.format = format;
  p.view.width = w;
  p.view.height = h;
  p.view.planes[0] = {p.bytes.data(), static_cast<std::size_t>(w * bps)};
  return p;
}

TEST(FrameStamp, Reads8BitLimitedAndFullRange) {
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::Yuv420P, 12345, 0, 16, 235).view), 12345);
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::Nv12, 65535, 0, 0, 255).view), 65535);
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::Yuv444P, 0, 0, 16, 235).view), 0);
}

TEST(FrameStamp, Reads10BitLowAndHighBitPacking) {
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::Yuv420P10, 777, 0, 64, 940).view), 777);
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::Yuv444P10, 40000, 0, 0, 1023).view), 40000);
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::P010, 777, 0, 64 << 6, 940 << 6).view), 777);
  // 10-bit words read as if 8-bit-in-low-bits would misread; packing matters.
  EXPECT_NE(readFrameStamp(stamped(PixelFormat::Yuv420P10, 777, 0, 64 << 6, 940 << 6).view), 777);
}

TEST(FrameStamp, ReadsAtAnOrigin) {
  const Picture p = stamped(PixelFormat::Yuv420P, 321, 80, 16, 235);
  EXPECT_EQ(readFrameStamp(p.view, 80), 321);
  EXPECT_EQ(readFrameStamp(p.view, 0), std::nullopt);  // the busy background is not a stamp
}

TEST(FrameStamp, RefusesGreyAndPicturesTooSmall) {
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::Yuv420P, 5, 0, 16, 128).view), std::nullopt);
  Picture p = stamped(PixelFormat::Yuv420P, 5, 0, 16, 235);
  p.view.width = 200;
  EXPECT_EQ(readFrameStamp(p.view), std::nullopt);
  EXPECT_EQ(readFrameStamp(stamped(PixelFormat::Yuv420P, 5, 0, 16, 235).view, 150), std::nullopt);
  EXPECT_EQ(readFrameStamp(FrameView{}), std::nullopt);
}

}  // namespace
}  // namespace ps::media
