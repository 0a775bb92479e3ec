#include <meshoptimizer.h>

#include <string>
#include <vector>

#include "gltf_decompress.h"

namespace ps::media::gltf {

namespace {

Result<std::vector<unsigned char>> decode(const tinygltf::Model& model, const MeshoptView& v, const Context& ctx) {
  const std::vector<unsigned char>& source = model.buffers[v.buffer].data;
  if (v.byteOffset > source.size() || v.byteLength > source.size() - v.byteOffset)
    return ctx.error(v.at, "bytes " + std::to_string(v.byteOffset) + " to " + std::to_string(v.byteOffset + v.byteLength) +
                               " run past buffer " + std::to_string(v.buffer) + " (" + std::to_string(source.size()) +
                               " bytes)");
  // The prepass made count * byteStride the buffer view's length, which the file size bounds.
  const std::uint64_t size = v.count * v.byteStride;
  if (size > ctx.limits.maxFileBytes)
    return ctx.error(v.at, "decodes to " + std::to_string(size) + " bytes, over the limit of " +
                               std::to_string(ctx.limits.maxFileBytes));
  std::vector<unsigned char> out(size);
  const unsigned char* in = source.data() + v.byteOffset;
  int rc = 0;
  const char* call = "";
  switch (v.mode) {
    case MeshoptMode::Attributes:
      call = "meshopt_decodeVertexBuffer";
      rc = meshopt_decodeVertexBuffer(out.data(), v.count, v.byteStride, in, v.byteLength);
      break;
    case MeshoptMode::Triangles:
      call = "meshopt_decodeIndexBuffer";
      rc = meshopt_decodeIndexBuffer(out.data(), v.count, v.byteStride, in, v.byteLength);
      break;
    case MeshoptMode::Indices:
      call = "meshopt_decodeIndexSequence";
      rc = meshopt_decodeIndexSequence(out.data(), v.count, v.byteStride, in, v.byteLength);
      break;
  }
  if (rc != 0)
    return ctx.error(v.at, std::string(call) + " failed (" + std::to_string(rc) + "): the stream does not hold " +
                               std::to_string(v.count) + " elements of " + std::to_string(v.byteStride) + " bytes");
  switch (v.filter) {
    case MeshoptFilter::None: break;
    case MeshoptFilter::Octahedral: meshopt_decodeFilterOct(out.data(), v.count, v.byteStride); break;
    case MeshoptFilter::Quaternion: meshopt_decodeFilterQuat(out.data(), v.count, v.byteStride); break;
    case MeshoptFilter::Exponential: meshopt_decodeFilterExp(out.data(), v.count, v.byteStride); break;
  }
  return out;
}

}  // namespace

Status decodeMeshopt(tinygltf::Model& model, const Context& ctx) {
  for (const MeshoptView& v : ctx.compression.meshopt) {
    if (v.view >= model.bufferViews.size() || v.buffer >= model.buffers.size())
      return ctx.error(v.at, "its buffer view or buffer is missing after parsing");
    auto decoded = decode(model, v, ctx);
    if (!decoded) return decoded.error();
    tinygltf::Buffer buffer;
    buffer.data = std::move(decoded).value();
    model.buffers.push_back(std::move(buffer));
    tinygltf::BufferView& view = model.bufferViews[v.view];
    view.buffer = static_cast<int>(model.buffers.size() - 1);
    view.byteOffset = 0;
    view.byteLength = v.count * v.byteStride;
    if (v.mode == MeshoptMode::Attributes) view.byteStride = v.byteStride;
  }
  return ok();
}

}  // namespace ps::media::gltf
