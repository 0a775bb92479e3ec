#pragma once
// The ffmpeg CLI as a child process fed raw frames on its stdin (an encoder) or giving raw
// frames on its stdout (a decoder). No shell: argv is passed as is. The child is killed and
// reaped if the pipe is destroyed before finish().
#include <sys/types.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "scenes/result.h"

namespace ps::make_rgbd {

class FfmpegPipe {
 public:
  enum class Direction { ToChild, FromChild };
  // Starts argv (argv[0] looked up on PATH); its stderr is ours.
  static Result<FfmpegPipe> start(const std::vector<std::string>& argv, Direction direction);

  FfmpegPipe(FfmpegPipe&& other) noexcept;
  FfmpegPipe& operator=(FfmpegPipe&&) = delete;
  FfmpegPipe(const FfmpegPipe&) = delete;
  FfmpegPipe& operator=(const FfmpegPipe&) = delete;
  ~FfmpegPipe();

  // ToChild: all of bytes, false when the child stopped reading.
  bool write(std::span<const std::uint8_t> bytes);
  // FromChild: exactly bytes.size() bytes; false at the end of its output (or a short frame).
  bool read(std::span<std::uint8_t> bytes);
  // Closes our end and waits: an Error naming the program when it did not exit 0.
  Status finish();

 private:
  FfmpegPipe(pid_t pid, int fd, std::string name) : pid_(pid), fd_(fd), name_(std::move(name)) {}
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string name_;
};

}  // namespace ps::make_rgbd
