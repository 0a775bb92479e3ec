#version 450
// Cull to the union of the frame's eyes' frusta (and the near plane) and write one sort key per
// splat: its depth along the mean forward axis from the centre of the eyes. A culled splat gets
// the largest key, so it sorts last and is not drawn (draw.instanceCount counts the rest).
#include "splat_sort.glsl"

layout(local_size_x = 256) in;

bool inFrustum(SplatEye e, vec3 centre, float radius) {
  vec3 t = (e.cloudToEye * vec4(centre, 1.0)).xyz;
  float z = -t.z;
  if (z <= frame.cull.x) return false;
  vec4 f = e.tanFov;
  // Signed distances to the four side planes (through the eye), inside positive.
  return (t.x - f.x * z) * inversesqrt(1.0 + f.x * f.x) >= -radius &&
         (f.y * z - t.x) * inversesqrt(1.0 + f.y * f.y) >= -radius &&
         (f.z * z - t.y) * inversesqrt(1.0 + f.z * f.z) >= -radius &&
         (t.y - f.w * z) * inversesqrt(1.0 + f.w * f.w) >= -radius;
}

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= frame.counts.x) return;
  Splat s = splats[i];
  float radius = 3.4 * s.covB.z * frame.cull.y;  // past where alpha falls below 1/255 (3.33 sigma)
  bool visible = false;
  for (uint e = 0u; e < frame.counts.y && !visible; ++e) visible = inFrustum(frame.eyes[e], s.centre.xyz, radius);
  uint key = 0xFFFFFFFFu;
  if (visible) {
    vec3 stage = (frame.cloudToStage * vec4(s.centre.xyz, 1.0)).xyz;
    key = ~sortableFloat(dot(stage - frame.sortOrigin.xyz, frame.sortForward.xyz));
    atomicAdd(draw.instanceCount, 1u);
  }
  dstKeys[i] = key;
  dstValues[i] = i;
}
