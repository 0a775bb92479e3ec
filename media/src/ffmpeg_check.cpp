#include "ffmpeg_check.h"

#include <cerrno>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
}

#include "log.h"

namespace ps::media {

namespace {
thread_local FfmpegLogCapture* currentCapture = nullptr;
}

std::string ffmpegErrorText(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(code, buf, sizeof buf) < 0) return "FFmpeg error " + std::to_string(code);
  return buf;
}

bool isAgain(int code) { return code == AVERROR(EAGAIN); }
bool isEndOfFile(int code) { return code == AVERROR_EOF; }
bool isNoSuchFile(int code) { return code == AVERROR(ENOENT); }
bool isInvalidData(int code) { return code == AVERROR_INVALIDDATA; }

Error ffmpegError(std::string where, std::string_view call, int code, std::string hint) {
  Error e{std::move(where), std::string(call) + ": " + ffmpegErrorText(code), std::move(hint)};
  log().error("{}", e.message());
  return e;
}

Status checked(int code, std::string_view call, const std::string& where) {
  if (code >= 0) return ok();
  return ffmpegError(where, call, code);
}

FfmpegLogCapture::FfmpegLogCapture() : previous_(currentCapture) { currentCapture = this; }
FfmpegLogCapture::~FfmpegLogCapture() { currentCapture = previous_; }

void FfmpegLogCapture::offer(int level, std::string_view line) {
  if (currentCapture == nullptr || level > AV_LOG_ERROR) return;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  // Drop FFmpeg's "[mov,mp4,... @ 0x55d0...] " prefixes: the caller names the file.
  while (line.size() > 1 && line.front() == '[' && line.find("] ") != std::string_view::npos) {
    line.remove_prefix(line.find("] ") + 2);
  }
  if (line.empty()) return;
  std::string& t = currentCapture->text_;
  if (!t.empty()) t += "; ";
  t += line;
}

}  // namespace ps::media
