#version 450
// A textured quadrilateral (the scrubber's thumbnail, the film clip in its frame) drawn inside
// a Dear ImGui frame: four vertices as a strip, no vertex buffer. The corners come in clip
// coordinates, so a picture on a plane in space is interpolated perspective-correctly and
// clipped at the near plane by the GPU.
layout(push_constant) uniform Quad {
  vec4 corners[4];  // clip space, in the order of uv (0,0) (1,0) (0,1) (1,1)
} quad;
layout(location = 0) out vec2 uv;

void main() {
  uv = vec2(float(gl_VertexIndex & 1), float((gl_VertexIndex >> 1) & 1));
  gl_Position = quad.corners[gl_VertexIndex];
}
