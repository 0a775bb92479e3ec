#version 450
// A mesh layer's pixel for unlit materials (KHR_materials_unlit, photogrammetry sets): the
// base colour alone. A shader of its own rather than a branch of mesh.frag: a CPU driver
// (lavapipe) pays for the lit path's code even where a uniform branch skips it (about 5x).
// Its vertex shader is mesh_unlit.vert.
layout(location = 2) in vec2 uv;

// A storage buffer, as in mesh.frag (lavapipe would recompile, and keep, a copy of a shader
// branching on a uniform block's values at each bind).
layout(std430, set = 1, binding = 0) readonly buffer Material {
  vec4 baseColorFactor;
  vec4 emissiveAndNormalScale;
  vec4 metallicRoughnessCutoff;  // z: alpha cutoff
  uvec4 flags;                   // y: alpha mode (0 opaque, 1 mask, 2 blend)
} material;
layout(set = 1, binding = 1) uniform sampler2D baseColorTexture;

layout(push_constant) uniform Draw {
  uint eye;
  uint encode;
} draw;

layout(location = 0) out vec4 outColor;

vec3 encodeSrgb(vec3 linear) {
  const vec3 c = clamp(linear, 0.0, 1.0);
  return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
  const vec4 base = material.baseColorFactor * texture(baseColorTexture, uv);
  const uint alphaMode = material.flags.y;
  if (alphaMode == 1u && base.a < material.metallicRoughnessCutoff.z) discard;
  outColor = vec4(draw.encode != 0u ? encodeSrgb(base.rgb) : base.rgb, alphaMode == 2u ? base.a : 1.0);
}
