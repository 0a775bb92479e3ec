#pragma once
// The checked-call helper for FFmpeg: every return code is looked at, and a
// failure becomes an Error whose text names the call and FFmpeg's reason, e.g.
// "clip.mp4: avcodec_send_packet: Invalid data found when processing input".
// Wraps FFmpeg's error macros (AVERROR, av_err2str) so no caller needs them.
#include <string>
#include <string_view>

#include "scenes/result.h"

namespace ps::media {

std::string ffmpegErrorText(int code);  // av_strerror, as a string
bool isAgain(int code);                 // AVERROR(EAGAIN)
bool isEndOfFile(int code);             // AVERROR_EOF
bool isNoSuchFile(int code);            // AVERROR(ENOENT)
bool isInvalidData(int code);           // AVERROR_INVALIDDATA

// The error for a failed call; also logged. where: the file (and frame).
Error ffmpegError(std::string where, std::string_view call, int code, std::string hint = {});

// ok() when code >= 0, else ffmpegError(...).
Status checked(int code, std::string_view call, const std::string& where);

// Collects the error-level lines FFmpeg logs on this thread while it lives,
// because FFmpeg often says why only in its log ("moov atom not found") and
// returns a generic code. Demuxing runs on the caller's thread, so this sees
// the demuxer's messages; decoder threads' messages are not caught.
class FfmpegLogCapture {
 public:
  FfmpegLogCapture();
  ~FfmpegLogCapture();
  FfmpegLogCapture(const FfmpegLogCapture&) = delete;
  FfmpegLogCapture& operator=(const FfmpegLogCapture&) = delete;

  // The lines so far, joined with "; " (without trailing newlines). Empty if none.
  const std::string& text() const { return text_; }

  // Called by the log route on the logging thread.
  static void offer(int level, std::string_view line);

 private:
  std::string text_;
  FfmpegLogCapture* previous_;
};

}  // namespace ps::media
