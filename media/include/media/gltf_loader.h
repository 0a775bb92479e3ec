#pragma once
// glTF 2.0 sets (a .gltf with the files it names, or a .glb) decoded into plain mesh data
// (scenes::MeshScene), through tinygltf. Everything is validated here before it is handed out,
// because tinygltf accepts accessors past their buffers and indices past their vertices: after
// a successful load every index is below its primitive's vertex count, every material, image
// and mesh index exists, the node tree is a forest, and every image is RGBA8.
//
// What is read: triangle meshes (TRIANGLES; strips and fans become lists; points and lines
// are skipped with a warning) with POSITION, NORMAL, TEXCOORD_0 and TANGENT, u8/u16/u32 or
// generated indices; metallic-roughness materials with base colour, metallic-roughness, normal
// and emissive textures (PNG or JPEG: in GLB buffer views, base64 data URIs, or files inside
// the package), samplers, alpha modes, doubleSided, KHR_materials_unlit; the node hierarchy
// (matrix or TRS) and the roots of the default scene (else scene 0, else every parentless
// node); compressed and quantised meshes (KHR_draco_mesh_compression, EXT_meshopt_compression,
// KHR_mesh_quantization) decoded to the same plain data, and KHR_texture_transform baked into
// TEXCOORD_0 (see scenes/FORMAT.md). Sparse accessors and required extensions other than these
// and KHR_materials_unlit are refused, naming the extension.
// Animations (translation, rotation, scale and weights channels; LINEAR, STEP, CUBICSPLINE),
// skins (JOINTS_0, WEIGHTS_0, inverse bind matrices) and morph targets (POSITION and NORMAL
// offsets, default weights) are read and validated: times finite and ascending, output counts
// per interpolation and target count, joints within the nodes and the skin (see
// scenes/animation.h). Cameras, other attributes and unknown extensions are not read; each
// kind that a file uses is reported once as a warning.
//
// Errors say where as "file#/json/pointer" (scenes::diagnosticPlace), with untrusted text
// escaped (scenes::quote), e.g.
//   set.glb#/accessors/3: count 1000 with stride 12 from byte 0 runs past buffer view 2 (8000 bytes)
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "scenes/mesh_scene.h"
#include "scenes/problem.h"
#include "scenes/result.h"

namespace ps::media {

// Caps on what one set may hold: a file over any of them is refused, not cut.
struct GltfLimits {
  std::uint64_t maxFileBytes = 1ull << 30;      // the .gltf/.glb, and each file it names (1 GiB)
  std::uint64_t maxVertices = 1ull << 24;       // over all primitives (16,777,216)
  std::uint64_t maxTriangles = 1ull << 24;      // over all primitives, after strips and fans
  std::uint64_t maxImagePixels = 1ull << 28;    // decoded, over all images (268 M: 1 GiB RGBA)
  std::uint32_t maxImageSide = 16384;           // width and height of one image
  std::uint64_t maxElements = 1ull << 20;       // entries of any one top-level array (nodes, ...)
};

// A decoded set, and what in the file was not read (each a warning with its JSON pointer).
struct GltfSet {
  scenes::MeshScene scene;
  std::vector<scenes::Problem> warnings;
};

// Loads `file` (.gltf or .glb, told apart by the GLB magic). Every URI it holds must resolve
// inside `packageRoot` (a folder holding `file`): absolute paths, ".." and symlinks leading
// out are errors, as are URIs with a scheme other than base64 data URIs.
Result<GltfSet> loadGltf(const std::filesystem::path& file, const std::filesystem::path& packageRoot,
                         const GltfLimits& limits = {});

// The same from bytes already in memory; `name` is the file's name for messages, and relative
// URIs resolve against `baseDir`, which must lie inside `packageRoot`.
Result<GltfSet> loadGltfBytes(std::span<const std::uint8_t> bytes, const std::string& name,
                              const std::filesystem::path& baseDir, const std::filesystem::path& packageRoot,
                              const GltfLimits& limits = {});

}  // namespace ps::media
