#include "media/ffmpeg_log.h"

#include <cstdarg>
#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

#include "ffmpeg_check.h"
#include "log.h"

namespace ps::media {

namespace {

spdlog::level::level_enum spdlogLevel(int avLevel) {
  if (avLevel <= AV_LOG_FATAL) return spdlog::level::critical;
  if (avLevel <= AV_LOG_ERROR) return spdlog::level::err;
  if (avLevel <= AV_LOG_WARNING) return spdlog::level::warn;
  if (avLevel <= AV_LOG_INFO) return spdlog::level::info;
  if (avLevel <= AV_LOG_VERBOSE) return spdlog::level::debug;
  return spdlog::level::trace;
}

// FFmpeg may log one line in several calls; each thread assembles its own
// line, so messages from decoder threads do not interleave mid-line.
thread_local std::string pendingLine;
thread_local int printPrefix = 1;
thread_local int quietScopes = 0;

std::mutex quietMutex;
std::vector<const void*> quietContexts;  // FfmpegQuietContext's, a few at most

bool isQuiet(const void* avcl) {
  if (quietScopes > 0) return true;
  if (avcl == nullptr) return false;
  std::lock_guard lock(quietMutex);
  return std::find(quietContexts.begin(), quietContexts.end(), avcl) != quietContexts.end();
}

void route(void* avcl, int level, const char* fmt, va_list args) {
  if (level > av_log_get_level()) return;
  const bool quiet = level <= AV_LOG_INFO && isQuiet(avcl);
  const spdlog::level::level_enum lvl = quiet ? spdlog::level::debug : spdlogLevel(level);
  if (!log().should_log(lvl) && (level > AV_LOG_ERROR || quiet)) return;
  char buf[1024];
  av_log_format_line2(avcl, level, fmt, args, buf, sizeof buf, &printPrefix);
  pendingLine += buf;
  if (pendingLine.empty() || pendingLine.back() != '\n') return;
  pendingLine.pop_back();
  FfmpegLogCapture::offer(level, pendingLine);
  log().log(lvl, "ffmpeg: {}", pendingLine);
  pendingLine.clear();
}

}  // namespace

FfmpegQuietContext::FfmpegQuietContext(const void* context) : context_(context) {
  std::lock_guard lock(quietMutex);
  quietContexts.push_back(context_);
}

FfmpegQuietContext::~FfmpegQuietContext() {
  std::lock_guard lock(quietMutex);
  const auto it = std::find(quietContexts.begin(), quietContexts.end(), context_);
  if (it != quietContexts.end()) quietContexts.erase(it);
}

FfmpegQuietScope::FfmpegQuietScope() { ++quietScopes; }
FfmpegQuietScope::~FfmpegQuietScope() { --quietScopes; }

void routeFfmpegLogToSpdlog() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(route); });
}

}  // namespace ps::media
