#pragma once
// What the overlay layer (overlay_layer.h) draws: triangles in stage space, each vertex with
// an offset in pixels from its anchor so that lines keep a width on screen and cards and pins
// keep their size and face the eye, while their depth stays the anchor's (so an actor in front
// hides them). Plain data, built on the CPU; no ImGui.
//
// Kinds of vertex:
//   Anchored  the anchor (stage metres) projected, then moved by `offset` pixels (x right, y down);
//   Line      a segment from `position` to `toward` (stage): moved `offset.x` pixels across the
//             segment's direction on screen and `offset.y` along it, cut at the near plane;
//   LineM     the same with widths in metres at the anchor (a floor grid thins with distance);
//   Screen    `position.xy` are pixels of the eye's target, drawn over everything (edge arrows).
// Fills: Solid (the colour), Glyph (the colour times the font atlas' coverage), Picture (the
// colour times the layer's picture).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace ps::engine {

class FontAtlas;

enum class OverlayKind : std::uint32_t { Anchored = 0, Line = 1, LineM = 2, Screen = 3 };
enum class OverlayFill : std::uint32_t { Solid = 0, Glyph = 1, Picture = 2 };

struct OverlayVertex {
  glm::vec3 position{0.0f};
  glm::vec3 toward{0.0f};
  glm::vec2 offset{0.0f};
  glm::vec2 uv{0.0f};
  glm::vec4 colour{1.0f};  // linear RGB, straight alpha
  std::uint32_t kind = 0;  // OverlayKind | OverlayFill << 4
};

// An sRGB colour (bytes, as palettes write them) in the linear light the layer blends in.
glm::vec4 linearColour(std::uint8_t r, std::uint8_t g, std::uint8_t b, float alpha = 1.0f);

enum class WidthUnit { Pixels, Metres };

struct OverlayGeometry {
  std::vector<OverlayVertex> vertices;  // a triangle list, drawn in order

  bool empty() const { return vertices.empty(); }
  void clear() { vertices.clear(); }
  void append(const OverlayGeometry& other);
  // Moves every stage-space point by `offset` (Screen vertices are pixels: left as they are).
  void translate(const glm::vec3& offset);

  // A segment `width` wide (pixels or metres), with square caps half a width long.
  void segment(const glm::vec3& a, const glm::vec3& b, const glm::vec4& colour, float width,
               WidthUnit unit = WidthUnit::Pixels);
  void polyline(std::span<const glm::vec3> points, const glm::vec4& colour, float width,
                WidthUnit unit = WidthUnit::Pixels, bool closed = false);
  // A filled rectangle of pixels (min, max relative to the anchor's pixel).
  void rect(const glm::vec3& anchor, glm::vec2 minPx, glm::vec2 maxPx, const glm::vec4& colour);
  // A rectangle's outline, `thicknessPx` wide, inside min..max.
  void frame(const glm::vec3& anchor, glm::vec2 minPx, glm::vec2 maxPx, float thicknessPx, const glm::vec4& colour);
  // A disc of pixels around the anchor's pixel (plus centrePx).
  void disc(const glm::vec3& anchor, glm::vec2 centrePx, float radiusPx, const glm::vec4& colour,
            int segments = 24);
  // A soft disc around the anchor's pixel: `colour` to half the radius, fading to transparent
  // at radiusPx.
  void glow(const glm::vec3& anchor, float radiusPx, const glm::vec4& colour, int segments = 32);
  // An arc of a ring from angle a0 to a1 (radians, clockwise on screen from +x).
  void arc(const glm::vec3& anchor, glm::vec2 centrePx, float radiusPx, float thicknessPx, float a0, float a1,
           const glm::vec4& colour, int segments = 24);
  // A triangle of pixel offsets from the anchor.
  void triangle(const glm::vec3& anchor, glm::vec2 a, glm::vec2 b, glm::vec2 c, const glm::vec4& colour);
  // A triangle in the target's pixels, over everything.
  void screenTriangle(glm::vec2 a, glm::vec2 b, glm::vec2 c, const glm::vec4& colour);
  // One line of text, `pixelHeight` tall, its box's top-left at topLeftPx from the anchor's
  // pixel; glyphs past maxWidthPx are left out. Returns the width drawn.
  float text(const FontAtlas& atlas, const glm::vec3& anchor, glm::vec2 topLeftPx, std::string_view utf8,
             float pixelHeight, const glm::vec4& colour, float maxWidthPx = 1e9f);
  // The layer's picture on a quad in space: corners top-left, top-right, bottom-left,
  // bottom-right (texture (0,0) (1,0) (0,1) (1,1)).
  void picture(const std::array<glm::vec3, 4>& corners, const glm::vec4& tint = glm::vec4(1.0f));
  // A grid on the level plane through `centre` (the floor): lines every `spacingM`, out to
  // `halfExtentM` each way.
  void floorGrid(const glm::vec3& centre, float halfExtentM, float spacingM, const glm::vec4& colour, float widthM);
};

}  // namespace ps::engine
