#version 450
// A mesh layer's pixel for lit materials: glTF's metallic-roughness material under one
// directional light and a hemispherical ambient (sky above, ground below); unlit materials
// are drawn with mesh_unlit.frag. Specular: GGX distribution, Smith-Schlick visibility,
// Schlick Fresnel for the light; Karis' analytic environment BRDF over the hemisphere for the
// ambient. Diffuse is Lambert without the 1/pi (a white surface facing a light of colour c
// shows c). Output is linear unless the push constant asks to encode. Must match
// engine/src/mesh_shader_data.h.
layout(location = 0) in vec3 stagePosition;
layout(location = 1) in vec3 stageNormal;
layout(location = 2) in vec2 uv;
layout(location = 3) in vec4 stageTangent;

struct Eye {
  mat4 viewProjection;
  vec4 position;
};
layout(std430, set = 0, binding = 0) readonly buffer Frame {
  vec4 lightDirection;
  vec4 lightColor;
  vec4 skyColor;
  vec4 groundColor;
  Eye eyes[];
} frame;

// A storage buffer, not a uniform block: lavapipe (Mesa 22.3) recompiles a shader whose branches
// test a uniform block's values (uniform inlining) every time the block is bound, and never
// frees the copies: about 1 MB for each material bound, each frame. A storage buffer's values
// are not inlined; the data and its layout are the same (engine/src/mesh_gpu_set.cpp).
layout(std430, set = 1, binding = 0) readonly buffer Material {
  vec4 baseColorFactor;
  vec4 emissiveAndNormalScale;     // xyz emissive factor, w normal scale
  vec4 metallicRoughnessCutoff;    // x metallic, y roughness, z alpha cutoff
  uvec4 flags;                     // x unlit, y alpha mode (0 opaque, 1 mask, 2 blend), z has a normal map
} material;
layout(set = 1, binding = 1) uniform sampler2D baseColorTexture;
layout(set = 1, binding = 2) uniform sampler2D metallicRoughnessTexture;
layout(set = 1, binding = 3) uniform sampler2D normalTexture;
layout(set = 1, binding = 4) uniform sampler2D emissiveTexture;

layout(push_constant) uniform Draw {
  uint eye;
  uint encode;
} draw;

layout(location = 0) out vec4 outColor;

const float kPi = 3.14159265;

