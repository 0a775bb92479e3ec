#pragma once
#include <cstdint>
#include <string>

namespace ps::tools {

// Where the log goes besides stderr: a file that rotates at a size, keeping a bounded number
// of older files (path.1, path.2, ...), so a player left running for weeks has a bounded log.
struct LogFileOptions {
  std::string path;                 // empty: stderr only
  std::uint64_t maxMiB = 0;         // per file; 0: the default
  std::uint64_t files = 0;          // rotated files kept besides the current one; 0: the default
  static constexpr std::uint64_t kDefaultMaxMiB = 16;
  static constexpr std::uint64_t kDefaultFiles = 4;
  static constexpr std::uint64_t kMostMiB = 4096;
  static constexpr std::uint64_t kMostFiles = 100;
};

// Sets up spdlog for the process: messages to stderr, at the given level
// ("trace", "debug", "info", "warn", "error", "off"), and to the rotating file when one is
// given. Throws std::invalid_argument naming the option when the file options make no sense
// (a size or count without a file, a file that cannot be opened).
void setupLogging(const std::string& level, const LogFileOptions& file = {});

}  // namespace ps::tools
