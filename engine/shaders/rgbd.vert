#version 450
#extension GL_GOOGLE_include_directive : require
// RgbdLayer's grid, drawn in patches (rgbd_patches.h): one instance per patch, whose attribute
// says where the patch starts and how its edges meet coarser neighbours; every cell of the
// patch at this draw's level is two triangles of three vertices each (non-indexed), and every
// vertex works out its whole triangle: the depth of its three corners, and whether the triangle
// spans a depth discontinuity. Such a triangle comes out degenerate (its three vertices at one
// point), so it is dropped rather than stretched across the gap, and what lies behind shows
// through. The far sphere is the same shader without patches (one instance, its attribute unread).
// Conventions are the equirect layer's (equirect.frag): capture space +Y up, -Z forward; u grows
// to the right from longitude -180 (-90 for 180) and v downward from latitude +90.

// x, y: the patch's first grid point; z: bits 0-3, 4-7, 8-11, 12-15: the level of the
// neighbour above, below, left and right when coarser (this patch's edge points snap to its
// points), bit 16: fragments check the depth texels they read. Mirrors RgbdPatchInstance.
layout(location = 0) in ivec4 patchInfo;

// The surface point along its ray, metres from where the ray starts (the capture point, or a
// stereo eye's ray origin beside it), capture axes.
layout(location = 0) out vec3 capturePos;
// The relative depth step at which the fragments drop what the cell's corners did not see; 0:
// no check (the far sphere, a cell per texel, or a patch without a discontinuity).
layout(location = 1) flat out float discontinuity;

#include "rgbd_depth.glsl"

// Must match RgbdPushConstants in engine/src/rgbd_pipeline.h.
layout(push_constant) uniform Params {
  mat4 clipFromCapture;  // capture space (metres) to the eye's clip space
  // x: grid points per patch side (a picture's patches), or with w > 0 the columns of a sphere
  // of radius w; y: that sphere's rows; z: discontinuity
  vec4 grid;
  // A picture's patches: x: cells across a patch at this draw's level, y: grid points per cell.
  // The sphere: x: cells across the drawn rectangle, y: its first column, z: its first row.
  ivec4 cells;
  // A stereo picture's eye (RgbdLayer's header): x: how far its rays start from the capture point,
  // to the left (< 0) or right; y: 0 mono, 1 a camera beside the capture point (180), 2 on the
  // omnidirectional stereo circle, the ray its tangent (360).
  vec4 eyeRays;
} params;

const float PI = 3.14159265358979;

// The corner (column, row offset) of each of a cell's six vertices: triangles (0,0) (1,0) (0,1)
// and (1,0) (1,1) (0,1).
const ivec2 kCorners[6] = ivec2[6](ivec2(0, 0), ivec2(1, 0), ivec2(0, 1), ivec2(1, 0), ivec2(1, 1), ivec2(0, 1));

bool sphereAtRadius() { return params.grid.w > 0.0; }
// The grid spans 360 degrees of longitude (a 360 picture, or the far sphere).
bool wholeSphereGrid() { return picture.mode.y == 0 || sphereAtRadius(); }

// Grid point -> picture coordinates 0..1 (rgbdPointUv in rgbd_patches.cpp). On a picture the
// points sit on depth texel centres (so a triangle's colour filter never reaches past its
// corners' texels); a 360 grid wraps, a 180 grid adds its two edges, and every grid adds the two
// poles (the first row and the last), so the surface is closed.
vec2 gridUv(ivec2 point) {
  if (sphereAtRadius())
    return vec2((float(point.x) + 0.5) / params.grid.x, clamp((float(point.y) - 0.5) / params.grid.y, 0.0, 1.0));
  const vec2 size = vec2(textureSize(depthPlane0, 0));
  const float u = wholeSphereGrid() ? (float(point.x) + 0.5) / size.x
                                    : (point.x == 0 ? 0.0 : min((float(point.x) - 0.5) / size.x, 1.0));
  const float v = point.y == 0 ? 0.0 : min((float(point.y) - 0.5) / size.y, 1.0);
  return vec2(u, v);
}

