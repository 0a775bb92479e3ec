#pragma once
// What the splat shaders read, mirrored from engine/shaders/splat_common.glsl (std140) and
// their push constants.
#include <cstdint>

#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

namespace ps::engine {

inline constexpr std::uint32_t kSplatMaxEyes = 4;        // SPLAT_MAX_EYES
inline constexpr std::uint32_t kSplatSortBlock = 4096;   // SORT_BLOCK: keys per workgroup of a sort pass
inline constexpr std::uint32_t kSplatGroup = 256;        // local_size_x of every splat compute shader

struct SplatEyeData {
  glm::mat4 cloudToEye;
  glm::vec4 tanFov;      // left, right, up, down
  glm::vec4 projection;  // x, y: target size (px); z, w: projection()[2][2], projection()[3][2]
  glm::vec4 position;    // xyz: the eye in cloud space
};

struct SplatFrameConstants {
  SplatEyeData eyes[kSplatMaxEyes];
  glm::mat4 cloudToStage;
  glm::vec4 sortOrigin;
  glm::vec4 sortForward;
  glm::uvec4 counts;  // x: splats sorted, y: eyes, z: SH degree, w: colour floats per splat
  glm::vec4 cull;     // x: near plane (m), y: largest axis scale of cloudToStage
};
static_assert(sizeof(SplatEyeData) == 112 && sizeof(SplatFrameConstants) == 576, "std140 layout of Frame");

struct SplatSortPush {
  std::uint32_t shift = 0;
  std::uint32_t blocks = 0;
};

struct SplatDrawPush {
  std::uint32_t eye = 0;
  std::uint32_t targetDecodes = 0;
};

struct SplatResolvePush {
  glm::vec4 projection;
};

// Indirect draw arguments the cull pass counts into (VkDrawIndirectCommand).
struct SplatDrawArgs {
  std::uint32_t vertexCount = 4;
  std::uint32_t instanceCount = 0;
  std::uint32_t firstVertex = 0;
  std::uint32_t firstInstance = 0;
};

}  // namespace ps::engine
