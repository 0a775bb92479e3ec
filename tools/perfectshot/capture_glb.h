#pragma once
// A capture frame written as the GLB a mesh sequence streams: one mesh under one node, a
// primitive per capture primitive with its colour as the material, every primitive compressed:
// - Draco (KHR_draco_mesh_compression): positions quantised to kDracoPositionBits over the
//   primitive's extent, normals to 10 bits, UVs to 12; the edgebreaker coder. The accessors
//   declare what the stream decodes to (it is decoded once here to count it).
// - meshopt (EXT_meshopt_compression): vertex cache and fetch order optimised, positions,
//   normals and UVs through the exponential filter (kMeshoptPositionBits of mantissa for
//   positions), indices as a TRIANGLES stream; the fallback buffer has no data.
// Both extensions are required by the file: a reader without them must not draw nothing.
#include <cstdint>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "capture_frame.h"
#include "scenes/result.h"

namespace ps::tools {

enum class MeshCompression { Draco, Meshopt };

std::string_view toString(MeshCompression c);
std::optional<MeshCompression> parseMeshCompression(std::string_view text);  // "draco", "meshopt"

inline constexpr int kDracoPositionBits = 14;
inline constexpr int kMeshoptPositionBits = 16;

// The farthest a position may come back from where it was, for a primitive whose positions lie
// within [lo, hi]: half a quantisation step on each axis (Draco), or the last mantissa bit kept
// of the largest coordinate (meshopt's exponential filter shares one exponent a vertex).
float positionTolerance(MeshCompression c, glm::vec3 lo, glm::vec3 hi);

// The GLB bytes; an Error (where: the API call) when an encoder fails.
Result<std::vector<std::uint8_t>> encodeCaptureGlb(const CaptureFrame& frame, MeshCompression compression);

// The same frame with nothing compressed: float positions, normals and UVs and 32-bit indices
// in the BIN chunk, as a package without either extension would carry it (bench sequence
// compares the forms' read and decode costs on the same meshes).
Result<std::vector<std::uint8_t>> encodePlainGlb(const CaptureFrame& frame);

}  // namespace ps::tools
