#include "kiosk/process_figures.h"

#include <stdexcept>
#include <string>

namespace ps::kiosk {

ProcessFigures readProcessFigures() {
  ProcessFigures f;
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") status >> f.rssKiB;
    else if (key == "Threads:") status >> f.threads;
    status.ignore(1 << 16, '\n');
  }
  std::error_code ec;
  // The iterator's own descriptor is one of them while it lists: counted out.
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    ++f.fds;
  if (f.fds > 0) --f.fds;
  return f;
}

MemoryCurve::MemoryCurve(const std::filesystem::path& file) : out_(file) {
  if (!out_) throw std::runtime_error(file.string() + ": cannot write the memory curve");
  out_ << "visits rss_kib fds threads\n";
  out_.flush();
}

void MemoryCurve::sample(std::uint64_t visits) {
  const ProcessFigures f = readProcessFigures();
  out_ << visits << ' ' << f.rssKiB << ' ' << f.fds << ' ' << f.threads << '\n';
  out_.flush();
}

}  // namespace ps::kiosk
