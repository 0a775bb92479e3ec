#version 450
// RgbdLayer's grid: no vertex buffer. Every cell of a longitude x latitude grid is two
// triangles of three vertices each (non-indexed), and every vertex works out its whole
// triangle: the depth of its three corners, and whether the triangle spans a depth
// discontinuity. Such a triangle comes out degenerate (its three vertices at one point), so it
// is dropped rather than stretched across the gap, and what lies behind shows through.
// Conventions are the equirect layer's (equirect.frag): capture space +Y up, -Z forward; u grows
// to the right from longitude -180 (-90 for 180) and v downward from latitude +90.

layout(location = 0) out vec3 capturePos;  // the surface point, metres from the capture point, capture axes

// Depth planes, read with texelFetch only: filtering would mix split codes and blend edges.
layout(set = 0, binding = 3) uniform sampler2D depthPlane0;
layout(set = 0, binding = 4) uniform sampler2D depthPlane1;
layout(set = 0, binding = 5) uniform sampler2D depthPlane2;

// Must match RgbdPicture in engine/src/rgbd_pipeline.h (std140).
layout(set = 0, binding = 6) uniform Picture {
  vec4 yuvToRgb[3];       // colour picture: rows as equirect.frag's
  vec4 depthYuvToRgb[3];  // hue: the depth picture's sampled values to R'G'B'
  vec4 code;              // x: sampled UNORM to integer code, y, z: code to v = code * y + z
  vec4 metres;            // x: near, y: far (metres)
  ivec4 mode;             // x: encoding (kLinear...), y: 180-degree source
} picture;

// Must match RgbdPushConstants in engine/src/rgbd_pipeline.h.
layout(push_constant) uniform Params {
  mat4 clipFromCapture;  // capture space (metres) to the eye's clip space
  // x: depth texels per cell (grid on the depth picture), or with w > 0 the columns of a sphere
  // of radius w; y: that sphere's rows; z: discontinuity
  vec4 grid;
  ivec4 cells;  // x: cells across the drawn rectangle, y: its first column, z: its first row
} params;

const int kLinear = 0;
const int kInverse = 1;
const int kInverseSplit8 = 2;
const int kHue = 3;
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

float decodeMetres(vec2 uv) {
  const ivec2 size = textureSize(depthPlane0, 0);
  ivec2 texel = ivec2(floor(uv * vec2(size)));
  texel.y = clamp(texel.y, 0, size.y - 1);
  texel.x = picture.mode.y == 0 ? ((texel.x % size.x) + size.x) % size.x : clamp(texel.x, 0, size.x - 1);
  const int encoding = picture.mode.x;
  const float near = picture.metres.x;
  const float far = picture.metres.y;
  if (encoding == kHue) {
    const ivec2 chroma = texel * textureSize(depthPlane1, 0) / size;
    const vec3 ycbcr = vec3(texelFetch(depthPlane0, texel, 0).r, texelFetch(depthPlane1, chroma, 0).r,
                            texelFetch(depthPlane2, chroma, 0).r);
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
  vec3 points[3];
  float nearest = 1e30, farthest = 0.0;
  for (int i = 0; i < 3; ++i) {
    const vec2 uv = gridUv(origin + kCorners[first + i]);
    const float d = sphereAtRadius() ? params.grid.w : decodeMetres(uv);
    points[i] = direction(uv) * d;
    nearest = min(nearest, d);
    farthest = max(farthest, d);
  }
  if (farthest > nearest * (1.0 + params.grid.z)) {
    capturePos = vec3(0.0, 0.0, -1.0);
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // the same point for all three: nothing to raster
    return;
  }
  capturePos = points[corner - first];
  gl_Position = params.clipFromCapture * vec4(capturePos, 1.0);
}
