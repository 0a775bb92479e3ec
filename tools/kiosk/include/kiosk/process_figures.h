#pragma once
// What a long-running process holds, read from /proc/self: resident memory, open file
// descriptors, threads. The kiosk's memory curve and its soak test sample them between visits.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>

namespace ps::kiosk {

struct ProcessFigures {
  std::uint64_t rssKiB = 0;   // VmRSS
  std::uint64_t fds = 0;      // entries of /proc/self/fd
  std::uint64_t threads = 0;  // Threads
};

ProcessFigures readProcessFigures();

// One line per sample, "visits rss_kib fds threads", with a header: what `--memory-log` writes.
class MemoryCurve {
 public:
  // Opens (truncates) `file`; throws std::runtime_error naming it when it cannot.
  explicit MemoryCurve(const std::filesystem::path& file);
  void sample(std::uint64_t visits);

 private:
  std::ofstream out_;
};

}  // namespace ps::kiosk
