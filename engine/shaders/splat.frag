#version 450
// A splat's footprint: alpha = min(0.99, opacity * exp(-d^T Sigma'^-1 d / 2)), dropped below
// 1/255, blended premultiplied back to front. Attachment 1 accumulates, with the same blending,
// the alpha-weighted view depth and the alpha (sum alpha_i T_i t_i, sum alpha_i T_i) that
// splat_resolve.frag turns into the depth written for compositing.
layout(location = 0) flat in vec4 colourOpacity;
layout(location = 1) flat in vec3 conic;
layout(location = 2) flat in vec3 meanDepth;

layout(location = 0) out vec4 outColour;
layout(location = 1) out vec4 outDepth;

void main() {
  vec2 d = gl_FragCoord.xy - meanDepth.xy;
  float power = -0.5 * (conic.x * d.x * d.x + conic.z * d.y * d.y) - conic.y * d.x * d.y;
  if (power > 0.0) discard;
  float alpha = min(0.99, colourOpacity.w * exp(power));
  if (alpha < 1.0 / 255.0) discard;
  outColour = vec4(colourOpacity.rgb * alpha, alpha);
  outDepth = vec4(alpha * meanDepth.z, alpha, 0.0, alpha);
}
