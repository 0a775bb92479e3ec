#pragma once
// Dear ImGui vertex colours from sRGB bytes, for the target they are drawn into. ImGui writes
// colours as they are; an sRGB target encodes what the shader outputs, so the bytes asked for
// come out on screen only if they go in linearised.
#include <cstdint>

namespace ps::ui {

class Palette {
 public:
  explicit Palette(bool srgbTarget) : srgb_(srgbTarget) {}
  // An ImU32.
  std::uint32_t operator()(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) const;
  // The same colour with its alpha scaled by `opacity` (0..1): fades.
  std::uint32_t faded(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a, float opacity) const;

 private:
  bool srgb_;
};

}  // namespace ps::ui
