#version 450
// One sorted splat as a screen-space quad (instance i draws the i-th from the back): its 3D
// covariance projected to a 2D ellipse (EWA splatting: J W Sigma W^T J^T, the view ray's tangent
// clamped to 1.3 times the fov, 0.3 px^2 added to the diagonal), a rectangle along the ellipse's
// axes out to where alpha falls below 1/255, and its view-dependent colour from the spherical
// harmonics.
#define SPLAT_ACCESS readonly
#include "splat_common.glsl"

layout(push_constant) uniform Push {
  uint eye;            // into frame.eyes
  uint targetDecodes;  // 1: the target is an sRGB view, so the encoded colour is written decoded
} push;

layout(location = 0) flat out vec4 colourOpacity;
layout(location = 1) flat out vec3 conic;      // the inverse 2D covariance: xx, xy, yy
layout(location = 2) flat out vec3 meanDepth;  // xy: the centre in pixels, z: its view depth (m)

const float kC0 = 0.28209479177387814;
const float kC1 = 0.4886025119029199;
const float kC2[5] = float[](1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792,
                             0.5462742152960396);
const float kC3[7] = float[](-0.5900435899266435, 2.890611442640554, -0.4570457994644658, 0.3731763325901154,
                             -0.4570457994644658, 1.445305721320277, -0.5900435899266435);

vec3 coefficient(uint base, uint k) {
  uint at = base + k * 3u;
  return vec3(colours[at], colours[at + 1u], colours[at + 2u]);
}

// scenes::splatColor's evaluation: base colour, then SH degree 1..3 (the reference's signs).
vec3 shColour(uint index, vec3 dir) {
  uint base = index * frame.counts.w;
  vec3 c = coefficient(base, 0u);
  uint degree = frame.counts.z;
  if (degree > 0u) {
    float x = dir.x, y = dir.y, z = dir.z;
    c += -kC1 * y * coefficient(base, 1u) + kC1 * z * coefficient(base, 2u) - kC1 * x * coefficient(base, 3u);
    if (degree > 1u) {
      float xx = x * x, yy = y * y, zz = z * z, xy = x * y, yz = y * z, xz = x * z;
      c += kC2[0] * xy * coefficient(base, 4u) + kC2[1] * yz * coefficient(base, 5u) +
           kC2[2] * (2.0 * zz - xx - yy) * coefficient(base, 6u) + kC2[3] * xz * coefficient(base, 7u) +
           kC2[4] * (xx - yy) * coefficient(base, 8u);
      if (degree > 2u) {
        c += kC3[0] * y * (3.0 * xx - yy) * coefficient(base, 9u) + kC3[1] * xy * z * coefficient(base, 10u) +
             kC3[2] * y * (4.0 * zz - xx - yy) * coefficient(base, 11u) +
             kC3[3] * z * (2.0 * zz - 3.0 * xx - 3.0 * yy) * coefficient(base, 12u) +
             kC3[4] * x * (4.0 * zz - xx - yy) * coefficient(base, 13u) + kC3[5] * z * (xx - yy) * coefficient(base, 14u) +
             kC3[6] * x * (xx - 3.0 * yy) * coefficient(base, 15u);
      }
    }
  }
  return max(c, vec3(0.0));
}

vec3 decodeSrgb(vec3 c) {
  c = clamp(c, 0.0, 1.0);
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

void main() {
  // Outside the clip volume: nothing drawn.
  gl_Position = vec4(0.0, 0.0, -1.0, 1.0);
  colourOpacity = vec4(0.0);
  conic = vec3(0.0);
  meanDepth = vec3(0.0);

  uint index = srcValues[gl_InstanceIndex];
  SplatEye e = frame.eyes[push.eye];
  Splat s = splats[index];
  vec3 t = (e.cloudToEye * vec4(s.centre.xyz, 1.0)).xyz;
  float z = -t.z;
  if (z <= frame.cull.x) return;

  vec4 f = e.tanFov;
  vec2 size = e.projection.xy;
  vec2 focal = size / vec2(f.y - f.x, f.z - f.w);
  vec2 halfFov = 0.5 * vec2(f.y - f.x, f.z - f.w);
  vec2 centreFov = 0.5 * vec2(f.y + f.x, f.z + f.w);
  vec2 tangent = clamp(t.xy / z, centreFov - 1.3 * halfFov, centreFov + 1.3 * halfFov);
  // d(pixel)/d(eye frame), columns x, y, z of the eye frame; pixel y runs down.
  mat3 jacobian = mat3(vec3(focal.x / z, 0.0, 0.0), vec3(0.0, -focal.y / z, 0.0),
                       vec3(focal.x * tangent.x / z, -focal.y * tangent.y / z, 0.0));
  mat3 sigma = mat3(s.covA.x, s.covA.y, s.covA.z, s.covA.y, s.covA.w, s.covB.x, s.covA.z, s.covB.x, s.covB.y);
  mat3 toPixels = jacobian * mat3(e.cloudToEye);
  mat3 cov = toPixels * sigma * transpose(toPixels);
  float a = cov[0][0] + 0.3, b = cov[0][1], c = cov[1][1] + 0.3;
  float det = a * c - b * b;
  if (!(det > 0.0)) return;
  conic = vec3(c, -b, a) / det;
  // The quad follows the ellipse's axes and reaches where alpha falls below 1/255 along each
  // (3.33 standard deviations at opacity 0.99, fewer for fainter splats): every pixel the
  // fragment shader keeps, and no more.
  float opacity = s.centre.w;
  if (opacity * 255.0 <= 1.0) return;
  float mid = 0.5 * (a + c);
  float spread = sqrt(max(0.0, mid * mid - det));
  float reach = 2.0 * log(opacity * 255.0);
  vec2 major = abs(b) > 1e-6 * mid ? normalize(vec2(b, mid + spread - a)) : (a >= c ? vec2(1.0, 0.0) : vec2(0.0, 1.0));
  vec2 minor = vec2(-major.y, major.x);
  vec2 radii = sqrt(reach * max(vec2(mid + spread, mid - spread), vec2(0.3)));

  vec2 mean = vec2((t.x / z - f.x) * focal.x, (f.z - t.y / z) * focal.y);
  vec2 corner = vec2(float(gl_VertexIndex & 1), float(gl_VertexIndex >> 1)) * 2.0 - 1.0;
  vec2 pixel = mean + corner.x * radii.x * major + corner.y * radii.y * minor;
  float depth = (e.projection.z * t.z + e.projection.w) / z;
  gl_Position = vec4(pixel / size * 2.0 - 1.0, depth, 1.0);

  vec3 colour = shColour(index, normalize(s.centre.xyz - e.position.xyz));
  colourOpacity = vec4(push.targetDecodes != 0u ? decodeSrgb(colour) : colour, s.centre.w);
  meanDepth = vec3(mean, z);
}
