#pragma once
// A Draco-compressed mesh sequence for benchmarks: frame i is one mesh, a UV sphere of about
// `triangles` triangles (positions, normals, UVs) whose surface ripples with i, so every frame
// is different data. The same Draco bitstream is given twice: as a GLB that carries it with
// KHR_draco_mesh_compression (what a sequence plays) and as the bare .drc file that Draco's own
// `draco_decoder` reads, so that both decode exactly the same bytes.
//
// Encoded as `draco_encoder` does by default: edgebreaker at compression level 7, positions
// quantised to 11 bits, UVs to 10, normals to 8.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ps::make_set {

struct DracoFrame {
  std::vector<std::uint8_t> glb;
  std::vector<std::uint8_t> drc;
};

// Throws std::runtime_error if Draco cannot encode it (it always can, short of memory).
DracoFrame dracoSequenceFrame(std::size_t index, std::uint64_t triangles);

}  // namespace ps::make_set
