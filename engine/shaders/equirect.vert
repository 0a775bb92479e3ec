#version 450
// One triangle that covers the whole target (no vertex buffer), carrying the view ray: it is
// affine in the target's coordinates, so interpolating it from the corners is exact and the
// fragment shader does not transform it per pixel.
layout(location = 0) out vec2 ndc;  // -1..1, x to the right, y downwards (Vulkan)
layout(location = 1) out vec3 viewRay;  // stage-space ray through the pixel (the source's yaw folded in), not normalised

// Must match PushConstants in engine/src/equirect_pipeline.h and Params in equirect.frag.
layout(push_constant) uniform Params {
  vec4 viewToStage[3];
  vec4 tanFov;
  vec4 yuvToRgb[3];
  vec4 unused;
} params;

void main() {
  const vec2 corner = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2));
  ndc = corner * 2.0 - 1.0;
  const vec2 t = ndc * 0.5 + 0.5;
  const mat3 viewToStage = mat3(params.viewToStage[0].xyz, params.viewToStage[1].xyz, params.viewToStage[2].xyz);
  viewRay = viewToStage * vec3(mix(params.tanFov.x, params.tanFov.y, t.x), mix(params.tanFov.z, params.tanFov.w, t.y), -1.0);
  gl_Position = vec4(ndc, 0.0, 1.0);
}
