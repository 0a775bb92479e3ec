#include "scenes/yuv_to_rgb.h"

#include <cmath>

namespace ps {

namespace {

struct LumaWeights {
  double kr;
  double kb;
};

LumaWeights weights(ColorMatrix matrix) {
  switch (matrix) {
    case ColorMatrix::Bt601: return {0.299, 0.114};
    case ColorMatrix::Bt709: return {0.2126, 0.0722};
    case ColorMatrix::Bt2020: return {0.2627, 0.0593};
  }
  return {0.2126, 0.0722};
}

// How a sampled UNORM value becomes a code value of `bits` bits.
struct Coding {
  int bits;
  double codePerSample;  // code value = sampled * codePerSample
};

Coding coding(PixelFormat format) {
  switch (format) {
    case PixelFormat::Yuv420P:
    case PixelFormat::Nv12:
    case PixelFormat::Yuv444P:
    case PixelFormat::Gray8: return {8, 255.0};
    case PixelFormat::Yuv420P10:
    case PixelFormat::Yuv444P10:
    case PixelFormat::Gray10: return {10, 65535.0};  // 10 bits in the low bits of a 16-bit word
    case PixelFormat::Yuv420P12:
    case PixelFormat::Gray12: return {12, 65535.0};
    case PixelFormat::Gray16: return {16, 1.0};
    case PixelFormat::P010: return {10, 65535.0 / 64.0};  // 10 bits in the high bits
  }
  return {8, 255.0};
}

}  // namespace

std::array<glm::vec4, 3> yuvToRgbRows(PixelFormat format, ColorMatrix matrix, ColorRange range) {
  const Coding c = coding(format);
  const double step = std::ldexp(1.0, c.bits - 8);  // one 8-bit code step, in this depth's codes
  const double maxCode = std::ldexp(1.0, c.bits) - 1.0;
  // Y' = sampled * yScale + yOffset (0..1); Cb, Cr likewise to -0.5..0.5.
  double yScale, yOffset, cScale, cOffset;
  if (range == ColorRange::Limited) {
    yScale = c.codePerSample / (219.0 * step);
    yOffset = -16.0 / 219.0;
    cScale = c.codePerSample / (224.0 * step);
    cOffset = -128.0 / 224.0;
  } else {
    yScale = c.codePerSample / maxCode;
    yOffset = 0.0;
    cScale = c.codePerSample / maxCode;
    cOffset = -std::ldexp(1.0, c.bits - 1) / maxCode;
  }
  const LumaWeights w = weights(matrix);
  const double kg = 1.0 - w.kr - w.kb;
  // R'G'B' from Y'CbCr (ITU-R BT.601/709/2020, non-constant luminance).
  const double m[3][3] = {
      {1.0, 0.0, 2.0 * (1.0 - w.kr)},
      {1.0, -2.0 * w.kb * (1.0 - w.kb) / kg, -2.0 * w.kr * (1.0 - w.kr) / kg},
      {1.0, 2.0 * (1.0 - w.kb), 0.0},
  };
  std::array<glm::vec4, 3> rows{};
  for (int i = 0; i < 3; ++i) {
    rows[i] = glm::vec4(static_cast<float>(m[i][0] * yScale), static_cast<float>(m[i][1] * cScale),
                        static_cast<float>(m[i][2] * cScale),
                        static_cast<float>(m[i][0] * yOffset + (m[i][1] + m[i][2]) * cOffset));
  }
  return rows;
}

}  // namespace ps
