#include <algorithm>
#include <array>
#include <cmath>

#include "media/splat_video.h"

namespace ps::media {

namespace {

enum Tile : int { kPosHigh = 0, kPosLow = 1, kColour = 2, kScale = 3, kRotation = 4, kOpacity = 5, kFirstSh = 6 };

std::uint8_t code8(float v, float lo, float hi) {
  const float t = hi > lo ? (v - lo) / (hi - lo) : 0.0f;
  return static_cast<std::uint8_t>(std::lround(std::clamp(t, 0.0f, 1.0f) * 255.0f));
}
float value8(std::uint8_t c, float lo, float hi) { return lo + (hi - lo) * (static_cast<float>(c) / 255.0f); }

std::uint16_t code16(float v, float lo, float hi) {
  const float t = hi > lo ? (v - lo) / (hi - lo) : 0.0f;
  return static_cast<std::uint16_t>(std::lround(std::clamp(t, 0.0f, 1.0f) * 65535.0f));
}
float value16(std::uint16_t c, float lo, float hi) { return lo + (hi - lo) * (static_cast<float>(c) / 65535.0f); }

std::uint32_t roundUp(std::uint32_t v, std::uint32_t to) { return (v + to - 1) / to * to; }

// Smallest three: the largest component (made positive: q and -q are one rotation) is left out
// and rebuilt from the others, each of which lies in [-1/sqrt 2, 1/sqrt 2], in 10 bits. Bytes
// 0..2 hold the three's high 8 bits (what stays smooth from splat to splat and frame to frame),
// byte 3 their low 2 bits each and the index of the one left out.
constexpr float kRotationRange = 0.70710678f;

std::array<std::uint8_t, 4> packRotation(const glm::quat& rotation) {
  const glm::quat n = glm::normalize(rotation);
  std::array<float, 4> q{n.w, n.x, n.y, n.z};
  std::size_t largest = 0;
  for (std::size_t k = 1; k < 4; ++k)
    if (std::abs(q[k]) > std::abs(q[largest])) largest = k;
  if (q[largest] < 0.0f)
    for (float& v : q) v = -v;
  std::array<std::uint32_t, 3> code{};
  for (std::size_t k = 0, j = 0; k < 4; ++k) {
    if (k == largest) continue;
    const float t = (std::clamp(q[k], -kRotationRange, kRotationRange) / kRotationRange + 1.0f) * 0.5f;
    code[j++] = static_cast<std::uint32_t>(std::lround(t * 1023.0f));
  }
  return {static_cast<std::uint8_t>(code[0] >> 2), static_cast<std::uint8_t>(code[1] >> 2),
          static_cast<std::uint8_t>(code[2] >> 2),
          static_cast<std::uint8_t>(((code[0] & 3u) << 6) | ((code[1] & 3u) << 4) | ((code[2] & 3u) << 2) | largest)};
}

glm::quat unpackRotation(const std::array<std::uint8_t, 4>& b) {
  const std::size_t largest = b[3] & 3u;
  std::array<float, 4> q{};
  float sum = 0.0f;
  for (std::size_t k = 0, j = 0; k < 4; ++k) {
    if (k == largest) continue;
    const std::uint32_t code = (static_cast<std::uint32_t>(b[j]) << 2) | ((b[3] >> (6 - 2 * j)) & 3u);
    q[k] = (static_cast<float>(code) / 1023.0f * 2.0f - 1.0f) * kRotationRange;
    sum += q[k] * q[k];
    ++j;
  }
  q[largest] = std::sqrt(std::max(0.0f, 1.0f - sum));
  return glm::normalize(glm::quat(q[0], q[1], q[2], q[3]));
}

// Widens a range that holds one value, so that codes still mean something.
void open(float& lo, float& hi) {
  if (hi - lo < 1e-6f) hi = lo + 1e-3f;
}

}  // namespace

int SplatVideoLayout::tiles() const {
  return kFirstSh + static_cast<int>(scenes::shRestPerChannel(shDegree));
}

void SplatVideoPlanner::add(const scenes::SplatCloud& frame) {
  ++frames_;
  slots_ = std::max(slots_, static_cast<std::uint32_t>(frame.size()));
  degree_ = std::max(degree_, frame.shDegree);
  for (std::size_t i = 0; i < frame.size(); ++i) {
    const glm::vec3 p = frame.positions[i], c = frame.baseColors[i], l = glm::log(frame.scales[i]);
    if (!any_) posMin_ = posMax_ = p, colMin_ = colMax_ = c, logMin_ = logMax_ = l, any_ = true;
    posMin_ = glm::min(posMin_, p), posMax_ = glm::max(posMax_, p);
    colMin_ = glm::min(colMin_, c), colMax_ = glm::max(colMax_, c);
    logMin_ = glm::min(logMin_, l), logMax_ = glm::max(logMax_, l);
  }
  for (float v : frame.sh) shMax_ = std::max(shMax_, std::abs(v));
}

SplatVideoLayout SplatVideoPlanner::layout(int gop) const {
  SplatVideoLayout l;
  l.frames = frames_;
  l.slots = std::max<std::uint32_t>(slots_, 1);
  l.shDegree = degree_;
  l.gop = gop;
  // A picture about as tall as it is wide: the tiles stack, so a tile is wide and short.
  const double side = std::sqrt(static_cast<double>(l.slots) * l.tiles());
  l.width = roundUp(static_cast<std::uint32_t>(std::ceil(side)), 16);
  l.rows = roundUp((l.slots + l.width - 1) / l.width, 2);
  l.positionMin = posMin_, l.positionMax = posMax_;
  l.colourMin = colMin_, l.colourMax = colMax_;
  l.logScaleMin = logMin_, l.logScaleMax = logMax_;
  for (int a = 0; a < 3; ++a) {
    open(l.positionMin[a], l.positionMax[a]);
    open(l.colourMin[a], l.colourMax[a]);
    open(l.logScaleMin[a], l.logScaleMax[a]);
  }
  l.shMax = std::max(shMax_, 1e-3f);
  return l;
}

void packSplatFrame(const scenes::SplatCloud& frame, const SplatVideoLayout& l, std::vector<std::uint8_t>& picture) {
  const std::size_t planeBytes = static_cast<std::size_t>(l.width) * l.pictureHeight();
  picture.assign(planeBytes * 3, 0);
  const auto put = [&](int tile, std::size_t slot, int channel, std::uint8_t v) {
    const std::size_t row = static_cast<std::size_t>(tile) * l.rows + slot / l.width;
    picture[planeBytes * static_cast<std::size_t>(channel) + row * l.width + slot % l.width] = v;
  };
  const std::size_t rest = scenes::shRestPerChannel(frame.shDegree);
  const std::size_t layoutRest = scenes::shRestPerChannel(l.shDegree);
  for (std::size_t s = 0; s < std::min<std::size_t>(frame.size(), l.slots); ++s) {
    for (int a = 0; a < 3; ++a) {
      const std::uint16_t p = code16(frame.positions[s][a], l.positionMin[a], l.positionMax[a]);
      put(kPosHigh, s, a, static_cast<std::uint8_t>(p >> 8));
      put(kPosLow, s, a, static_cast<std::uint8_t>(p & 0xff));
      put(kColour, s, a, code8(frame.baseColors[s][a], l.colourMin[a], l.colourMax[a]));
      put(kScale, s, a, code8(std::log(frame.scales[s][a]), l.logScaleMin[a], l.logScaleMax[a]));
    }
    const std::array<std::uint8_t, 4> r = packRotation(frame.rotations[s]);
    for (int c = 0; c < 3; ++c) put(kRotation, s, c, r[static_cast<std::size_t>(c)]);
    put(kOpacity, s, 1, r[3]);
    put(kOpacity, s, 0, std::max<std::uint8_t>(1, code8(frame.opacities[s], 0.0f, 1.0f)));
    for (std::size_t k = 0; k < std::min(rest, layoutRest) * 3; ++k)
      put(kFirstSh + static_cast<int>(k / 3), s, static_cast<int>(k % 3), code8(frame.sh[s * rest * 3 + k], -l.shMax, l.shMax));
  }
}

Result<scenes::SplatCloud> unpackSplatFrame(const FrameView& picture, const SplatVideoLayout& l,
                                            const std::string& where) {
  if (picture.format != PixelFormat::Yuv444P)
    return Error{where, "the picture is " + std::string(toString(picture.format)) + ", not yuv444p", ""};
  if (picture.width != l.width || picture.height != l.pictureHeight())
    return Error{where,
                 "the picture is " + std::to_string(picture.width) + "x" + std::to_string(picture.height) +
                     "; the manifest's layout is " + std::to_string(l.width) + "x" + std::to_string(l.pictureHeight()),
                 ""};
  const auto get = [&](int tile, std::size_t slot, int channel) {
    const std::size_t row = static_cast<std::size_t>(tile) * l.rows + slot / l.width;
    const Plane& plane = picture.planes[static_cast<std::size_t>(channel)];
    return static_cast<std::uint8_t>(plane.data[row * plane.stride + slot % l.width]);
  };
  std::size_t count = 0;
  for (std::size_t s = 0; s < l.slots; ++s) count += get(kOpacity, s, 0) != 0 ? 1 : 0;
  scenes::SplatCloud c;
  c.resize(count, l.shDegree);
  const std::size_t rest = scenes::shRestPerChannel(l.shDegree);
  std::size_t i = 0;
  for (std::size_t s = 0; s < l.slots; ++s) {
    const std::uint8_t opacity = get(kOpacity, s, 0);
    if (opacity == 0) continue;
    for (int a = 0; a < 3; ++a) {
      const auto p = static_cast<std::uint16_t>((get(kPosHigh, s, a) << 8) | get(kPosLow, s, a));
      c.positions[i][a] = value16(p, l.positionMin[a], l.positionMax[a]);
      c.baseColors[i][a] = value8(get(kColour, s, a), l.colourMin[a], l.colourMax[a]);
      c.scales[i][a] = std::exp(value8(get(kScale, s, a), l.logScaleMin[a], l.logScaleMax[a]));
    }
    c.rotations[i] = unpackRotation({get(kRotation, s, 0), get(kRotation, s, 1), get(kRotation, s, 2), get(kOpacity, s, 1)});
    c.opacities[i] = value8(opacity, 0.0f, 1.0f);
    for (std::size_t k = 0; k < rest * 3; ++k)
      c.sh[i * rest * 3 + k] = value8(get(kFirstSh + static_cast<int>(k / 3), s, static_cast<int>(k % 3)), -l.shMax, l.shMax);
    ++i;
  }
  if (auto why = c.check(); !why.empty()) return Error{where, why, ""};
  return c;
}

}  // namespace ps::media
