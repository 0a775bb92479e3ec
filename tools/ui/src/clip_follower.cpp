#include "ui/clip_follower.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "media/video_source.h"

namespace ps::ui {

struct ClipFollower::Decoder {
  media::VideoSource source;
  std::string url;
};

Result<std::unique_ptr<ClipFollower>> ClipFollower::open(const std::string& url, media::TrackTiming timing,
                                                        std::uint32_t maxWidth) {
  // One decoder thread: the clip is small and must not take the cores the plate's decoder uses.
  auto source = media::VideoSource::open(url, media::DecodeOptions{.threads = 1, .frameThreads = false,
                                                                   .strict = false, .manifestLayout = {}});
  if (!source) return source.error();
  const media::StreamInfo& info = source->info();
  if (info.width <= 0 || info.height <= 0 || info.durationSeconds <= 0)
    return Error{url, "the film clip has no picture or no duration", "give the camera a flat video clip"};
  const double frameSeconds = info.frameRate.valid() ? 1.0 / info.frameRate.toDouble() : 1.0 / 24;
  // Inside a maxWidth square: a clip far taller than wide must not make a picture taller than
  // the device's images can be.
  const double scale = std::min({1.0, maxWidth / static_cast<double>(info.width),
                                 maxWidth / static_cast<double>(info.height)});
  const auto w = static_cast<std::uint32_t>(std::max<long>(1, std::lround(info.width * scale)));
  const auto h = static_cast<std::uint32_t>(std::max<long>(1, std::lround(info.height * scale)));
  const double duration = info.durationSeconds;
  auto decoder = std::make_unique<Decoder>(Decoder{std::move(*source), url});
  timing.mediaEndSeconds = duration;
  return std::unique_ptr<ClipFollower>(new ClipFollower(std::move(decoder), timing, duration, frameSeconds, w, h));
}

ClipFollower::ClipFollower(std::unique_ptr<Decoder> decoder, media::TrackTiming timing, double duration,
                           double frameSeconds, std::uint32_t width, std::uint32_t height)
    : decoder_(std::move(decoder)),
      timing_(timing),
      duration_(duration),
      frameSeconds_(frameSeconds),
      width_(width),
      height_(height),
      worker_([this](std::stop_token stop) { run(stop); }) {}

ClipFollower::~ClipFollower() {
  worker_.request_stop();
  wake_.notify_all();
}

std::int64_t ClipFollower::indexOf(double clipSeconds) const {
  return static_cast<std::int64_t>(std::floor(clipSeconds / frameSeconds_ + 1e-6));
}

void ClipFollower::request(double clipSeconds) {
  std::lock_guard lock(mutex_);
  showing_ = inside(clipSeconds);
  if (!showing_) return;
  if (latest_ && latest_->frame == indexOf(clipSeconds)) {
    wanted_.reset();  // already shown
    return;
  }
  wanted_ = clipSeconds;
  wake_.notify_one();
}

void ClipFollower::hide() {
  std::lock_guard lock(mutex_);
  showing_ = false;
  wanted_.reset();
}

// Before its start the clip's time may still lie inside it (an offset into the clip): the
// place says whether it shows, not the time.
void ClipFollower::follow(double shotSeconds) {
  const media::TrackTime t = timing_.at(shotSeconds);
  if (t.inside())
    request(t.mediaSeconds);
  else
    hide();
}

std::shared_ptr<const Thumbnail> ClipFollower::followAndWait(double shotSeconds, std::chrono::milliseconds timeout) {
  const media::TrackTime t = timing_.at(shotSeconds);
  if (t.inside()) return wait(t.mediaSeconds, timeout);
  hide();
  return nullptr;
}

std::shared_ptr<const Thumbnail> ClipFollower::latest() const {
  std::lock_guard lock(mutex_);
  return showing_ ? latest_ : nullptr;
}

std::shared_ptr<const Thumbnail> ClipFollower::wait(double clipSeconds, std::chrono::milliseconds timeout) {
  request(clipSeconds);
  std::unique_lock lock(mutex_);
  if (!inside(clipSeconds)) return nullptr;
  const std::int64_t index = indexOf(clipSeconds);
  done_.wait_for(lock, timeout, [&] { return latest_ && latest_->frame == index; });
  return latest_ && latest_->frame == index ? latest_ : nullptr;
}

void ClipFollower::run(std::stop_token stop) {
  for (;;) {
    double t = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, stop, [&] { return wanted_.has_value(); });
      if (stop.stop_requested()) return;
      t = *wanted_;
      wanted_.reset();
    }
    auto frame = decoder_->source.frameAt(t);
    if (!frame) {
      spdlog::warn("film clip: {}", frame.error().message());
      continue;
    }
    auto picture = std::make_shared<Thumbnail>(makeThumbnail(frame->view(), width_, height_));
    picture->seconds = frame->seconds;
    picture->frame = indexOf(t);  // the frame asked for: frameAt returned the one holding t
    {
      std::lock_guard lock(mutex_);
      latest_ = std::move(picture);
    }
    done_.notify_all();
  }
}

}  // namespace ps::ui
