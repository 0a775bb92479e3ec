#include "bench_common.h"

#include <algorithm>
#include <cstdio>
#include <regex>

namespace ps::tools {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

FfmpegBenchReport parseFfmpegBenchmark(const std::string& output) {
  FfmpegBenchReport r;
  static const std::regex frameRe(R"(frame=\s*(\d+))");
  static const std::regex rtimeRe(R"(bench:.*rtime=([0-9.]+)s)");
  for (auto it = std::sregex_iterator(output.begin(), output.end(), frameRe); it != std::sregex_iterator(); ++it)
    r.frames = std::stoll((*it)[1].str());
  std::smatch m;
  if (std::regex_search(output, m, rtimeRe)) r.realSeconds = std::stod(m[1].str());
  static const std::regex cpuRe(R"(bench:.*utime=([0-9.]+)s\s+stime=([0-9.]+)s)");
  if (std::regex_search(output, m, cpuRe)) r.cpuSeconds = std::stod(m[1].str()) + std::stod(m[2].str());
  return r;
}

std::string ratioLine(double ratio, const std::string& target, bool met) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "ratio %.3f (target %s: %s)", ratio, target.c_str(), met ? "met" : "NOT met");
  return buf;
}

}  // namespace ps::tools
