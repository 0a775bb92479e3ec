#version 450
// mesh.vert for unlit materials: position and UV only (no normals or tangents to carry).
// Must match engine/src/mesh_shader_data.h.
layout(location = 0) in vec3 inPosition;
layout(location = 2) in vec2 inUv;

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

layout(push_constant) uniform Draw {
  uint eye;
  uint encode;
} draw;

layout(location = 2) out vec2 uv;

void main() {
  uv = inUv;
  gl_Position = frame.eyes[draw.eye].viewProjection * (instances[gl_InstanceIndex].model * vec4(inPosition, 1.0));
}
