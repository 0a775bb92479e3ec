#pragma once
// Shared pieces of the benchmarks: statistics and reading the ffmpeg CLI's report.
#include <optional>
#include <string>
#include <vector>

namespace ps::tools {

double median(std::vector<double> values);

// What `ffmpeg -benchmark` printed: the last "frame=" count and "bench: utime= stime= rtime=".
struct FfmpegBenchReport {
  std::optional<long long> frames;
  std::optional<double> realSeconds;
  std::optional<double> cpuSeconds;  // utime + stime: all of its threads
};
FfmpegBenchReport parseFfmpegBenchmark(const std::string& output);

// "ratio 0.97 (target >= 0.95: met)"
std::string ratioLine(double ratio, const std::string& target, bool met);

}  // namespace ps::tools
