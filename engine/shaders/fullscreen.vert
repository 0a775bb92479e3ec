#version 450
// One triangle that covers the whole target; no vertex buffer.
layout(location = 0) out vec2 ndc;  // -1..1, x to the right, y downwards (Vulkan)

void main() {
  const vec2 corner = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2));
  ndc = corner * 2.0 - 1.0;
  gl_Position = vec4(ndc, 0.0, 1.0);
}
