#pragma once
// A child process (the ffmpeg CLI, for a benchmark) with one end of a pipe: we write its stdin,
// or read its stdout. It gets SIGKILL when this process dies, and when this object goes.
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

#include "scenes/result.h"

namespace ps::tools {

class PipedChild {
 public:
  enum class Pipe { Stdin, Stdout };
  // Starts argv (no shell); its stderr goes to stderrFile. The other standard stream is /dev/null.
  static Result<PipedChild> start(const std::vector<std::string>& argv, Pipe pipe, const std::string& stderrFile);
  PipedChild(PipedChild&& other) noexcept;
  PipedChild& operator=(PipedChild&&) = delete;
  PipedChild(const PipedChild&) = delete;
  ~PipedChild();

  // Writes all of data to its stdin; false once it is gone.
  bool write(const void* data, std::size_t size);
  // Reads exactly size bytes from its stdout; false at its end.
  bool read(void* data, std::size_t size);
  // Closes our end of the pipe (its stdin sees the end) and waits for it; its exit status.
  int finish();

 private:
  PipedChild(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  pid_t pid_ = -1;
  int fd_ = -1;
};

}  // namespace ps::tools
