#pragma once
// Compressed glTF (KHR_draco_mesh_compression, EXT_meshopt_compression) and quantised
// attributes (KHR_mesh_quantization): what the prepass reads of them from the JSON, and the
// step after tinygltf's parse that decodes the compressed bytes into ordinary buffers, so that
// the accessors are then checked and read as in any other file.
//
// tinygltf cannot parse such a file as it stands (a Draco primitive's indices have no buffer
// view; a meshopt fallback buffer has no data), so the prepass hands it a copy of the document
// with placeholders: the Draco buffer view for those indices, one byte for each fallback buffer.
// Nothing reads through a placeholder: decompress() points every accessor and buffer view that
// used one at decoded data first.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ps::media::gltf {

// A primitive's KHR_draco_mesh_compression: the buffer view holding the Draco mesh, and for
// each attribute name the Draco attribute's unique id.
struct DracoPrimitive {
  std::size_t mesh = 0, primitive = 0;
  std::uint64_t bufferView = 0;
  std::vector<std::pair<std::string, std::uint64_t>> attributes;
  std::string at;  // the extension's JSON pointer
};

enum class MeshoptMode { Attributes, Triangles, Indices };
enum class MeshoptFilter { None, Octahedral, Quaternion, Exponential };

// A buffer view's EXT_meshopt_compression: where the compressed stream lies and what it holds.
struct MeshoptView {
  std::size_t view = 0;
  std::uint64_t buffer = 0, byteOffset = 0, byteLength = 0, byteStride = 0, count = 0;
  MeshoptMode mode = MeshoptMode::Attributes;
  MeshoptFilter filter = MeshoptFilter::None;
  std::string at;  // the extension's JSON pointer
};

struct Compression {
  std::vector<DracoPrimitive> draco;
  std::vector<MeshoptView> meshopt;
  bool quantization = false;                  // KHR_mesh_quantization is used
  std::optional<std::string> tinygltfJson;    // the document tinygltf parses, when it differs
};

}  // namespace ps::media::gltf
