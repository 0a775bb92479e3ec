#version 450
// mesh_unlit.vert for skinned and morphed primitives (as mesh_deform.vert, position and UV out): the morph targets' offsets are added first, then
// the vertex is skinned by its four joints, then placed by the instance like any other. The
// offsets live in the set's Targets buffer, the instance's joint matrices (mesh space) and
// weights in the frame's Joints and Weights buffers, where the draw's push constants say.
// Unskinned, unmorphed primitives keep mesh.vert (none of this per vertex). A joint index past
// the instance's joints is clamped: glTF lets a slot of weight zero name any joint.
// Must match engine/src/mesh_shader_data.h.
layout(location = 0) in vec3 inPosition;
layout(location = 2) in vec2 inUv;
layout(location = 4) in uvec4 inJoints;
layout(location = 5) in vec4 inWeights;

struct Eye {
  mat4 viewProjection;
  vec4 position;
};
layout(std430, set = 0, binding = 0) readonly buffer Frame {
  vec4 lightDirection;
  vec4 lightColor;
  vec4 skyColor;
  vec4 groundColor;
  Eye eyes[];
} frame;

struct Instance {
  mat4 model;
  mat4 normalMatrix;
};
layout(std430, set = 0, binding = 1) readonly buffer Instances {
  Instance instances[];
};
layout(std430, set = 0, binding = 2) readonly buffer Joints {
  mat4 joints[];
};
layout(std430, set = 0, binding = 3) readonly buffer Weights {
  float weights[];
};
struct Delta {
  vec4 position;
  vec4 normal;
};
layout(std430, set = 2, binding = 0) readonly buffer Targets {
  Delta deltas[];
};

layout(push_constant) uniform Draw {
  uint eye;
  uint encode;
  uint jointBase;
  uint jointCount;
  uint weightBase;
  uint targetCount;
  uint morphBase;
  uint vertexBase;
  uint vertexCount;
} draw;

layout(location = 2) out vec2 uv;

mat4 joint(uint slot) { return joints[draw.jointBase + min(slot, draw.jointCount - 1u)]; }

void main() {
  vec3 p = inPosition;
  const uint v = uint(gl_VertexIndex) - draw.vertexBase;
  for (uint t = 0u; t < draw.targetCount; ++t) {
    const float w = weights[draw.weightBase + t];
    const Delta d = deltas[draw.morphBase + t * draw.vertexCount + v];
    p += w * d.position.xyz;
  }
  mat4 skin = mat4(1.0);
  if (draw.jointCount > 0u)
    skin = inWeights.x * joint(inJoints.x) + inWeights.y * joint(inJoints.y) + inWeights.z * joint(inJoints.z) +
           inWeights.w * joint(inJoints.w);
  uv = inUv;
  gl_Position = frame.eyes[draw.eye].viewProjection * (instances[gl_InstanceIndex].model * (skin * vec4(p, 1.0)));
}
