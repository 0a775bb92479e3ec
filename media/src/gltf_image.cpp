#include "gltf_image.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <span>

#include <stb_image.h>

#include "gltf_data_uri.h"
#include "gltf_package_path.h"
#include "scenes/printable.h"

namespace ps::media::gltf {

using scenes::quote;

namespace {

bool isPng(std::span<const std::uint8_t> b) {
  return b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0;
}
bool isJpeg(std::span<const std::uint8_t> b) { return b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF; }

// The encoded bytes of image `index`; `storage` holds them when they are read from a file.
Result<std::span<const std::uint8_t>> encoded(const tinygltf::Model& model, std::size_t index,
                                              std::vector<std::uint8_t>& storage, const Context& ctx) {
  const tinygltf::Image& image = model.images[index];
  const std::string at = pointer("images", index);
  if (image.bufferView >= 0) {
    if (static_cast<std::size_t>(image.bufferView) >= model.bufferViews.size())
      return ctx.error(at + "/bufferView", "buffer view " + std::to_string(image.bufferView) + " does not exist");
    const tinygltf::BufferView& v = model.bufferViews[static_cast<std::size_t>(image.bufferView)];
    if (v.buffer < 0 || static_cast<std::size_t>(v.buffer) >= model.buffers.size())
      return ctx.error(pointer("bufferViews", static_cast<std::size_t>(image.bufferView), "buffer"), "does not exist");
    const std::vector<unsigned char>& data = model.buffers[static_cast<std::size_t>(v.buffer)].data;
    if (v.byteOffset > data.size() || v.byteLength > data.size() - v.byteOffset)
      return ctx.error(pointer("bufferViews", static_cast<std::size_t>(image.bufferView)),
                       "runs past buffer " + std::to_string(v.buffer) + " (" + std::to_string(data.size()) + " bytes)");
    return std::span<const std::uint8_t>(data.data() + v.byteOffset, v.byteLength);
  }
  if (!image.image.empty()) return std::span<const std::uint8_t>(image.image);  // a data URI tinygltf decoded
  if (image.uri.empty() || isDataUri(image.uri)) return ctx.error(at, "holds no image data");
  auto file = resolveUri(image.uri, ctx, at + "/uri");
  if (!file) return file.error();
  std::ifstream in(file->path, std::ios::binary);
  storage.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return ctx.error(at + "/uri", quote(image.uri) + " cannot be read");
  return std::span<const std::uint8_t>(storage);
}

}  // namespace

Result<std::vector<scenes::MeshImage>> decodeImages(const tinygltf::Model& model, Context& ctx) {
  std::vector<scenes::MeshImage> out;
  out.reserve(model.images.size());
  std::uint64_t pixels = 0;
  for (std::size_t i = 0; i < model.images.size(); ++i) {
    const std::string at = pointer("images", i);
    std::vector<std::uint8_t> storage;
    auto bytes = encoded(model, i, storage, ctx);
    if (!bytes) return bytes.error();
    if (!isPng(*bytes) && !isJpeg(*bytes)) return ctx.error(at, "is neither PNG nor JPEG");
    if (bytes->size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      return ctx.error(at, "is too large to decode");
    const int size = static_cast<int>(bytes->size());
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_memory(bytes->data(), size, &w, &h, &channels) || w <= 0 || h <= 0)
      return ctx.error(at, std::string("cannot be decoded: ") + stbi_failure_reason());
    if (static_cast<std::uint64_t>(w) > ctx.limits.maxImageSide || static_cast<std::uint64_t>(h) > ctx.limits.maxImageSide)
      return ctx.error(at, std::to_string(w) + "x" + std::to_string(h) + " pixels; each side is limited to " +
                               std::to_string(ctx.limits.maxImageSide));
    pixels += static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h);
    if (pixels > ctx.limits.maxImagePixels)
      return ctx.error(at, "the set's images reach " + std::to_string(pixels) + " pixels, over the limit of " +
                               std::to_string(ctx.limits.maxImagePixels));
    int dw = 0, dh = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> rgba(stbi_load_from_memory(bytes->data(), size, &dw, &dh, &channels, 4),
                                                  &stbi_image_free);
    if (!rgba) return ctx.error(at, std::string("cannot be decoded: ") + stbi_failure_reason());
    if (dw != w || dh != h) return ctx.error(at, "decodes to a size other than its header's");
    scenes::MeshImage image;
    image.name = !model.images[i].name.empty() ? model.images[i].name
                 : !model.images[i].uri.empty()   ? model.images[i].uri
                                                  : "image " + std::to_string(i);
    image.width = static_cast<std::uint32_t>(w);
    image.height = static_cast<std::uint32_t>(h);
    image.rgba.assign(rgba.get(), rgba.get() + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    out.push_back(std::move(image));
  }
  return out;
}

}  // namespace ps::media::gltf
