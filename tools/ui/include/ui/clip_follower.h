#pragma once
// A flat video that follows the shot's playhead: the film clip shown inside the film camera's
// frame, a track of the transport placed on shot time by its TrackTiming (the clip's start;
// its end is its duration). The player loop asks for a shot time every frame (follow) and shows the latest
// picture decoded (latest); a worker thread decodes, so the loop never waits. Forward play is
// sequential decoding (VideoSource::frameAt only seeks when it must); a jump is one exact seek.
// Before the clip starts and after it ends there is no picture (nothing in the frame).
// Memory: one decoded frame in the worker and two RGBA pictures.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "media/track_timing.h"
#include "scenes/result.h"
#include "ui/thumbnail.h"

namespace ps::ui {

class ClipFollower {
 public:
  // maxWidth: the picture is made at most this wide and this high (the frame rarely covers more pixels).
  // timing: where the clip lies on shot time; its end is set from the clip's duration.
  static Result<std::unique_ptr<ClipFollower>> open(const std::string& url, media::TrackTiming timing = {},
                                                    std::uint32_t maxWidth = 640);
  ClipFollower(const ClipFollower&) = delete;
  ClipFollower& operator=(const ClipFollower&) = delete;
  ~ClipFollower();  // stops the worker (waits for the decode in progress)

  double durationSeconds() const { return duration_; }
  const media::TrackTiming& timing() const { return timing_; }
  // The transport's shot time: the clip's time there through timing(); nothing before the
  // clip starts or after it ends.
  void follow(double shotSeconds);
  // The same, blocking as wait() does.
  std::shared_ptr<const Thumbnail> followAndWait(double shotSeconds, std::chrono::milliseconds timeout);
  // The clip time to show; a later request replaces one not yet started. Outside
  // [0, duration) the clip shows nothing.
  void request(double clipSeconds);
  // The latest picture decoded for a request still in the clip; null outside it or before
  // the first. Its `frame` is the clip's frame index.
  std::shared_ptr<const Thumbnail> latest() const;
  // Blocks until the picture for that clip time is decoded, or the timeout (offline use, tests).
  std::shared_ptr<const Thumbnail> wait(double clipSeconds, std::chrono::milliseconds timeout);

 private:
  struct Decoder;
  ClipFollower(std::unique_ptr<Decoder> decoder, media::TrackTiming timing, double duration, double frameSeconds,
               std::uint32_t width, std::uint32_t height);
  void hide();  // outside the clip's span on shot time: nothing to show
  bool inside(double clipSeconds) const { return clipSeconds >= 0 && clipSeconds < duration_; }
  std::int64_t indexOf(double clipSeconds) const;
  void run(std::stop_token stop);

  std::unique_ptr<Decoder> decoder_;  // the worker's
  const media::TrackTiming timing_;
  const double duration_;
  const double frameSeconds_;
  const std::uint32_t width_, height_;

  mutable std::mutex mutex_;
  std::condition_variable_any wake_, done_;
  std::optional<double> wanted_;  // the latest request not yet decoded
  bool showing_ = false;          // the latest request was inside the clip
  std::shared_ptr<const Thumbnail> latest_;
  std::jthread worker_;  // last: starts after everything it uses, stops first
};

}  // namespace ps::ui
