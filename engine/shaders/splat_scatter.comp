#version 450
// Radix sort, step 3 of a pass: every key (and its value) to its place, stably. A block takes its
// chunks in order; within a chunk a key's rank among the keys of its digit before it comes from
// a bit mask per digit of the lanes holding it (no subgroup operations: any Vulkan device).
#include "splat_sort.glsl"

layout(local_size_x = 256) in;

shared uint next[256];        // where this block's next key of each digit goes
shared uint lanes[256 * 8];   // per digit, a 256-bit mask of the chunk's lanes holding it

void main() {
  uint lane = gl_LocalInvocationID.x;
  uint block = gl_WorkGroupID.x;
  uint n = frame.counts.x;
  next[lane] = histogram[lane * pass.blocks + block];
  for (uint w = 0u; w < 8u; ++w) lanes[lane * 8u + w] = 0u;
  barrier();
  for (uint c = 0u; c < SORT_CHUNKS; ++c) {
    uint i = block * SORT_BLOCK + c * SORT_GROUP + lane;
    bool valid = i < n;
    uint key = valid ? srcKeys[i] : 0u;
    uint value = valid ? srcValues[i] : 0u;
    uint digit = (key >> pass.shift) & 255u;
    uint word = lane >> 5u;
    if (valid) atomicOr(lanes[digit * 8u + word], 1u << (lane & 31u));
    barrier();
    if (valid) {
      uint rank = uint(bitCount(lanes[digit * 8u + word] & ((1u << (lane & 31u)) - 1u)));
      for (uint w = 0u; w < word; ++w) rank += uint(bitCount(lanes[digit * 8u + w]));
      uint to = next[digit] + rank;
      dstKeys[to] = key;
      dstValues[to] = value;
    }
    barrier();
    uint count = 0u;
    for (uint w = 0u; w < 8u; ++w) {
      count += uint(bitCount(lanes[lane * 8u + w]));
      lanes[lane * 8u + w] = 0u;
    }
    next[lane] += count;
    barrier();
  }
}
