#include "make_set/sequence_atlas.h"

#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ps::make_set {

namespace {

// One argument for the shell, single-quoted.
std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::vector<std::uint8_t> atlasFrameRgb(std::size_t index) {
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(kAtlasWidth) * kAtlasHeight * 3, 255);
  for (int y = 0; y < 2 * kStampBlock; ++y)
    for (int x = 0; x < kAtlasWidth; ++x) {
      const bool set = y < kStampBlock && ((index >> (x / kStampBlock)) & 1u);
      std::uint8_t* px = &rgb[(static_cast<std::size_t>(y) * kAtlasWidth + static_cast<std::size_t>(x)) * 3];
      px[0] = px[1] = px[2] = set ? 255 : 0;
    }
  return rgb;
}

std::string writeAtlasVideo(const std::string& path, std::size_t frames, const std::string& ffmpeg) {
  // Near-lossless so that the stamp's blocks stay clean black and white; B-frames and a GOP
  // of 8 so that reading it exercises reordering and seeks.
  const std::string command = shellQuote(ffmpeg) + " -hide_banner -loglevel error -y -f rawvideo -pix_fmt rgb24 -s " +
                              std::to_string(kAtlasWidth) + "x" + std::to_string(kAtlasHeight) +
                              " -r 30 -i - -c:v libx264 -preset veryfast -crf 8 -g 8 -bf 2 -pix_fmt yuv420p " +
                              shellQuote(path);
  FILE* pipe = ::popen(command.c_str(), "w");
  if (pipe == nullptr) return "cannot run " + ffmpeg + ": " + std::strerror(errno);
  bool written = true;
  for (std::size_t i = 0; i < frames && written; ++i) {
    const std::vector<std::uint8_t> rgb = atlasFrameRgb(i);
    written = std::fwrite(rgb.data(), 1, rgb.size(), pipe) == rgb.size();
  }
  const int status = ::pclose(pipe);
  if (!written) return ffmpeg + " stopped reading the atlas frames";
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return ffmpeg + " failed writing " + path + " (status " + std::to_string(status) + ")";
  return {};
}

}  // namespace ps::make_set
