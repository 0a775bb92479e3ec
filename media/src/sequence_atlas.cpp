#include "media/sequence_atlas.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include "frame_by_index.h"
#include "log.h"
#include "media/frame_rgba.h"

namespace ps::media {

namespace {

// Indices around `playhead` in order of cost (k ahead: 2k, k behind: 4k - 1), at most `count`.
std::vector<std::size_t> window(std::size_t playhead, int direction, std::size_t frames, std::size_t count) {
  std::vector<std::size_t> out;
  const auto n = static_cast<std::int64_t>(frames), p = static_cast<std::int64_t>(playhead);
  std::int64_t a = 0, b = 1;
  while (out.size() < count) {
    const std::int64_t ia = p + direction * a, ib = p - direction * b;
    const bool aIn = ia >= 0 && ia < n, bIn = ib >= 0 && ib < n;
    if (!aIn && !bIn) break;
    const bool takeA = aIn && (!bIn || 2 * a < 4 * b - 1);
    out.push_back(static_cast<std::size_t>(takeA ? ia : ib));
    (takeA ? a : b) += 1;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<SequenceAtlas>> SequenceAtlas::open(const std::string& url, std::size_t frames,
                                                           const SequenceAtlasOptions& options) {
  if (options.budgetMiB < 1) return Error{url, "the texture atlas's memory budget must be at least 1 MiB", ""};
  DecodeOptions decode;
  decode.threads = 1;
  auto source = VideoSource::open(url, decode);
  if (!source) return source.error();
  const StreamInfo& info = source->info();
  if (!(info.frameRate.toDouble() > 0)) return Error{url, "the texture video has no frame rate", ""};
  if (info.frameCount && *info.frameCount >= 0 && static_cast<std::size_t>(*info.frameCount) < frames)
    return Error{url,
                 "the texture video has " + std::to_string(*info.frameCount) + " frames, fewer than the mesh sequence's " +
                     std::to_string(frames) + " (frame i of the video textures mesh frame i)",
                 ""};
  std::unique_ptr<SequenceAtlas> atlas(new SequenceAtlas(std::move(*source), frames, options));
  if (options.prefetch == SequenceAtlasOptions::Prefetch::Thread)
    atlas->thread_ = std::thread([a = atlas.get()] { a->run(); });
  return atlas;
}

SequenceAtlas::SequenceAtlas(VideoSource source, std::size_t frames, const SequenceAtlasOptions& options)
    : source_(std::move(source)),
      info_(source_.info()),
      frames_(frames),
      options_(options),
      reader_(std::make_unique<FrameByIndex>(source_)) {
  frameBytes_ = static_cast<std::size_t>(std::max(info_.width, 1)) * static_cast<std::size_t>(std::max(info_.height, 1)) * 4;
}

SequenceAtlas::~SequenceAtlas() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::size_t SequenceAtlas::capacityLocked() const {
  return std::max<std::size_t>(2, (options_.budgetMiB << 20) / frameBytes_);
}

void SequenceAtlas::moveTo(std::size_t index) {
  std::lock_guard lock(mutex_);
  if (index == playhead_ || index >= frames_) return;
  direction_ = index > playhead_ ? 1 : -1;
  playhead_ = index;
  idleNow_ = false;
  wake_.notify_one();
}

std::shared_ptr<const scenes::MeshImage> SequenceAtlas::kept(std::size_t index) const {
  std::lock_guard lock(mutex_);
  const auto it = cache_.find(index);
  return it != cache_.end() ? it->second : nullptr;
}

std::vector<std::size_t> SequenceAtlas::keptIndices() const {
  std::lock_guard lock(mutex_);
  std::vector<std::size_t> out;
  for (const auto& [index, image] : cache_)
    if (image) out.push_back(index);
  return out;
}

SequenceAtlasStats SequenceAtlas::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::vector<std::string> SequenceAtlas::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

std::optional<std::size_t> SequenceAtlas::nextLocked() const {
  for (std::size_t i : window(playhead_, direction_, frames_, capacityLocked()))
    if (!cache_.count(i) && reading_ != i) return i;
  return std::nullopt;
}

void SequenceAtlas::readFrame(std::size_t index, std::unique_lock<std::mutex>& lock) {
  reading_ = index;
  lock.unlock();
  // The next frame is the cheapest way there; anything else is an exact seek.
  bool sequential = false;
  Result<DecodedFrame> frame = reader_->read(static_cast<std::int64_t>(index), sequential);
  std::shared_ptr<const scenes::MeshImage> image;
  std::string problem;
  if (!frame) {
    problem = frame.error().message();
  } else {
    image = std::make_shared<const scenes::MeshImage>(
        frameToRgba(frame->view(), "texture atlas frame " + std::to_string(index)));
  }
  lock.lock();
  reading_.reset();
  if (!image) {
    log().warn("texture atlas frame {}: {}", index, problem);
    problems_.push_back(problem);
    cache_[index] = nullptr;
    return;
  }
  ++stats_.decoded;
  if (!sequential) ++stats_.seeks;
  cache_[index] = std::move(image);
  // Only what the window around the playhead holds stays (and what does not decode, so that it
  // is not tried again).
  const std::vector<std::size_t> keep = window(playhead_, direction_, frames_, capacityLocked());
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second && std::find(keep.begin(), keep.end(), it->first) == keep.end()) it = cache_.erase(it);
    else ++it;
  }
}

bool SequenceAtlas::pumpOne() {
  if (thread_.joinable()) return false;
  std::unique_lock lock(mutex_);
  const auto next = nextLocked();
  if (!next) return false;
  readFrame(*next, lock);
  return true;
}

bool SequenceAtlas::waitIdle(double timeoutSeconds) {
  std::unique_lock lock(mutex_);
  if (!thread_.joinable()) return !nextLocked();
  return idle_.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] { return idleNow_; });
}

void SequenceAtlas::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    const auto next = nextLocked();
    if (!next) {
      idleNow_ = true;
      idle_.notify_all();
      wake_.wait(lock, [&] { return stop_ || !idleNow_; });
      continue;
    }
    readFrame(*next, lock);
  }
}

}  // namespace ps::media
