#version 450
#extension GL_GOOGLE_include_directive : require
// RgbdLayer's grid: no vertex buffer. Every cell of a longitude x latitude grid is two
// triangles of three vertices each (non-indexed), and every vertex works out its whole
// triangle: the depth of its three corners, and whether the triangle spans a depth
// discontinuity. Such a triangle comes out degenerate (its three vertices at one point), so it
// is dropped rather than stretched across the gap, and what lies behind shows through.
// Conventions are the equirect layer's (equirect.frag): capture space +Y up, -Z forward; u grows
// to the right from longitude -180 (-90 for 180) and v downward from latitude +90.

layout(location = 0) out vec3 capturePos;  // the surface point, metres from the capture point, capture axes
// The relative depth step at which the fragments drop what the cell's corners did not see; 0:
// no check (the far sphere, or a cell per texel).
layout(location = 1) flat out float discontinuity;

#include "rgbd_depth.glsl"

// Must match RgbdPushConstants in engine/src/rgbd_pipeline.h.
layout(push_constant) uniform Params {
  mat4 clipFromCapture;  // capture space (metres) to the eye's clip space
  // x: depth texels per cell (grid on the depth picture), or with w > 0 the columns of a sphere
  // of radius w; y: that sphere's rows; z: discontinuity
  vec4 grid;
  ivec4 cells;  // x: cells across the drawn rectangle, y: its first column, z: its first row
} params;

const float PI = 3.14159265358979;

// The corner (column, row offset) of each of a cell's six vertices: triangles (0,0) (1,0) (0,1)
// and (1,0) (1,1) (0,1).
const ivec2 kCorners[6] = ivec2[6](ivec2(0, 0), ivec2(1, 0), ivec2(0, 1), ivec2(1, 0), ivec2(1, 1), ivec2(0, 1));

bool sphereAtRadius() { return params.grid.w > 0.0; }
// The grid spans 360 degrees of longitude (a 360 picture, or the far sphere).
bool wholeSphereGrid() { return picture.mode.y == 0 || sphereAtRadius(); }

// Grid point -> picture coordinates 0..1. On a picture the grid's points sit on texel centres,
// every `step` texels (so a triangle's colour filter never reaches past its corners' texels);
// a 360 grid wraps, a 180 grid adds its two edges, and every grid adds the two poles (point
// 0 and the last), so the surface is closed.
vec2 gridUv(ivec2 point) {
  if (sphereAtRadius())
    return vec2((float(point.x) + 0.5) / params.grid.x, clamp((float(point.y) - 0.5) / params.grid.y, 0.0, 1.0));
  const vec2 size = vec2(textureSize(depthPlane0, 0));
  const float step = params.grid.x;
  const float u = wholeSphereGrid() ? (float(point.x) * step + 0.5) / size.x
                                    : (point.x == 0 ? 0.0 : min(((float(point.x) - 1.0) * step + 0.5) / size.x, 1.0));
  const float v = point.y == 0 ? 0.0 : min(((float(point.y) - 1.0) * step + 0.5) / size.y, 1.0);
  return vec2(u, v);
}

vec3 direction(vec2 uv) {
  const float longitude = (uv.x - 0.5) * (wholeSphereGrid() ? 2.0 * PI : PI);
  const float latitude = (0.5 - uv.y) * PI;
  return vec3(cos(latitude) * sin(longitude), sin(latitude), -cos(latitude) * cos(longitude));
}

void main() {
  const int cell = gl_VertexIndex / 6;
  const int corner = gl_VertexIndex - cell * 6;
  const ivec2 origin = ivec2(params.cells.y + cell % params.cells.x, params.cells.z + cell / params.cells.x);
  const int first = corner < 3 ? 0 : 3;
  // The triangle's three depths decide whether it is kept; only this vertex's own corner is
  // placed (the trigonometry is the costly part on a CPU driver).
  // With a cell per texel the corners saw every texel the cell's colour reads.
  discontinuity = sphereAtRadius() || params.grid.x <= 1.0 ? 0.0 : params.grid.z;
  float own = params.grid.w;
  if (!sphereAtRadius()) {
    float nearest = 1e30, farthest = 0.0;
    for (int i = 0; i < 3; ++i) {
      const float d = decodeMetres(gridUv(origin + kCorners[first + i]));
      if (first + i == corner) own = d;
      nearest = min(nearest, d);
      farthest = max(farthest, d);
    }
    if (farthest > nearest * (1.0 + params.grid.z)) {
      capturePos = vec3(0.0, 0.0, -1.0);
      gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // the same point for all three: nothing to raster
      return;
    }
  }
  capturePos = direction(gridUv(origin + kCorners[corner])) * own;
  gl_Position = params.clipFromCapture * vec4(capturePos, 1.0);
}
