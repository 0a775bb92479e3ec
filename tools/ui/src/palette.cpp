#include "ui/palette.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

namespace ps::ui {

namespace {

float toLinear(std::uint8_t c) {
  const float s = static_cast<float>(c) / 255.0f;
  return s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
}

}  // namespace

std::uint32_t Palette::operator()(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a) const {
  if (!srgb_) return IM_COL32(r, g, b, a);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(toLinear(r), toLinear(g), toLinear(b), static_cast<float>(a) / 255));
}

std::uint32_t Palette::faded(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a, float opacity) const {
  const float alpha = static_cast<float>(a) * std::clamp(opacity, 0.0f, 1.0f);
  return (*this)(r, g, b, static_cast<std::uint8_t>(std::lround(alpha)));
}

}  // namespace ps::ui
