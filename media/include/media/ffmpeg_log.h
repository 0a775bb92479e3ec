#pragma once
// FFmpeg's own messages (av_log) into spdlog, at the matching level.

namespace ps::media {

// Installs the route once per process; every call after the first does nothing.
// av_log's callback is global to the process, so this is too; it is safe to be
// called from any thread, and FFmpeg calls the route from its decoder threads.
// VideoSource::open calls it.
void routeFfmpegLogToSpdlog();

// While one lives, FFmpeg's lines about one context (a live connection's demuxer or decoder, from
// whatever thread logs them: slice threads too) go to the debug level: a live transport loses
// data now and then, and its damage is counted and said by the feed, not line by line; HLS says
// each segment it opens. Several may name the same context.
class FfmpegQuietContext {
 public:
  explicit FfmpegQuietContext(const void* context);
  ~FfmpegQuietContext();
  FfmpegQuietContext(const FfmpegQuietContext&) = delete;
  FfmpegQuietContext& operator=(const FfmpegQuietContext&) = delete;

 private:
  const void* context_;
};

// While one lives, FFmpeg's error and warning lines logged on this thread go to the debug level:
// joining a live stream mid-GOP, the demuxer and the prober complain about the pictures before
// the first keyframe, which is expected and not the user's concern. Nests.
class FfmpegQuietScope {
 public:
  FfmpegQuietScope();
  ~FfmpegQuietScope();
  FfmpegQuietScope(const FfmpegQuietScope&) = delete;
  FfmpegQuietScope& operator=(const FfmpegQuietScope&) = delete;
};

}  // namespace ps::media
