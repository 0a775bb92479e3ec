#pragma once
// Images for comparisons in tests: 8-bit RGBA or RGB in memory, PNG in and out, PSNR.
#include <cstdint>
#include <string>
#include <vector>

namespace ps::test {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;  // 3 or 4
  std::vector<std::uint8_t> pixels;  // row-major, tightly packed

  std::uint8_t at(int x, int y, int c) const {
    return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c];
  }
};

// Loads a PNG (or any format stb reads); throws std::runtime_error naming the file.
Image loadImage(const std::string& path, int channels = 3);
void savePng(const std::string& path, const Image& image);
// Raw rgb24 as written by `ffmpeg -f rawvideo -pix_fmt rgb24`.
Image loadRawRgb(const std::string& path, int width, int height);

// PSNR over the RGB channels (alpha ignored). Infinity for identical images.
double psnr(const Image& a, const Image& b);
// |a-b| per channel, amplified, for a failure report.
Image diffImage(const Image& a, const Image& b);
// On failure, write actual and diff next to where the test keeps its outputs.
void saveComparison(const std::string& stem, const Image& actual, const Image& expected);

}  // namespace ps::test
