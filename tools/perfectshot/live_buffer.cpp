#include "live_buffer.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace ps::tools {

Result<LiveBuffer> LiveBuffer::make(double minutes, const std::string& dir) {
  media::LiveRingOptions ring;
  ring.keepSeconds = minutes * 60.0;
  if (!dir.empty()) {
    ring.dir = dir;
    return LiveBuffer(std::move(ring), false);
  }
  std::error_code ec;
  const std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
  if (ec) return Error{"--live-buffer-dir", "no temporary folder to keep the live feed in: " + ec.message(), "name one"};
  std::string pattern = (tmp / "perfectshot-live-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    return Error{pattern, std::string("mkdtemp: ") + std::strerror(errno), "name a folder with --live-buffer-dir"};
  ring.dir = pattern;
  return LiveBuffer(std::move(ring), true);
}

LiveBuffer::LiveBuffer(LiveBuffer&& other) noexcept : ring_(std::move(other.ring_)), ownsFolder_(other.ownsFolder_) {
  other.ownsFolder_ = false;
}

LiveBuffer::~LiveBuffer() {
  if (!ownsFolder_) return;
  std::error_code ec;
  std::filesystem::remove_all(ring_.dir, ec);
}

}  // namespace ps::cli
