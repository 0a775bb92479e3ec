// Shared by the splat shaders: one cloud's frame constants (mirrors SplatFrameConstants in
// engine/src/splat_shader_data.h, std140) and its buffers. A shader that only reads them
// defines SPLAT_ACCESS as readonly before including this file.
#ifndef SPLAT_ACCESS
#define SPLAT_ACCESS
#endif

#define SPLAT_MAX_EYES 4

struct SplatEye {
  mat4 cloudToEye;  // cloud space to the eye's frame (x right, y up, -z forward)
  vec4 tanFov;      // left, right, up, down
  vec4 projection;  // x, y: target size in pixels; z, w: reverse-Z depth = (z * ze + w) / -ze
  vec4 position;    // xyz: the eye in cloud space (for the SH direction)
};

layout(std140, set = 0, binding = 0) uniform Frame {
  SplatEye eyes[SPLAT_MAX_EYES];
  mat4 cloudToStage;
  vec4 sortOrigin;   // xyz: the centre of the eyes, stage space
  vec4 sortForward;  // xyz: their mean forward axis, unit
  uvec4 counts;      // x: splats sorted, y: eyes, z: SH degree, w: colour floats per splat
  vec4 cull;         // x: near plane (m), y: the largest axis scale of cloudToStage
} frame;

// centre.w: opacity; covA: xx xy xz yy, covB: yz zz, z: the largest standard deviation.
struct Splat {
  vec4 centre;
  vec4 covA;
  vec4 covB;
};

layout(std430, set = 0, binding = 1) readonly buffer Splats { Splat splats[]; };
layout(std430, set = 0, binding = 2) readonly buffer Colours { float colours[]; };
layout(std430, set = 0, binding = 3) SPLAT_ACCESS buffer SrcKeys { uint srcKeys[]; };
layout(std430, set = 0, binding = 4) SPLAT_ACCESS buffer SrcValues { uint srcValues[]; };

// Sort keys: floats flipped to unsigned integers that order as the floats do, then inverted
// so that an ascending sort puts the farthest first (back to front).
uint sortableFloat(float f) {
  uint u = floatBitsToUint(f);
  return (u & 0x80000000u) != 0u ? ~u : (u | 0x80000000u);
}
