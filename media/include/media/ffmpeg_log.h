#pragma once
// FFmpeg's own messages (av_log) into spdlog, at the matching level.

namespace ps::media {

// Installs the route once per process; every call after the first does nothing.
// av_log's callback is global to the process, so this is too; it is safe to be
// called from any thread, and FFmpeg calls the route from its decoder threads.
// VideoSource::open calls it.
void routeFfmpegLogToSpdlog();

}  // namespace ps::media
