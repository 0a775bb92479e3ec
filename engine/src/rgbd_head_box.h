#pragma once
// The comfort rule of an RGB-D capture: where the eye stands relative to the capture point, and
// the offset the capture is drawn for. Inside the head box the two are the same (full
// parallax); towards and past its faces the offset is eased, per axis and smoothly (continuous
// with its first derivative), onto the face, so a head that leaves the box sees the capture
// follow it rather than tear apart, and far outside it sees what the box's face sees.
#include <glm/vec3.hpp>

namespace ps::engine {

// The share of the box's half-size over which the offset eases onto the face.
inline constexpr float kHeadBoxEase = 0.25f;

// `offset`: the eye from the capture point, stage axes, metres. halfSizeM: from the capture
// point to each face of the box. Identity while |offset.i| <= halfSizeM * (1 - kHeadBoxEase);
// never past halfSizeM.
glm::vec3 parallaxOffset(const glm::vec3& offset, float halfSizeM);

}  // namespace ps::engine
