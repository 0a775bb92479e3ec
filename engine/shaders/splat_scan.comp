#version 450
// Radix sort, step 2 of a pass: the exclusive prefix sum of the digit-major histogram, in one
// workgroup (each invocation sums a contiguous run, the runs' totals are scanned, then each run
// is rewritten with its offsets).
#include "splat_sort.glsl"

layout(local_size_x = 256) in;

shared uint runs[256];

void main() {
  uint lane = gl_LocalInvocationID.x;
  uint total = 256u * pass.blocks;
  uint per = (total + 255u) / 256u;
  uint begin = min(lane * per, total);
  uint end = min(begin + per, total);
  uint sum = 0u;
  for (uint i = begin; i < end; ++i) sum += histogram[i];
  runs[lane] = sum;
  barrier();
  if (lane == 0u) {
    uint running = 0u;
    for (uint k = 0u; k < 256u; ++k) {
      uint v = runs[k];
      runs[k] = running;
      running += v;
    }
  }
  barrier();
  uint running = runs[lane];
  for (uint i = begin; i < end; ++i) {
    uint v = histogram[i];
    histogram[i] = running;
    running += v;
  }
}
