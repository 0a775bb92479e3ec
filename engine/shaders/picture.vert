#version 450
// A textured rectangle (the scrubber's thumbnail) drawn inside a Dear ImGui frame: four
// vertices as a strip, no vertex buffer; the rectangle comes in NDC.
layout(push_constant) uniform Rect {
  vec4 ndc;  // x0, y0, x1, y1 (Vulkan NDC: y down)
} rect;
layout(location = 0) out vec2 uv;

void main() {
  const vec2 corner = vec2(float(gl_VertexIndex & 1), float((gl_VertexIndex >> 1) & 1));
  uv = corner;
  gl_Position = vec4(mix(rect.ndc.xy, rect.ndc.zw, corner), 0.0, 1.0);
}
