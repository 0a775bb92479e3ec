#include "png_writer.h"

#include <fcntl.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

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

  const std::filesystem::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error{path.string(), std::string("cannot create: ") + std::strerror(errno), "does the folder exist?"};
  std::size_t done = 0;
  while (done < png.size()) {
    const ssize_t n = ::write(fd, png.data() + done, png.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error{path.string(), "cannot write: " + why, ""};
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Error{path.string(), std::string("cannot flush to disk: ") + std::strerror(errno), ""};
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Error{path.string(), "cannot move into place: " + why, ""};
  }
  return ok();
}

}  // namespace ps::tools
