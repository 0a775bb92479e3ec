#include "image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace ps::test {

Image loadImage(const std::string& path, int channels) {
  int w = 0, h = 0, n = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, channels);
  if (!data) throw std::runtime_error(path + ": cannot load image: " + stbi_failure_reason());
  Image img{w, h, channels, std::vector<std::uint8_t>(data, data + static_cast<std::size_t>(w) * h * channels)};
  stbi_image_free(data);
  return img;
}

void savePng(const std::string& path, const Image& image) {
  if (!stbi_write_png(path.c_str(), image.width, image.height, image.channels, image.pixels.data(),
                      image.width * image.channels))
    throw std::runtime_error(path + ": cannot write PNG");
}

Image loadRawRgb(const std::string& path, int width, int height) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  Image img{width, height, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
  in.read(reinterpret_cast<char*>(img.pixels.data()), static_cast<std::streamsize>(img.pixels.size()));
  if (in.gcount() != static_cast<std::streamsize>(img.pixels.size()))
    throw std::runtime_error(path + ": expected " + std::to_string(img.pixels.size()) + " bytes of rgb24");
  return img;
}

double psnr(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height)
    throw std::runtime_error("psnr: image sizes differ");
  double sum = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c) {
        const double d = double(a.at(x, y, c)) - double(b.at(x, y, c));
        sum += d * d;
      }
  const double mse = sum / (double(a.width) * a.height * 3);
  if (mse == 0) return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(255.0 * 255.0 / mse);
}

Image diffImage(const Image& a, const Image& b) {
  Image d{a.width, a.height, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(a.width) * a.height * 3)};
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c) {
        const int v = std::abs(int(a.at(x, y, c)) - int(b.at(x, y, c))) * 8;
        d.pixels[(static_cast<std::size_t>(y) * a.width + x) * 3 + c] = static_cast<std::uint8_t>(std::min(v, 255));
      }
  return d;
}

void saveComparison(const std::string& stem, const Image& actual, const Image& expected) {
  savePng(stem + ".actual.png", actual);
  savePng(stem + ".expected.png", expected);
  if (actual.width == expected.width && actual.height == expected.height)
    savePng(stem + ".diff.png", diffImage(actual, expected));
}

}  // namespace ps::test
