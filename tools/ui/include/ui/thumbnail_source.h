#pragma once
// Thumbnails of a shot for the scrubber's drag preview, decoded on a worker thread so the
// player loop never waits for them:
// - from the shot's all-intra proxy when it has one (media::ProxyScrubber): the exact
//   frame under the cursor, one small decode each;
// - else from the plate's keyframes only: a request is rounded down to the keyframe grid
//   (the stream's keyframe interval, else one second), so each thumbnail costs one
//   keyframe's decode and a sweep of the cursor reuses a handful of them.
// Memory is bounded: an LRU of `capacity` thumbnails, plus one decoded frame in the worker.
// request() and nearest() are for the player loop's thread; they never block on decoding.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "scenes/rational.h"
#include "scenes/result.h"
#include "scenes/shot.h"
#include "ui/thumbnail.h"

namespace ps::ui {

struct ThumbnailOptions {
  std::uint32_t width = 256, height = 128;  // an equirect's 2:1
  std::size_t capacity = 48;                // thumbnails kept: 48 x 128 KiB = 6 MiB at most
  Rational fps{30, 1};                      // the shot's timeline: frame numbers of thumbnails
};

class ThumbnailSource {
 public:
  // From the proxy of `plate` when it has one, else from the plate's keyframes.
  static Result<std::unique_ptr<ThumbnailSource>> open(const scenes::MediaRef& plate, const ThumbnailOptions& options);
  // From a video's keyframes (no shot, or no proxy).
  static Result<std::unique_ptr<ThumbnailSource>> openKeyframes(const std::string& url,
                                                                const ThumbnailOptions& options);
  ThumbnailSource(const ThumbnailSource&) = delete;
  ThumbnailSource& operator=(const ThumbnailSource&) = delete;
  ~ThumbnailSource();  // stops the worker (waits for the decode in progress)

  bool fromProxy() const { return fromProxy_; }
  // Asks for the thumbnail at a shot time; a later request replaces one not yet started.
  void request(double seconds);
  // The cached thumbnail for that time's key if decoded, else the last one decoded (so the
  // preview keeps showing something while the cursor runs ahead); null before the first.
  std::shared_ptr<const Thumbnail> nearest(double seconds);
  // Blocks until the thumbnail for that time's key is cached, or the timeout: for offline
  // use and tests (the player loop uses request and nearest). Null on timeout.
  std::shared_ptr<const Thumbnail> wait(double seconds, std::chrono::milliseconds timeout);
  // Thumbnails decoded so far, and those in the cache now (for tests and logs).
  std::uint64_t decoded() const;
  std::size_t cached() const;

 private:
  struct Decoder;
  ThumbnailSource(std::unique_ptr<Decoder> decoder, bool fromProxy, double keySeconds, const ThumbnailOptions& options);
  std::int64_t keyOf(double seconds) const;
  void run(std::stop_token stop);

  std::unique_ptr<Decoder> decoder_;  // used by the worker only
  const bool fromProxy_;
  const double keySeconds_;  // the grid requests are rounded to
  const ThumbnailOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable_any wake_;  // the worker: a request came
  std::condition_variable_any done_;  // waiters: a thumbnail was decoded
  std::optional<std::int64_t> wanted_;  // key of the latest request not yet decoded
  // Most recently used first.
  std::list<std::pair<std::int64_t, std::shared_ptr<const Thumbnail>>> cache_;
  std::shared_ptr<const Thumbnail> last_;
  std::uint64_t decoded_ = 0;
  std::jthread worker_;  // last: starts after everything it uses, stops first
};

}  // namespace ps::ui
