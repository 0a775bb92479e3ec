#include "ui/thumbnail_source.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <variant>

#include "media/proxy_scrubber.h"
#include "media/video_source.h"
#include "ui/timecode.h"

namespace ps::ui {

struct ThumbnailSource::Decoder {
  std::variant<media::ProxyScrubber, media::VideoSource> source;
  Result<media::DecodedFrame> frameAt(double seconds) {
    return std::visit([&](auto& s) { return s.frameAt(seconds); }, source);
  }
};

namespace {

// Seconds between keyframes of a stream; one second when it does not say.
double keyframeSeconds(const media::StreamInfo& info) {
  if (info.keyframeInterval && *info.keyframeInterval > 0 && info.frameRate.valid())
    return *info.keyframeInterval / info.frameRate.toDouble();
  return 1.0;
}

}  // namespace

Result<std::unique_ptr<ThumbnailSource>> ThumbnailSource::open(const scenes::MediaRef& plate,
                                                               const ThumbnailOptions& options) {
  if (!plate.proxyPath.empty()) {
    auto proxy = media::ProxyScrubber::open(plate);
    if (proxy) {
      const double frameSeconds = proxy->info().frameRate.valid() ? 1.0 / proxy->info().frameRate.toDouble() : 1.0 / 30;
      auto decoder = std::make_unique<Decoder>(Decoder{std::move(*proxy)});
      return std::unique_ptr<ThumbnailSource>(new ThumbnailSource(std::move(decoder), true, frameSeconds, options));
    }
    spdlog::warn("timeline: the proxy does not open ({}); thumbnails from the plate's keyframes",
                 proxy.error().message());
  }
  return openKeyframes(plate.path.string(), options);
}

Result<std::unique_ptr<ThumbnailSource>> ThumbnailSource::openKeyframes(const std::string& url,
                                                                        const ThumbnailOptions& options) {
  // One decoder thread: thumbnails must not take the cores the playback decoder uses.
  auto source = media::VideoSource::open(url, media::DecodeOptions{.threads = 1, .frameThreads = false,
                                                                   .strict = false, .manifestLayout = {}});
  if (!source) return source.error();
  const double keySeconds = keyframeSeconds(source->info());
  auto decoder = std::make_unique<Decoder>(Decoder{std::move(*source)});
  return std::unique_ptr<ThumbnailSource>(new ThumbnailSource(std::move(decoder), false, keySeconds, options));
}

ThumbnailSource::ThumbnailSource(std::unique_ptr<Decoder> decoder, bool fromProxy, double keySeconds,
                                 const ThumbnailOptions& options)
    : decoder_(std::move(decoder)),
      fromProxy_(fromProxy),
      keySeconds_(keySeconds),
      options_(options),
      worker_([this](std::stop_token stop) { run(stop); }) {}

ThumbnailSource::~ThumbnailSource() {
  worker_.request_stop();
  wake_.notify_all();
}

std::int64_t ThumbnailSource::keyOf(double seconds) const {
  // A hair of slack so a time computed as n * key lands on key n, not n - 1.
  return static_cast<std::int64_t>(std::floor(seconds / keySeconds_ + 1e-6));
}

void ThumbnailSource::request(double seconds) {
  const std::int64_t key = keyOf(std::max(0.0, seconds));
  {
    std::lock_guard lock(mutex_);
    for (const auto& entry : cache_)
      if (entry.first == key) return;
    wanted_ = key;
  }
  wake_.notify_one();
}

std::shared_ptr<const Thumbnail> ThumbnailSource::nearest(double seconds) {
  const std::int64_t key = keyOf(std::max(0.0, seconds));
  std::lock_guard lock(mutex_);
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->first != key) continue;
    cache_.splice(cache_.begin(), cache_, it);  // most recently used
    return cache_.front().second;
  }
  return last_;
}

std::shared_ptr<const Thumbnail> ThumbnailSource::wait(double seconds, std::chrono::milliseconds timeout) {
  request(seconds);
  const std::int64_t key = keyOf(std::max(0.0, seconds));
  std::unique_lock lock(mutex_);
  std::shared_ptr<const Thumbnail> found;
  done_.wait_for(lock, timeout, [&] {
    for (const auto& entry : cache_)
      if (entry.first == key) found = entry.second;
    return found != nullptr;
  });
  return found;
}

std::uint64_t ThumbnailSource::decoded() const {
  std::lock_guard lock(mutex_);
  return decoded_;
}

std::size_t ThumbnailSource::cached() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

void ThumbnailSource::run(std::stop_token stop) {
  for (;;) {
    std::int64_t key = 0;
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [&] { return wanted_.has_value(); })) return;
      key = *std::exchange(wanted_, std::nullopt);
    }
    // The key's first instant: with the keyframe grid, a keyframe (one decode).
    const double seconds = static_cast<double>(key) * keySeconds_ + (fromProxy_ ? keySeconds_ / 2 : 0.0);
    auto frame = decoder_->frameAt(seconds);
    if (!frame) {
      spdlog::warn("timeline: no thumbnail at {:.3f} s: {}", seconds, frame.error().message());
      continue;
    }
    auto thumb = std::make_shared<Thumbnail>(makeThumbnail(frame->view(), options_.width, options_.height));
    thumb->seconds = frame->seconds;
    thumb->frame = frameAt(frame->seconds, options_.fps);
    std::lock_guard lock(mutex_);
    cache_.emplace_front(key, thumb);
    if (cache_.size() > options_.capacity) cache_.pop_back();
    last_ = std::move(thumb);
    ++decoded_;
    done_.notify_all();
  }
}

}  // namespace ps::ui
