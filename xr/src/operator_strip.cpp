#include "operator_strip.h"

#include <algorithm>
#include <cmath>

namespace ps::xr {

OperatorStrip rasteriseOperatorStrip(const engine::FontAtlas& font, std::string_view line, std::uint32_t maxWidth) {
  OperatorStrip strip;
  if (line.empty() || maxWidth == 0) return strip;
  const float pixelHeight = 15.0f;
  const float scale = pixelHeight / font.bakedPixelHeight();
  const float pad = 4.0f;
  const float textWidth = font.widthOf(line, pixelHeight);
  strip.width = std::min(maxWidth, static_cast<std::uint32_t>(std::ceil(textWidth + 2 * pad)));
  strip.height = kOperatorStripHeight;
  std::vector<std::uint8_t> grey(static_cast<std::size_t>(strip.width) * strip.height, 0);
  const float baseline = std::round((static_cast<float>(strip.height) + font.ascent() * scale - font.descent() * scale) / 2);
  float pen = pad;
  for (char32_t c : engine::decodeUtf8(line)) {
    const engine::Glyph& g = font.glyph(c);
    // The glyph's box in strip pixels, sampled nearest from the atlas.
    const float x0 = pen + g.min.x * scale, x1 = pen + g.max.x * scale;
    const float y0 = baseline + g.min.y * scale, y1 = baseline + g.max.y * scale;
    for (int y = std::max(0, static_cast<int>(std::floor(y0))); y < std::min<int>(strip.height, static_cast<int>(std::ceil(y1))); ++y)
      for (int x = std::max(0, static_cast<int>(std::floor(x0))); x < std::min<int>(strip.width, static_cast<int>(std::ceil(x1))); ++x) {
        const float u = g.uvMin.x + (g.uvMax.x - g.uvMin.x) * ((static_cast<float>(x) + 0.5f - x0) / std::max(x1 - x0, 1e-3f));
        const float v = g.uvMin.y + (g.uvMax.y - g.uvMin.y) * ((static_cast<float>(y) + 0.5f - y0) / std::max(y1 - y0, 1e-3f));
        const auto ax = std::clamp(static_cast<std::uint32_t>(u * static_cast<float>(font.width())), 0u, font.width() - 1);
        const auto ay = std::clamp(static_cast<std::uint32_t>(v * static_cast<float>(font.height())), 0u, font.height() - 1);
        std::uint8_t& out = grey[static_cast<std::size_t>(y) * strip.width + static_cast<std::size_t>(x)];
        out = std::max(out, font.pixels()[static_cast<std::size_t>(ay) * font.width() + ax]);
      }
    pen += g.advance * scale;
    if (pen >= static_cast<float>(strip.width)) break;
  }
  strip.pixels.resize(grey.size() * 4);
  for (std::size_t i = 0; i < grey.size(); ++i) {
    // Light grey text on black, opaque.
    const auto level = static_cast<std::uint8_t>(grey[i] * 230 / 255);
    strip.pixels[4 * i + 0] = strip.pixels[4 * i + 1] = strip.pixels[4 * i + 2] = level;
    strip.pixels[4 * i + 3] = 255;
  }
  return strip;
}

}  // namespace ps::xr
