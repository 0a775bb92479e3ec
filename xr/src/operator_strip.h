#pragma once
// The operator's line drawn into the headset mirror's picture (never the eyes): light text on
// a black strip along the window's bottom edge, rasterised on the CPU from the GUI's font when
// the line changes (about once a second at most), then copied into each mirrored window image
// after the eye's blit. Grey levels in all four bytes, so the window's RGBA or BGRA order does
// not matter.
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/font_atlas.h"

namespace ps::xr {

struct OperatorStrip {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4, rows top to bottom
  bool empty() const { return width == 0 || height == 0; }
};

inline constexpr std::uint32_t kOperatorStripHeight = 22;  // window pixels

// The line at kOperatorStripHeight, at most maxWidth pixels wide (cut there); empty text: none.
OperatorStrip rasteriseOperatorStrip(const engine::FontAtlas& font, std::string_view line, std::uint32_t maxWidth);

}  // namespace ps::xr
