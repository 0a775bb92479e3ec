#version 450
// A mesh layer's vertex: the instance's matrices come from a storage buffer indexed by
// gl_InstanceIndex (each draw's firstInstance), the eye's from the frame's block; push
// constants only say which eye. Must match engine/src/mesh_shader_data.h.
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;   // zero: the primitive has none (flat normals)
layout(location = 2) in vec2 inUv;
layout(location = 3) in vec4 inTangent;  // w zero: the primitive has none (derived per pixel)

struct Eye {
  mat4 viewProjection;
  vec4 position;
};
layout(std430, set = 0, binding = 0) readonly buffer Frame {
  vec4 lightDirection;  // towards the light, stage space
  vec4 lightColor;
  vec4 skyColor;
  vec4 groundColor;
  Eye eyes[];
} frame;

struct Instance {
  mat4 model;         // mesh space to stage space
  mat4 normalMatrix;  // its inverse transpose (upper 3x3 used)
};
layout(std430, set = 0, binding = 1) readonly buffer Instances {
  Instance instances[];
};

layout(push_constant) uniform Draw {
  uint eye;
  uint encode;  // the target stores what is written: encode to sRGB in the shader
} draw;

layout(location = 0) out vec3 stagePosition;
layout(location = 1) out vec3 stageNormal;
layout(location = 2) out vec2 uv;
layout(location = 3) out vec4 stageTangent;

void main() {
  const Instance instance = instances[gl_InstanceIndex];
  const vec4 position = instance.model * vec4(inPosition, 1.0);
  stagePosition = position.xyz;
  stageNormal = mat3(instance.normalMatrix) * inNormal;
  stageTangent = vec4(mat3(instance.model) * inTangent.xyz, inTangent.w);
  uv = inUv;
  gl_Position = frame.eyes[draw.eye].viewProjection * position;
}
