#pragma once
// A command run in the background for the length of a test (a loopback stream sender): started
// in its own process group, its output to a file, killed with its group when the test ends.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ps::test {

class ChildProcess {
 public:
  // Starts argv (no shell); stdout and stderr go to outputFile. Throws when it cannot fork.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& outputFile);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();  // SIGKILL to the group and reaped, if still running

  pid_t pid() const { return pid_; }
  // Sends sig to its process group and waits for it; the exit status as waitpid gives it.
  int stop(int sig);

 private:
  pid_t pid_ = -1;
};

// A loopback port the kernel had free for `type` (SOCK_DGRAM, SOCK_STREAM) a moment ago: bound to
// 127.0.0.1:0 and closed. Another process could take it in between; nothing here holds a fixed one.
int freeLoopbackPort(int type);

}  // namespace ps::test
