// RgbdLayer's depth, shared by rgbd.vert (which places the grid by it) and rgbd.frag (which
// drops what a cell's corners did not see): the picture's constants, the depth planes, and how
// a depth texel becomes metres (scenes/rgbd_depth.h's arithmetic).
// Depth planes, read with texelFetch only: filtering would mix split codes and blend edges.
layout(set = 0, binding = 3) uniform sampler2D depthPlane0;
layout(set = 0, binding = 4) uniform sampler2D depthPlane1;
layout(set = 0, binding = 5) uniform sampler2D depthPlane2;

// Must match RgbdPicture in engine/src/rgbd_pipeline.h. A storage buffer, not a uniform block:
// lavapipe (Mesa 22.3) inlines the uniform values a shader branches on (the encoding, the 180
// flag) and compiles, and keeps, a new copy of both shaders at every bind of the set, which here
// is every frame. A storage buffer's values are not inlined; the layout (all vec4s) is the same.
layout(std430, set = 0, binding = 6) readonly buffer Picture {
  vec4 yuvToRgb[3];       // colour picture: rows as equirect.frag's
  vec4 depthYuvToRgb[3];  // hue: the depth picture's sampled values to R'G'B'
  vec4 code;              // x: sampled UNORM to integer code, y, z: code to v = code * y + z
  vec4 metres;            // x: near, y: far (metres)
  ivec4 mode;             // x: encoding (kLinear...), y: 180-degree source, z: Cb and Cr interleaved in plane 1
} picture;

const int kLinear = 0;
const int kInverse = 1;
const int kInverseSplit8 = 2;
const int kHue = 3;

// The depth texel holding picture coordinates uv (a 360 picture wraps across, rows clamp).
ivec2 depthTexel(vec2 uv) {
  const ivec2 size = textureSize(depthPlane0, 0);
  ivec2 texel = ivec2(floor(uv * vec2(size)));
  texel.y = clamp(texel.y, 0, size.y - 1);
  texel.x = picture.mode.y == 0 ? ((texel.x % size.x) + size.x) % size.x : clamp(texel.x, 0, size.x - 1);
  return texel;
}

// Depthkit's hue (as its shaders compute it, in R'G'B'): -1/6 .. 5/6, red is 0.
float depthkitHue(vec3 c) {
  const float lo = min(min(c.r, c.g), c.b);
  const float hi = max(max(c.r, c.g), c.b);
  const float div = 1.0 / (6.0 * max(hi - lo, 1e-5));
  const float r = (c.g - c.b) * div;
  const float g = 1.0 / 3.0 + (c.b - c.r) * div;
  const float b = 2.0 / 3.0 + (c.r - c.g) * div;
  return c.r < max(c.g, c.b) ? (c.g < c.b ? b : g) : r;
}

float texelMetres(ivec2 texel) {
  const ivec2 size = textureSize(depthPlane0, 0);
  const int encoding = picture.mode.x;
  const float near = picture.metres.x;
  const float far = picture.metres.y;
  if (encoding == kHue) {
    const ivec2 chroma = texel * textureSize(depthPlane1, 0) / size;
    const vec4 cb = texelFetch(depthPlane1, chroma, 0);
    const float cr = picture.mode.z != 0 ? cb.g : texelFetch(depthPlane2, chroma, 0).r;
    const vec3 ycbcr = vec3(texelFetch(depthPlane0, texel, 0).r, cb.r, cr);
    const vec3 rgb = clamp(vec3(dot(picture.depthYuvToRgb[0].xyz, ycbcr) + picture.depthYuvToRgb[0].w,
                                dot(picture.depthYuvToRgb[1].xyz, ycbcr) + picture.depthYuvToRgb[1].w,
                                dot(picture.depthYuvToRgb[2].xyz, ycbcr) + picture.depthYuvToRgb[2].w), 0.0, 1.0);
    // Depthkit's rule: a pixel too dark to carry a hue has no depth; it reads as far. A hue
    // just below red (compression noise at near) reads as near rather than in front of it.
    const float v = rgb.r + rgb.g + rgb.b > 0.3 ? max(depthkitHue(rgb), 0.0) : 1.0;
    return mix(near, far, v);
  }
  float v;
  if (encoding == kInverseSplit8) {
    const float high = round(texelFetch(depthPlane0, texel, 0).r * 255.0);
    const float low = round(texelFetch(depthPlane1, texel, 0).r * 255.0);
    v = (high * 256.0 + low) / 65535.0;
  } else {
    const float code = round(texelFetch(depthPlane0, texel, 0).r * picture.code.x);
    v = clamp(code * picture.code.y + picture.code.z, 0.0, 1.0);
  }
  if (encoding == kLinear) return mix(near, far, v);
  return 1.0 / (1.0 / far + v * (1.0 / near - 1.0 / far));
}

float decodeMetres(vec2 uv) { return texelMetres(depthTexel(uv)); }
