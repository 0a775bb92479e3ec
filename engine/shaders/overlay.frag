#version 450
// The overlay layer's fills: a solid colour, a glyph's coverage from the font atlas, or the
// layer's picture; times the pass' alpha factor (full where the item is in front of the
// scene, a fraction where the scene hides it).
layout(set = 0, binding = 0) uniform sampler2D atlas;
layout(set = 0, binding = 1) uniform sampler2D picture;

layout(push_constant) uniform Eye {
  mat4 viewProjection;
  vec4 extentAlphaScale;
  vec4 nearBias;
} eye;

layout(location = 0) in vec2 uv;
layout(location = 1) in vec4 colour;
layout(location = 2) flat in uint fill;
layout(location = 0) out vec4 outColour;

void main() {
  vec4 c = colour;
  if (fill == 1u) c.a *= texture(atlas, uv).r;
  else if (fill == 2u) c *= texture(picture, uv);
  outColour = vec4(c.rgb, c.a * eye.extentAlphaScale.z);
}
