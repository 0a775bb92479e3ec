#version 450
// The splats' depth for compositing: where their accumulated alpha reaches 0.5, the
// transmittance-weighted view depth (sum alpha_i T_i t_i / sum alpha_i T_i) as a reverse-Z depth.
layout(set = 0, binding = 0) uniform sampler2D accumulated;  // x: sum alpha_i T_i t_i, y: sum alpha_i T_i

layout(push_constant) uniform Push {
  vec4 projection;  // z, w: reverse-Z depth = (z * ze + w) / -ze
} push;

void main() {
  vec2 a = texelFetch(accumulated, ivec2(gl_FragCoord.xy), 0).xy;
  if (a.y < 0.5) discard;
  float z = a.x / a.y;
  gl_FragDepth = clamp((push.projection.z * -z + push.projection.w) / z, 0.0, 1.0);
}
