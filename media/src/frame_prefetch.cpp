#include "media/frame_prefetch.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <utility>

#include "log.h"

namespace ps::media {

std::optional<std::size_t> sequenceFrameAt(const TrackTiming& timing, double fps, std::size_t frames,
                                           double shotSeconds) {
  const TrackTime t = timing.at(shotSeconds);
  if (!t.inside() || frames == 0) return std::nullopt;
  const double frame = std::floor(t.mediaSeconds * fps + 1e-6);
  if (frame < 0.0) return std::size_t{0};
  return std::min(static_cast<std::size_t>(frame), frames - 1);
}

std::string mibText(std::size_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

FramePrefetch::FramePrefetch(std::vector<std::string> names, Loader loader, std::size_t budgetBytes,
                             Prefetch prefetch, std::string what)
    : names_(std::move(names)), loader_(std::move(loader)), budgetBytes_(budgetBytes), what_(std::move(what)) {
  if (prefetch == Prefetch::Thread) thread_ = std::thread([this] { run(); });
}

FramePrefetch::~FramePrefetch() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::uint64_t FramePrefetch::costLocked(std::size_t index) const {
  const auto p = static_cast<std::int64_t>(playhead_);
  const std::int64_t ahead = (static_cast<std::int64_t>(index) - p) * direction_;
  return ahead >= 0 ? static_cast<std::uint64_t>(2 * ahead) : static_cast<std::uint64_t>(-4 * ahead - 1);
}

bool FramePrefetch::mayFitLocked(std::uint64_t cost) const {
  if (stats_.heldBytes + lastBytes_ <= budgetBytes_) return true;
  std::size_t freeable = 0;
  for (const auto& [index, entry] : cache_)
    if (entry.data && costLocked(index) > cost) freeable += entry.bytes;
  return stats_.heldBytes - freeable + lastBytes_ <= budgetBytes_;
}

std::optional<std::size_t> FramePrefetch::nextLocked() {
  const auto n = static_cast<std::int64_t>(frameCount());
  const auto p = static_cast<std::int64_t>(playhead_);
  std::int64_t a = 0, b = 1;  // steps ahead and behind, merged by cost
  while (true) {
    const std::int64_t ia = p + direction_ * a, ib = p - direction_ * b;
    const bool aIn = ia >= 0 && ia < n, bIn = ib >= 0 && ib < n;
    if (!aIn && !bIn) return std::nullopt;
    const std::uint64_t costA = static_cast<std::uint64_t>(2 * a), costB = static_cast<std::uint64_t>(4 * b - 1);
    const bool takeA = aIn && (!bIn || costA < costB);
    const std::int64_t i = takeA ? ia : ib;
    const std::uint64_t cost = takeA ? costA : costB;
    if (fullCost_ && cost >= *fullCost_) return std::nullopt;
    (takeA ? a : b) += 1;
    const auto index = static_cast<std::size_t>(i);
    if (cache_.count(index) || reading_ == index) continue;
    if (!mayFitLocked(cost)) {
      fullCost_ = cost;
      return std::nullopt;
    }
    return index;
  }
}

void FramePrefetch::reportLocked(std::size_t index, const std::string& what) {
  const std::string message = names_[index] + ": " + what;
  log().warn("{} frame {}: {}", what_, index, message);
  problems_.push_back(message);
  cache_[index] = Entry{};
}

void FramePrefetch::readFrame(std::size_t index, std::unique_lock<std::mutex>& lock) {
  reading_ = index;
  const std::string& name = names_[index];
  lock.unlock();
  auto loaded = loader_(index);
  lock.lock();
  reading_.reset();
  if (!loaded) {
    const Error& e = loaded.error();
    // Loaders name the file themselves; keep only what went wrong where inside it.
    const std::string where = e.where.rfind(name, 0) == 0 ? e.where.substr(name.size()) : e.where;
    reportLocked(index, (where.empty() ? "" : where + ": ") + e.what);
    return;
  }
  if (loaded->bytes > budgetBytes_) {
    reportLocked(index, "decodes to " + mibText(loaded->bytes) + ", more than the sequence's whole memory budget of " +
                            mibText(budgetBytes_));
    return;
  }
  ++stats_.decoded;
  lastBytes_ = loaded->bytes;
  keepLocked(index, Entry{std::move(loaded->data), loaded->bytes});
}

void FramePrefetch::keepLocked(std::size_t index, Entry entry) {
  const std::uint64_t cost = costLocked(index);
  while (stats_.heldBytes + entry.bytes > budgetBytes_) {
    auto dearest = cache_.end();
    std::uint64_t dearestCost = cost;
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (!it->second.data) continue;
      const std::uint64_t c = costLocked(it->first);
      if (c > dearestCost) dearest = it, dearestCost = c;
    }
    if (dearest == cache_.end()) {
      ++stats_.dropped;
      fullCost_ = cost;
      return;
    }
    stats_.heldBytes -= dearest->second.bytes;
    cache_.erase(dearest);
  }
  stats_.heldBytes += entry.bytes;
  stats_.peakHeldBytes = std::max(stats_.peakHeldBytes, stats_.heldBytes);
  cache_[index] = std::move(entry);
}

std::optional<std::size_t> FramePrefetch::nearestGoodLocked(std::size_t index) const {
  std::optional<std::size_t> best;
  std::size_t bestDistance = SIZE_MAX;
  const auto consider = [&](auto it) {
    const std::size_t d = it->first > index ? it->first - index : index - it->first;
    // Of two at the same distance, the one already passed (against the motion) is shown.
    const bool passed = direction_ > 0 ? it->first < index : it->first > index;
    if (d < bestDistance || (d == bestDistance && passed)) best = it->first, bestDistance = d;
  };
  auto up = cache_.lower_bound(index);
  for (auto it = up; it != cache_.end(); ++it)
    if (it->second.data) {
      consider(it);
      break;
    }
  for (auto it = std::make_reverse_iterator(up); it != cache_.rend(); ++it)
    if (it->second.data) {
      consider(it);
      break;
    }
  return best;
}

FramePrefetch::Shown FramePrefetch::show(std::size_t index) {
  Shown out;
  std::lock_guard lock(mutex_);
  if (index != playhead_) {
    direction_ = index > playhead_ ? 1 : -1;
    playhead_ = index;
    fullCost_.reset();
    idleNow_ = false;
    wake_.notify_one();
  }
  ++stats_.shown;
  const auto it = cache_.find(index);
  if (it != cache_.end() && it->second.data) {
    out.index = index;
    lastGood_ = index;
  } else {
    const bool broken = it != cache_.end();
    ++(broken ? stats_.broken : stats_.notReady);
    const auto last = lastGood_ ? cache_.find(*lastGood_) : cache_.end();
    if (broken && last != cache_.end() && last->second.data)
      out.index = lastGood_;
    else
      out.index = nearestGoodLocked(index);
  }
  if (out.index) out.data = cache_.at(*out.index).data;
  return out;
}

SequenceStats FramePrefetch::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::vector<std::string> FramePrefetch::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

bool FramePrefetch::ready(std::size_t index) const {
  std::lock_guard lock(mutex_);
  const auto it = cache_.find(index);
  return it != cache_.end() && it->second.data;
}

std::shared_ptr<const void> FramePrefetch::kept(std::size_t index) const {
  std::lock_guard lock(mutex_);
  const auto it = cache_.find(index);
  return it != cache_.end() ? it->second.data : nullptr;
}

bool FramePrefetch::pumpOne() {
  if (thread_.joinable()) return false;  // the thread reads; one reader at a time
  std::unique_lock lock(mutex_);
  const auto next = nextLocked();
  if (!next) return false;
  readFrame(*next, lock);
  return true;
}

std::size_t FramePrefetch::pump(std::size_t maxFrames) {
  std::size_t n = 0;
  while (n < maxFrames && pumpOne()) ++n;
  return n;
}

bool FramePrefetch::waitIdle(double timeoutSeconds) {
  std::unique_lock lock(mutex_);
  if (!thread_.joinable()) {
    const auto full = fullCost_;
    const bool idle = !nextLocked();
    fullCost_ = full;  // only asked: a later pump decides again
    return idle;
  }
  return idle_.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] { return idleNow_; });
}

void FramePrefetch::run() {
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
