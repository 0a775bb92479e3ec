#pragma once
// Running the ffmpeg CLI as a long job: its `-progress pipe:1` report is read as it
// comes, the caller may stop it at any moment, and it cannot outlive us (it gets
// SIGKILL when this process dies, even by SIGKILL), so nothing keeps writing into a
// folder that is being cleaned up.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "scenes/result.h"

namespace ps::tools {

struct FfmpegJobResult {
  bool stopped = false;                 // shouldStop() said so and the child was killed
  int exitCode = -1;                    // -1: ended by a signal
  std::vector<std::string> errorLines;  // its last few complete stderr lines, oldest first

  // errorLines on one line, joined by " / "; empty when it said nothing.
  std::string errorSummary() const;
};

// The last (at most) maxLines complete, non-empty lines of text. A first line that
// is not known to start at a line start (partialStart) is left out.
std::vector<std::string> lastLines(std::string_view text, std::size_t maxLines, bool partialStart);

// Runs argv (argv[0] = "ffmpeg"; must contain "-progress pipe:1"). onProgress gets the
// media time reached, in seconds, at each progress block; shouldStop is polled about
// ten times a second. An Error when it cannot be started.
Result<FfmpegJobResult> runFfmpegJob(const std::vector<std::string>& argv,
                                     const std::function<void(double outSeconds)>& onProgress,
                                     const std::function<bool()>& shouldStop);

}  // namespace ps::tools
