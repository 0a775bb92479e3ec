#pragma once
// A generated 4D splat capture: the object set (make_splats/object_set.h) with a small yellow
// sphere orbiting it and a row of splats whose colours spell the frame's index in bits, so a
// test can read back which frame is shown, from the cloud or from a picture of it.
//
// Frame i (from 0) at `fps` frames per second is, in this order:
//   - the object set of the spec (kObjectSetSplats splats), the same in every frame;
//   - the orbiting sphere (kOrbitSplats splats): radius 0.08 m, its centre orbitCentre(i, fps)
//     on a circle of radius 0.88 m at height 0.1 m, one turn in kOrbitSeconds, counter-clockwise
//     seen from above: it moves 2 pi / (kOrbitSeconds fps) radians a frame;
//   - the frame code (kFrameCodeBits splats, last in the cloud): bit b (least significant first)
//     at frameCodePosition(b), a row along +x at y = 0.85, z = -0.6, 0.1 m apart; an isotropic
//     splat of sigma 0.03 m and opacity 0.99, near white (0.95) for a 1, near black (0.05) for a 0.
// Every centre lies in [-1, 1] x [0, 0.9] x [-1, 1]. A sequence is written as frame_000000.ply,
// frame_000001.ply, ... (INRIA .ply).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include <glm/vec3.hpp>

#include "make_splats/object_set.h"
#include "scenes/result.h"
#include "scenes/splat_cloud.h"

namespace ps::make_splats {

inline constexpr int kFrameCodeBits = 16;
inline constexpr std::size_t kMaxSequenceFrames = std::size_t{1} << kFrameCodeBits;
inline constexpr std::size_t kOrbitSplats = 256;
inline constexpr double kOrbitSeconds = 4.0;
inline constexpr glm::vec3 kSequenceMin{-1.0f, 0.0f, -1.0f}, kSequenceMax{1.0f, 0.9f, 1.0f};

glm::dvec3 orbitCentre(std::size_t frame, double fps);
glm::vec3 frameCodePosition(int bit);

// Throws std::invalid_argument for frame >= kMaxSequenceFrames, fps <= 0 or a bad spec.
scenes::SplatCloud sequenceFrameSplats(std::size_t frame, double fps, const ObjectSetSpec& spec = {});

// The frame index a sequence frame's cloud spells; nullopt when its last kFrameCodeBits splats
// are not a frame code (not at frameCodePosition, or a colour neither near black nor white).
std::optional<std::uint32_t> decodeFrameCode(const scenes::SplatCloud& cloud);
// The same from a picture: `brightness(b)` is how bright bit b's place looks, 0..1; over 0.5
// reads as a 1.
std::uint32_t decodeFrameCode(const std::function<double(int bit)>& brightness);

// Writes `frames` frames into `folder` (created; refused when it holds files already, so that
// a longer old sequence cannot leave frames behind), each through media::writeSplatPly.
Status writeSplatSequence(const std::filesystem::path& folder, std::size_t frames, double fps,
                          const ObjectSetSpec& spec = {});

}  // namespace ps::make_splats
