#include "engine/overlay_geometry.h"

#include <cmath>
#include <numbers>

#include "engine/font_atlas.h"

namespace ps::engine {

namespace {

std::uint32_t kindOf(OverlayKind kind, OverlayFill fill = OverlayFill::Solid) {
  return static_cast<std::uint32_t>(kind) | static_cast<std::uint32_t>(fill) << 4;
}

float linear(std::uint8_t v) {
  const float c = static_cast<float>(v) / 255.0f;
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

OverlayVertex anchored(const glm::vec3& anchor, glm::vec2 offset, const glm::vec4& colour,
                       OverlayFill fill = OverlayFill::Solid, glm::vec2 uv = glm::vec2(0.0f)) {
  OverlayVertex v;
  v.position = anchor;
  v.toward = anchor;
  v.offset = offset;
  v.uv = uv;
  v.colour = colour;
  v.kind = kindOf(OverlayKind::Anchored, fill);
  return v;
}

}  // namespace

glm::vec4 linearColour(std::uint8_t r, std::uint8_t g, std::uint8_t b, float alpha) {
  return {linear(r), linear(g), linear(b), alpha};
}

void OverlayGeometry::append(const OverlayGeometry& other) {
  vertices.insert(vertices.end(), other.vertices.begin(), other.vertices.end());
}

void OverlayGeometry::translate(const glm::vec3& offset) {
  for (OverlayVertex& v : vertices) {
    if ((v.kind & 15u) == static_cast<std::uint32_t>(OverlayKind::Screen)) continue;
    v.position += offset;
    v.toward += offset;
  }
}

void OverlayGeometry::segment(const glm::vec3& a, const glm::vec3& b, const glm::vec4& colour, float width,
                              WidthUnit unit) {
  const float h = width * 0.5f;
  const std::uint32_t kind = kindOf(unit == WidthUnit::Pixels ? OverlayKind::Line : OverlayKind::LineM);
  // Across is measured from each end toward the other, so it flips sides between the ends;
  // along is negative at both: the caps reach outward.
  const auto v = [&](const glm::vec3& p, const glm::vec3& q, float across) {
    OverlayVertex out;
    out.position = p;
    out.toward = q;
    out.offset = {across, -h};
    out.colour = colour;
    out.kind = kind;
    return out;
  };
  const OverlayVertex aPlus = v(a, b, h), aMinus = v(a, b, -h), bPlus = v(b, a, -h), bMinus = v(b, a, h);
  vertices.insert(vertices.end(), {aPlus, aMinus, bMinus, aPlus, bMinus, bPlus});
}

void OverlayGeometry::polyline(std::span<const glm::vec3> points, const glm::vec4& colour, float width, WidthUnit unit,
                               bool closed) {
  for (std::size_t i = 1; i < points.size(); ++i) segment(points[i - 1], points[i], colour, width, unit);
  if (closed && points.size() > 2) segment(points.back(), points.front(), colour, width, unit);
}

void OverlayGeometry::rect(const glm::vec3& anchor, glm::vec2 minPx, glm::vec2 maxPx, const glm::vec4& colour) {
  const OverlayVertex tl = anchored(anchor, minPx, colour), tr = anchored(anchor, {maxPx.x, minPx.y}, colour),
                      bl = anchored(anchor, {minPx.x, maxPx.y}, colour), br = anchored(anchor, maxPx, colour);
  vertices.insert(vertices.end(), {tl, tr, bl, tr, br, bl});
}

void OverlayGeometry::frame(const glm::vec3& anchor, glm::vec2 minPx, glm::vec2 maxPx, float t,
                            const glm::vec4& colour) {
  rect(anchor, minPx, {maxPx.x, minPx.y + t}, colour);
  rect(anchor, {minPx.x, maxPx.y - t}, maxPx, colour);
  rect(anchor, {minPx.x, minPx.y + t}, {minPx.x + t, maxPx.y - t}, colour);
  rect(anchor, {maxPx.x - t, minPx.y + t}, {maxPx.x, maxPx.y - t}, colour);
}

void OverlayGeometry::disc(const glm::vec3& anchor, glm::vec2 centrePx, float radiusPx, const glm::vec4& colour,
                           int segments) {
  const float step = 2 * std::numbers::pi_v<float> / static_cast<float>(segments);
  for (int i = 0; i < segments; ++i) {
    const float a0 = step * static_cast<float>(i), a1 = a0 + step;
    triangle(anchor, centrePx, centrePx + radiusPx * glm::vec2(std::cos(a0), std::sin(a0)),
             centrePx + radiusPx * glm::vec2(std::cos(a1), std::sin(a1)), colour);
  }
}

void OverlayGeometry::glow(const glm::vec3& anchor, float radiusPx, const glm::vec4& colour, int segments) {
  // Two rings: a solid core to half the radius, then the colour fading to nothing at the rim
  // (the vertex colours interpolate across each triangle).
  const float step = 2 * std::numbers::pi_v<float> / static_cast<float>(segments);
  const glm::vec4 rim(colour.r, colour.g, colour.b, 0.0f);
  const float core = 0.5f * radiusPx;
  for (int i = 0; i < segments; ++i) {
    const float a0 = step * static_cast<float>(i), a1 = a0 + step;
    const glm::vec2 d0(std::cos(a0), std::sin(a0)), d1(std::cos(a1), std::sin(a1));
    vertices.insert(vertices.end(), {anchored(anchor, {0, 0}, colour), anchored(anchor, core * d0, colour),
                                     anchored(anchor, core * d1, colour)});
    vertices.insert(vertices.end(), {anchored(anchor, core * d0, colour), anchored(anchor, radiusPx * d0, rim),
                                     anchored(anchor, radiusPx * d1, rim)});
    vertices.insert(vertices.end(), {anchored(anchor, core * d0, colour), anchored(anchor, radiusPx * d1, rim),
                                     anchored(anchor, core * d1, colour)});
  }
}

void OverlayGeometry::arc(const glm::vec3& anchor, glm::vec2 centrePx, float radiusPx, float thicknessPx, float a0,
                          float a1, const glm::vec4& colour, int segments) {
  const float inner = radiusPx - thicknessPx * 0.5f, outer = radiusPx + thicknessPx * 0.5f;
  for (int i = 0; i < segments; ++i) {
    const float b0 = a0 + (a1 - a0) * static_cast<float>(i) / static_cast<float>(segments);
    const float b1 = a0 + (a1 - a0) * static_cast<float>(i + 1) / static_cast<float>(segments);
    const glm::vec2 d0(std::cos(b0), std::sin(b0)), d1(std::cos(b1), std::sin(b1));
    triangle(anchor, centrePx + inner * d0, centrePx + outer * d0, centrePx + outer * d1, colour);
    triangle(anchor, centrePx + inner * d0, centrePx + outer * d1, centrePx + inner * d1, colour);
  }
}

void OverlayGeometry::triangle(const glm::vec3& anchor, glm::vec2 a, glm::vec2 b, glm::vec2 c,
                               const glm::vec4& colour) {
  vertices.insert(vertices.end(),
                  {anchored(anchor, a, colour), anchored(anchor, b, colour), anchored(anchor, c, colour)});
}

void OverlayGeometry::screenTriangle(glm::vec2 a, glm::vec2 b, glm::vec2 c, const glm::vec4& colour) {
  for (const glm::vec2 p : {a, b, c}) {
    OverlayVertex v;
    v.position = glm::vec3(p, 0.0f);
    v.colour = colour;
    v.kind = kindOf(OverlayKind::Screen);
    vertices.push_back(v);
  }
}

float OverlayGeometry::text(const FontAtlas& atlas, const glm::vec3& anchor, glm::vec2 topLeftPx,
                            std::string_view utf8, float pixelHeight, const glm::vec4& colour, float maxWidthPx) {
  const float s = pixelHeight / atlas.bakedPixelHeight();
  const float baseline = topLeftPx.y + atlas.ascent() * s;
  float pen = 0;
  for (const char32_t c : decodeUtf8(utf8)) {
    const Glyph& g = atlas.glyph(c);
    if (pen + g.advance * s > maxWidthPx) break;
    const glm::vec2 origin(topLeftPx.x + pen, baseline);
    const glm::vec2 lo = origin + g.min * s, hi = origin + g.max * s;
    if (hi.x > lo.x && hi.y > lo.y) {
      const OverlayVertex tl = anchored(anchor, lo, colour, OverlayFill::Glyph, g.uvMin),
                          tr = anchored(anchor, {hi.x, lo.y}, colour, OverlayFill::Glyph, {g.uvMax.x, g.uvMin.y}),
                          bl = anchored(anchor, {lo.x, hi.y}, colour, OverlayFill::Glyph, {g.uvMin.x, g.uvMax.y}),
                          br = anchored(anchor, hi, colour, OverlayFill::Glyph, g.uvMax);
      vertices.insert(vertices.end(), {tl, tr, bl, tr, br, bl});
    }
    pen += g.advance * s;
  }
  return pen;
}

void OverlayGeometry::picture(const std::array<glm::vec3, 4>& c, const glm::vec4& tint) {
  const auto v = [&](const glm::vec3& p, glm::vec2 uv) {
    return anchored(p, glm::vec2(0.0f), tint, OverlayFill::Picture, uv);
  };
  const OverlayVertex tl = v(c[0], {0, 0}), tr = v(c[1], {1, 0}), bl = v(c[2], {0, 1}), br = v(c[3], {1, 1});
  vertices.insert(vertices.end(), {tl, tr, bl, tr, br, bl});
}

void OverlayGeometry::floorGrid(const glm::vec3& centre, float halfExtentM, float spacingM, const glm::vec4& colour,
                                float widthM) {
  const int n = static_cast<int>(std::floor(halfExtentM / spacingM));
  for (int i = -n; i <= n; ++i) {
    const float o = static_cast<float>(i) * spacingM;
    segment(centre + glm::vec3(o, 0, -halfExtentM), centre + glm::vec3(o, 0, halfExtentM), colour, widthM,
            WidthUnit::Metres);
    segment(centre + glm::vec3(-halfExtentM, 0, o), centre + glm::vec3(halfExtentM, 0, o), colour, widthM,
            WidthUnit::Metres);
  }
}

}  // namespace ps::engine
