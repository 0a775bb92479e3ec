#include "logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace ps::tools {

namespace {

std::shared_ptr<spdlog::sinks::sink> rotatingFile(const LogFileOptions& file) {
  if (file.path.empty()) {
    if (file.maxMiB != 0) throw std::invalid_argument("--log-max-mib needs --log-file");
    if (file.files != 0) throw std::invalid_argument("--log-files needs --log-file");
    return nullptr;
  }
  const std::uint64_t mib = file.maxMiB != 0 ? file.maxMiB : LogFileOptions::kDefaultMaxMiB;
  const std::uint64_t files = file.files != 0 ? file.files : LogFileOptions::kDefaultFiles;
  if (mib > LogFileOptions::kMostMiB)
    throw std::invalid_argument(fmt::format("--log-max-mib {} is more than {}", mib, LogFileOptions::kMostMiB));
  if (files > LogFileOptions::kMostFiles)
    throw std::invalid_argument(fmt::format("--log-files {} is more than {}", files, LogFileOptions::kMostFiles));
  try {
    auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.path, mib * 1024 * 1024, files);
    // Weeks of log: the date too.
    sink->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
    return sink;
  } catch (const spdlog::spdlog_ex& e) {
    throw std::invalid_argument("--log-file " + file.path + ": " + e.what());
  }
}

}  // namespace

void setupLogging(const std::string& level, const LogFileOptions& file) {
  std::shared_ptr<spdlog::sinks::sink> fileSink = rotatingFile(file);
  // stderr, so a command's own output on stdout (probe, bench) stays machine-readable.
  auto stderrSink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  stderrSink->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
  std::vector<spdlog::sink_ptr> sinks{stderrSink};
  if (fileSink) sinks.push_back(fileSink);
  auto logger = std::make_shared<spdlog::logger>("perfectshot", sinks.begin(), sinks.end());
  // A process killed outright (kill -9, a watchdog) keeps what it logged up to then; nothing
  // is logged per frame at info, so this costs little.
  if (fileSink) logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace ps::tools