// An edge point of a patch moved down onto the coarser neighbour's points (every 2^level grid
// points); the patch's last point (where a cut-short patch ends) is every level's.
int snapped(int local, int end, int level) { return local >= end ? end : (local >> level) << level; }

// The grid point of a patch's point `local` (grid points from its first).
ivec2 patchPoint(ivec2 local) {
  const ivec2 size = textureSize(depthPlane0, 0);
  const ivec2 last = ivec2(wholeSphereGrid() ? size.x : size.x + 1, size.y + 1);
  const ivec2 end = min(ivec2(int(params.grid.x)), last - patchInfo.xy);
  local = min(local, end);
  const int bits = patchInfo.z;
  if (local.y == 0) local.x = snapped(local.x, end.x, bits & 15);
  else if (local.y == end.y) local.x = snapped(local.x, end.x, (bits >> 4) & 15);
  if (local.x == 0) local.y = snapped(local.y, end.y, (bits >> 8) & 15);
  else if (local.x == end.x) local.y = snapped(local.y, end.y, (bits >> 12) & 15);
  return patchInfo.xy + local;
}

vec3 direction(vec2 uv) {
  const float longitude = (uv.x - 0.5) * (wholeSphereGrid() ? 2.0 * PI : PI);
  const float latitude = (0.5 - uv.y) * PI;
  return vec3(cos(latitude) * sin(longitude), sin(latitude), -cos(latitude) * cos(longitude));
}

// Where this eye's ray along `dir` starts, relative to the capture point.
vec3 rayOrigin(vec3 dir) {
  if (params.eyeRays.y == 1.0) return vec3(params.eyeRays.x, 0.0, 0.0);
  if (params.eyeRays.y == 2.0) {
    // The ray's level right: for longitude L, (cos L, 0, sin L).
    const float level = length(dir.xz);
    return level < 1e-6 ? vec3(0.0) : params.eyeRays.x * vec3(-dir.z, 0.0, dir.x) / level;
  }
  return vec3(0.0);
}

void main() {
  const int cell = gl_VertexIndex / 6;
  const int corner = gl_VertexIndex - cell * 6;
  if (sphereAtRadius()) {
    discontinuity = 0.0;
    const ivec2 origin = ivec2(params.cells.y + cell % params.cells.x, params.cells.z + cell / params.cells.x);
    const vec3 dir = direction(gridUv(origin + kCorners[corner]));
    capturePos = dir * params.grid.w;
    gl_Position = params.clipFromCapture * vec4(capturePos + rayOrigin(dir), 1.0);
    return;
  }
  const ivec2 origin = ivec2(cell % params.cells.x, cell / params.cells.x);
  const int step = params.cells.y;
  const int first = corner < 3 ? 0 : 3;
  // Only patches with a discontinuity drawn coarser than their texels check what they read: in
  // the others every texel is near the surface drawn.
  discontinuity = (patchInfo.z & (1 << 16)) != 0 ? params.grid.z : 0.0;
  // The triangle's three depths decide whether it is kept; only this vertex's own corner is
  // placed (the trigonometry is the costly part on a CPU driver).
  float nearest = 1e30, farthest = 0.0, own = 0.0;
  vec2 ownUv = vec2(0.0);
  for (int i = 0; i < 3; ++i) {
    const vec2 uv = gridUv(patchPoint((origin + kCorners[first + i]) * step));
    const float d = decodeMetres(uv);
    if (first + i == corner) {
      own = d;
      ownUv = uv;
    }
    nearest = min(nearest, d);
    farthest = max(farthest, d);
  }
  if (farthest > nearest * (1.0 + params.grid.z)) {
    capturePos = vec3(0.0, 0.0, -1.0);
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // the same point for all three: nothing to raster
    return;
  }
  const vec3 dir = direction(ownUv);
  capturePos = dir * own;  // along the ray from where it starts: what the fragments sample by
  gl_Position = params.clipFromCapture * vec4(capturePos + rayOrigin(dir), 1.0);
}
