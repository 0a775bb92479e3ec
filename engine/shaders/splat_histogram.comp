#version 450
// Radix sort, step 1 of a pass: each block's count of every value of this pass's digit.
#include "splat_sort.glsl"

layout(local_size_x = 256) in;

shared uint counts[256];

void main() {
  uint lane = gl_LocalInvocationID.x;
  uint block = gl_WorkGroupID.x;
  counts[lane] = 0u;
  barrier();
  uint n = frame.counts.x;
  for (uint c = 0u; c < SORT_CHUNKS; ++c) {
    uint i = block * SORT_BLOCK + c * SORT_GROUP + lane;
    if (i < n) atomicAdd(counts[(srcKeys[i] >> pass.shift) & 255u], 1u);
  }
  barrier();
  histogram[lane * pass.blocks + block] = counts[lane];
}
