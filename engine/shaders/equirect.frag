#version 450
// Draws an equirectangular source as seen through a pinhole view.
// Conventions (DESIGN.md): stage space +Y up, -Z forward; source u grows to the right from
// longitude -180 to +180, v grows downward from latitude +90 to -90, centre straight ahead.
layout(location = 0) in vec2 ndc;
layout(location = 1) in vec3 viewRay;  // from equirect.vert: the pinhole ray, already in stage space
layout(location = 0) out vec4 outColor;

// How the picture is held (FrameTextures::Packing). Specialisation constants rather than
// uniforms: a CPU driver runs both sides of a branch on a uniform, texture reads included.
const int kPlanes = 0;       // Y, Cb, Cr in bindings 0, 1, 2
const int kInterleaved = 1;  // Y in binding 0, CbCr in binding 1
const int kPacked = 2;       // binding 0 alone, at chroma size: Y of luma level n + 1, Cb, Cr of level n
layout(constant_id = 0) const int kPacking = kPlanes;
// Draw the whole sphere as an equirect image (EquirectRenderer::drawEquirect), not a view.
layout(constant_id = 1) const bool kWholeSphere = false;
// The target's format is sRGB: it encodes what is written, so the shader writes linear values.
// Otherwise the shader writes the encoded values themselves.
layout(constant_id = 2) const bool kTargetEncodes = true;

layout(set = 0, binding = 0) uniform sampler2D lumaPlane;
layout(set = 0, binding = 1) uniform sampler2D chromaPlaneA;
layout(set = 0, binding = 2) uniform sampler2D chromaPlaneB;

// A 180-degree source: u spans longitude -90..90 and the back hemisphere is black.
layout(constant_id = 3) const bool kHalfSphere = false;

// Must match PushConstants in engine/src/equirect_pipeline.h (128 bytes, the guaranteed minimum).
layout(push_constant) uniform Params {
  vec4 viewToStage[3];  // columns of the view's rotation, the source's yaw offset folded in
  vec4 tanFov;          // tan of angleLeft, angleRight, angleUp, angleDown
  vec4 yuvToRgb[3];     // rows: R'G'B' = dot(row.xyz, sampled YCbCr) + row.w; includes range and bit depth
  vec4 unused;
} params;

const float PI = 3.14159265358979;

vec3 srgbToLinear(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

// atan(y, x) within 3.5e-6 rad (a five-hundredth of a texel of a 3840-wide source): a minimax
// polynomial on [0, 1] and the octant folded back. The built-in is exact to the last bit and
// several times the cost on a CPU driver, which runs it twice for every pixel. atan2(0, 0) = 0.
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
  const mat3 viewToStage = mat3(params.viewToStage[0].xyz, params.viewToStage[1].xyz, params.viewToStage[2].xyz);
  vec3 ray;  // not normalised: only its direction is used
  if (kWholeSphere) {
    // The target is itself equirect: x spans longitude -180..180, y latitude +90..-90 (y down).
    const float targetLongitude = ndc.x * PI;
    const float targetLatitude = -ndc.y * 0.5 * PI;
    ray = viewToStage * vec3(cos(targetLatitude) * sin(targetLongitude), sin(targetLatitude),
                             -cos(targetLatitude) * cos(targetLongitude));
  } else {
    ray = viewRay;
  }

  const float horizontal = length(ray.xz);
  const float longitude = fastAtan2(ray.x, -ray.z);  // -PI..PI, 0 at the source's centre
  const float latitude = fastAtan2(ray.y, horizontal);
  vec2 uv = vec2(longitude / (kHalfSphere ? PI : 2.0 * PI) + 0.5, 0.5 - latitude / PI);
  // Screen-space gradients taken by hand so the jump of u from 1 back to 0 at the +-180 degree
  // seam does not read as a huge footprint (which would pick the smallest mip: a seam line).
  vec2 uvDx = dFdx(uv);
  vec2 uvDy = dFdy(uv);
  if (!kHalfSphere) {
    uvDx.x -= round(uvDx.x);
    uvDy.x -= round(uvDy.x);
  }
  // A texel's width on the sphere shrinks with cos(latitude); measure the u footprint in those
  // terms. Otherwise the level of detail blows up near the poles (where u spins round within a
  // pixel) and the isotropic filter blurs the pole into a blob of the whole image's average.
  const float texelWidthOnSphere = horizontal * inversesqrt(dot(ray, ray));  // cos(latitude)
  uvDx.x *= texelWidthOnSphere;
  uvDy.x *= texelWidthOnSphere;
  if (kHalfSphere && abs(longitude) > 0.5 * PI) {
    outColor = vec4(0.0, 0.0, 0.0, 1.0);
    return;
  }

  // Chroma planes are sampled at the same normalised position as luma, i.e. 4:2:0 chroma is
  // taken as centre-sited; MPEG-2's left siting differs by a quarter of a luma pixel.
  // The packed picture is half the luma size, so the same gradients pick luma level n + 1 from
  // its level n: the level (and blend) the full luma plane would have given.
  vec3 ycbcr;
  if (kPacking == kPacked) {
    ycbcr = textureGrad(lumaPlane, uv, uvDx, uvDy).rgb;
  } else if (kPacking == kInterleaved) {
    ycbcr = vec3(textureGrad(lumaPlane, uv, uvDx, uvDy).r, textureGrad(chromaPlaneA, uv, uvDx, uvDy).rg);
  } else {
    ycbcr = vec3(textureGrad(lumaPlane, uv, uvDx, uvDy).r, textureGrad(chromaPlaneA, uv, uvDx, uvDy).r,
                 textureGrad(chromaPlaneB, uv, uvDx, uvDy).r);
  }
  const vec3 rgb = vec3(dot(params.yuvToRgb[0].xyz, ycbcr) + params.yuvToRgb[0].w,
                        dot(params.yuvToRgb[1].xyz, ycbcr) + params.yuvToRgb[1].w,
                        dot(params.yuvToRgb[2].xyz, ycbcr) + params.yuvToRgb[2].w);
  // R'G'B' is already sRGB-encoded (BT.709's and sRGB's primaries and white are the same; the
  // transfer curve is taken as is): stored bytes are the source's R'G'B' either way.
  outColor = vec4(kTargetEncodes ? srgbToLinear(clamp(rgb, 0.0, 1.0)) : clamp(rgb, 0.0, 1.0), 1.0);
}
