#include "png_writer.h"

#include <stb_image_write.h>

#include <string_view>
#include <vector>

#include "scenes/atomic_file.h"

namespace ps::tools {

namespace {
void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<unsigned char>*>(context);
  const auto* bytes = static_cast<const unsigned char*>(data);
  out->insert(out->end(), bytes, bytes + size);
}
}  // namespace

Status writePng(const std::filesystem::path& path, const engine::RgbaImage& image) {
  std::vector<unsigned char> png;
  const int w = static_cast<int>(image.width), h = static_cast<int>(image.height);
  if (!stbi_write_png_to_func(appendBytes, &png, w, h, 4, image.pixels.data(), w * 4))
    return Error{path.string(), "could not encode the PNG", ""};
  // A fresh, exclusively created temporary file: a link planted beside the target is never followed.
  return scenes::writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
}

}  // namespace ps::tools
