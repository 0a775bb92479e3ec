#version 450
// The overlay layer's vertices (overlay_geometry.h): an anchor in stage space, projected with
// the eye's camera (reverse-Z), then moved by an offset in pixels, so lines keep their width
// and cards their size on screen while their depth stays the anchor's.
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inToward;
layout(location = 2) in vec2 inOffset;
layout(location = 3) in vec2 inUv;
layout(location = 4) in vec4 inColour;
layout(location = 5) in uint inKind;

layout(push_constant) uniform Eye {
  mat4 viewProjection;
  vec4 extentAlphaScale;  // target width and height in pixels, alpha factor, pixels per tan unit
  vec4 nearBias;          // near plane (metres along the view axis), relative depth bias
} eye;

layout(location = 0) out vec2 uv;
layout(location = 1) out vec4 colour;
layout(location = 2) flat out uint fill;

const vec4 kDropped = vec4(0.0, 0.0, -1.0, 1.0);  // outside the depth range: clipped

void main() {
  const uint kind = inKind & 15u;
  fill = inKind >> 4;
  uv = inUv;
  colour = inColour;
  const vec2 extent = eye.extentAlphaScale.xy;
  const float nearW = eye.nearBias.x * 1.001;
  if (kind == 3u) {  // Screen: pixels of the target, over everything
    gl_Position = vec4((inPosition.xy + inOffset) / extent * 2.0 - 1.0, 1.0, 1.0);
    return;
  }
  vec4 clip = eye.viewProjection * vec4(inPosition, 1.0);
  vec2 offsetPx = inOffset;
  if (kind == 1u || kind == 2u) {
    vec4 other = eye.viewProjection * vec4(inToward, 1.0);
    if (clip.w < nearW && other.w < nearW) {
      gl_Position = kDropped;
      return;
    }
    // An end behind the near plane moves along the segment to it (clip space is linear).
    if (clip.w < nearW) clip = mix(clip, other, (nearW - clip.w) / (other.w - clip.w));
    if (other.w < nearW) other = mix(other, clip, (nearW - other.w) / (clip.w - other.w));
    const vec2 a = clip.xy / clip.w * extent * 0.5, b = other.xy / other.w * extent * 0.5;
    const vec2 d = length(b - a) > 1e-4 ? normalize(b - a) : vec2(1.0, 0.0);
    const vec2 across = vec2(-d.y, d.x);
    if (kind == 2u) offsetPx *= eye.extentAlphaScale.w / clip.w;  // metres at the anchor's distance
    offsetPx = across * offsetPx.x + d * offsetPx.y;
  } else if (clip.w < nearW) {
    gl_Position = kDropped;
    return;
  }
  clip.xy += offsetPx / (extent * 0.5) * clip.w;
  // A hair nearer than the surface it lies on (a mark on the floor), never past the near plane.
  clip.z = min(clip.z * (1.0 + eye.nearBias.y), clip.w);
  gl_Position = clip;
}
