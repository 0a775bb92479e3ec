// The radix sort's shared declarations: destination buffers, the block histogram, the pass.
#include "splat_common.glsl"

// Each workgroup of the histogram and scatter passes owns a block of kBlock keys, taken in
// chunks of one key per invocation.
#define SORT_GROUP 256u
#define SORT_CHUNKS 16u
#define SORT_BLOCK (SORT_GROUP * SORT_CHUNKS)

layout(std430, set = 0, binding = 5) buffer DstKeys { uint dstKeys[]; };
layout(std430, set = 0, binding = 6) buffer DstValues { uint dstValues[]; };
// Digit-major: histogram[digit * blocks + block], turned by the scan into where each block's
// keys of that digit start in the output.
layout(std430, set = 0, binding = 7) buffer Histogram { uint histogram[]; };
layout(std430, set = 0, binding = 8) buffer Draw {
  uint vertexCount;
  uint instanceCount;
  uint firstVertex;
  uint firstInstance;
} draw;

layout(push_constant) uniform Pass {
  uint shift;   // of this pass's 8-bit digit
  uint blocks;  // ceil(counts.x / SORT_BLOCK)
} pass;
