#pragma once
// Running a peer program (the ffmpeg CLI) for a benchmark, and timing it.
#include <string>
#include <vector>

#include "scenes/result.h"

namespace ps::tools {

struct SubprocessRun {
  int exitCode = -1;     // -1: killed by a signal
  double wallSeconds = 0;
  std::string output;    // stdout and stderr together
};

// Runs argv (no shell) to completion. An Error when it cannot be started.
Result<SubprocessRun> runSubprocess(const std::vector<std::string>& argv);

}  // namespace ps::tools
