#pragma once
// Running a command from a test and looking at what it said.
#include <string>
#include <vector>

namespace ps::test {

struct ProcessResult {
  int exitCode = -1;   // -1 when it did not exit normally (signal)
  std::string output;  // stdout and stderr interleaved
};

// Runs argv[0] with the arguments (no shell), waits for it, captures its output.
ProcessResult run(const std::vector<std::string>& argv);
// Runs a shell command line; for pipelines built in tests.
ProcessResult runShell(const std::string& commandLine);

}  // namespace ps::test
