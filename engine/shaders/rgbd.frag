#version 450
#extension GL_GOOGLE_include_directive : require
// RgbdLayer's colour: the capture's picture sampled along the ray from the capture point to the
// surface point, exactly as equirect.frag samples it along a view ray (same projection, filter,
// footprint and conversion), so that from the capture point the layer draws what the equirect
// layer draws.
layout(location = 0) in vec3 capturePos;
layout(location = 1) flat in float discontinuity;
layout(location = 0) out vec4 outColor;

const int kPlanes = 0;       // Y, Cb, Cr in bindings 0, 1, 2
const int kInterleaved = 1;  // Y in binding 0, CbCr in binding 1
layout(constant_id = 0) const int kPacking = kPlanes;
// The target's format is sRGB: it encodes what is written, so the shader writes linear values.
layout(constant_id = 2) const bool kTargetEncodes = true;
// Drops fragments across a depth step from a texel they read (the grid's draws). Off for the far
// sphere: without a discard the driver tests depth before shading, and most of it is hidden.
layout(constant_id = 3) const bool kCheckTexels = true;

layout(set = 0, binding = 0) uniform sampler2D lumaPlane;
layout(set = 0, binding = 1) uniform sampler2D chromaPlaneA;
layout(set = 0, binding = 2) uniform sampler2D chromaPlaneB;

#include "rgbd_depth.glsl"

const float PI = 3.14159265358979;

vec3 srgbToLinear(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

// equirect.frag's atan2 (the same polynomial, so both layers pick the same texels).
float fastAtan2(float y, float x) {
  const float ax = abs(x), ay = abs(y);
  const float a = min(ax, ay) / max(max(ax, ay), 1e-30);
  const float s = a * a;
  float r = -0.013480470;
  r = r * s + 0.057477314;
  r = r * s - 0.121239071;
  r = r * s + 0.195635925;
  r = r * s - 0.332994597;
  r = r * s + 0.999995630;
  r *= a;
  if (ay > ax) r = 0.5 * PI - r;
  if (x < 0.0) r = PI - r;
  return y < 0.0 ? -r : r;
}

void main() {
  const bool halfSphere = picture.mode.y != 0;
  const vec3 ray = capturePos;
  const float horizontal = length(ray.xz);
  const float longitude = fastAtan2(ray.x, -ray.z);
  const float latitude = fastAtan2(ray.y, horizontal);
  vec2 uv = vec2(longitude / (halfSphere ? PI : 2.0 * PI) + 0.5, 0.5 - latitude / PI);
  vec2 uvDx = dFdx(uv);
  vec2 uvDy = dFdy(uv);
  if (!halfSphere) {
    uvDx.x -= round(uvDx.x);
    uvDy.x -= round(uvDy.x);
  }
  const float texelWidthOnSphere = horizontal * inversesqrt(max(dot(ray, ray), 1e-30));
  uvDx.x *= texelWidthOnSphere;
  uvDy.x *= texelWidthOnSphere;
  if (halfSphere && abs(longitude) > 0.5 * PI) {
    outColor = vec4(0.0, 0.0, 0.0, 1.0);
    return;
  }
  if (kCheckTexels && discontinuity > 0.0) {
    // A cell spans several depth texels and only its corners were checked: where a texel the
    // colour filter reads here lies across a depth step from this fragment, the fragment is not
    // that texel's surface. Dropped, like a triangle across a step, so no colour is smeared.
    const float own = length(capturePos);
    const ivec2 size = textureSize(depthPlane0, 0);
    const ivec2 base = ivec2(floor(uv * vec2(size) - 0.5));
    for (int i = 0; i < 4; ++i) {
      const vec2 corner = (vec2(base + ivec2(i & 1, i >> 1)) + 0.5) / vec2(size);
      const float d = decodeMetres(corner);
      if (max(d, own) > min(d, own) * (1.0 + discontinuity)) discard;
    }
  }
  vec3 ycbcr;
  if (kPacking == kInterleaved) {
    ycbcr = vec3(textureGrad(lumaPlane, uv, uvDx, uvDy).r, textureGrad(chromaPlaneA, uv, uvDx, uvDy).rg);
  } else {
    ycbcr = vec3(textureGrad(lumaPlane, uv, uvDx, uvDy).r, textureGrad(chromaPlaneA, uv, uvDx, uvDy).r,
                 textureGrad(chromaPlaneB, uv, uvDx, uvDy).r);
  }
  const vec3 rgb = vec3(dot(picture.yuvToRgb[0].xyz, ycbcr) + picture.yuvToRgb[0].w,
                        dot(picture.yuvToRgb[1].xyz, ycbcr) + picture.yuvToRgb[1].w,
                        dot(picture.yuvToRgb[2].xyz, ycbcr) + picture.yuvToRgb[2].w);
  outColor = vec4(kTargetEncodes ? srgbToLinear(clamp(rgb, 0.0, 1.0)) : clamp(rgb, 0.0, 1.0), 1.0);
}