vec3 encodeSrgb(vec3 linear) {
  const vec3 c = clamp(linear, 0.0, 1.0);
  return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

vec3 hemisphere(vec3 direction) {
  return mix(frame.groundColor.rgb, frame.skyColor.rgb, clamp(direction.y * 0.5 + 0.5, 0.0, 1.0));
}

// Karis, "Physically Based Shading on Mobile": the split-sum's scale and bias without a table.
vec3 environmentBrdf(vec3 f0, float roughness, float nDotV) {
  const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
  const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
  const vec4 r = roughness * c0 + c1;
  const float a004 = min(r.x * r.x, exp2(-9.28 * nDotV)) * r.x + r.y;
  const vec2 ab = vec2(-1.04, 1.04) * a004 + r.zw;
  return f0 * ab.x + ab.y;
}

// The shading normal: the interpolated one, or the face's when the primitive has none; turned
// to the side seen (double-sided back faces); bent by the normal map through the primitive's
// tangents, or a frame derived from the UVs' screen derivatives when it has none (Schüler,
// "Normal Mapping Without Precomputed Tangents"; glTF's bitangent points up the image, -v).
vec3 shadingNormal(vec3 view) {
  vec3 n = stageNormal;
  if (dot(n, n) < 1e-12) {
    n = cross(dFdx(stagePosition), dFdy(stagePosition));
    if (dot(n, view) < 0.0) n = -n;
  } else if (!gl_FrontFacing) {
    n = -n;
  }
  n = normalize(n);
  if (material.flags.z == 0u) return n;
  vec3 t, b;
  if (stageTangent.w != 0.0) {
    t = normalize(stageTangent.xyz - n * dot(n, stageTangent.xyz));
    b = cross(n, t) * (stageTangent.w > 0.0 ? 1.0 : -1.0) * (gl_FrontFacing ? 1.0 : -1.0);
  } else {
    // t and b come out scaled by det(dpdx, dpdy, n), whose sign flips with the framebuffer's
    // y direction (down in Vulkan) and the side seen: its sign turns them to +u and -v.
    const vec3 dpdx = dFdx(stagePosition), dpdy = dFdy(stagePosition);
    const vec2 duvdx = dFdx(uv), duvdy = dFdy(uv);
    const vec3 dpdyPerp = cross(dpdy, n), dpdxPerp = cross(n, dpdx);
    const float side = dot(cross(dpdx, dpdy), n) < 0.0 ? -1.0 : 1.0;
    t = side * (dpdyPerp * duvdx.x + dpdxPerp * duvdy.x);
    b = -side * (dpdyPerp * duvdx.y + dpdxPerp * duvdy.y);
    const float lengthSquared = max(dot(t, t), dot(b, b));
    if (lengthSquared < 1e-30) return n;  // UVs constant over the pixel: no frame
    const float scale = inversesqrt(lengthSquared);
    t *= scale;
    b *= scale;
  }
  vec3 mapped = texture(normalTexture, uv).xyz * 2.0 - 1.0;
  mapped.xy *= material.emissiveAndNormalScale.w;
  return normalize(mat3(t, b, n) * mapped);
}

void main() {
  const vec4 base = material.baseColorFactor * texture(baseColorTexture, uv);
  const uint alphaMode = material.flags.y;
  if (alphaMode == 1u && base.a < material.metallicRoughnessCutoff.z) discard;
  const float alpha = alphaMode == 2u ? base.a : 1.0;

  vec3 color;
  {
    const vec3 v = normalize(frame.eyes[draw.eye].position.xyz - stagePosition);
    const vec3 n = shadingNormal(v);
    const vec4 mr = texture(metallicRoughnessTexture, uv);
    const float metallic = clamp(material.metallicRoughnessCutoff.x * mr.b, 0.0, 1.0);
    const float roughness = clamp(material.metallicRoughnessCutoff.y * mr.g, 0.03, 1.0);
    const vec3 diffuse = base.rgb * (1.0 - metallic);
    const vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
    const float nDotV = max(dot(n, v), 1e-4);

    const vec3 l = normalize(frame.lightDirection.xyz);
    const float nDotL = max(dot(n, l), 0.0);
    vec3 direct = vec3(0.0);
    if (nDotL > 0.0) {
      const vec3 h = normalize(l + v);
      const float nDotH = max(dot(n, h), 0.0), vDotH = max(dot(v, h), 0.0);
      const float a = roughness * roughness, a2 = a * a;
      const float denominator = nDotH * nDotH * (a2 - 1.0) + 1.0;
      const float d = a2 / (kPi * denominator * denominator);
      const float k = (roughness + 1.0) * (roughness + 1.0) / 8.0;
      const float g = nDotL / (nDotL * (1.0 - k) + k) * nDotV / (nDotV * (1.0 - k) + k);
      const float m = 1.0 - vDotH, m2 = m * m;
      const vec3 f = f0 + (1.0 - f0) * (m2 * m2 * m);
      // The specular BRDF times pi (the diffuse's scale) times nDotL.
      direct = frame.lightColor.rgb * (diffuse * nDotL + kPi * d * g * f / (4.0 * nDotV));
    }
    const vec3 ambient = hemisphere(n) * diffuse + hemisphere(reflect(-v, n)) * environmentBrdf(f0, roughness, nDotV);
    const vec3 emissive = material.emissiveAndNormalScale.rgb * texture(emissiveTexture, uv).rgb;
    color = direct + ambient + emissive;
  }
  outColor = vec4(draw.encode != 0u ? encodeSrgb(color) : color, alpha);
}
