#include "media/mesh_sequence.h"

#include <chrono>
#include <cmath>
#include <iterator>
#include <utility>

#include "log.h"
#include "scenes/printable.h"

namespace ps::media {

namespace {

template <typename T>
std::size_t vectorBytes(const std::vector<T>& v) {
  return v.size() * sizeof(T);
}

std::string mib(std::size_t bytes) {
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB";
}

}  // namespace

std::size_t meshSceneBytes(const scenes::MeshScene& scene) {
  std::size_t bytes = vectorBytes(scene.images) + vectorBytes(scene.materials) + vectorBytes(scene.meshes) +
                      vectorBytes(scene.nodes) + vectorBytes(scene.roots);
  for (const auto& image : scene.images) bytes += vectorBytes(image.rgba);
  for (const auto& node : scene.nodes) bytes += vectorBytes(node.children);
  for (const auto& mesh : scene.meshes) {
    bytes += vectorBytes(mesh.primitives);
    for (const auto& p : mesh.primitives)
      bytes += vectorBytes(p.positions) + vectorBytes(p.normals) + vectorBytes(p.uvs) + vectorBytes(p.tangents) +
               vectorBytes(p.indices);
  }
  return bytes;
}

Result<std::unique_ptr<MeshSequence>> MeshSequence::open(MeshSequenceFiles files, const MeshSequenceOptions& options) {
  if (!(options.fps > 0.0 && options.fps <= 1000.0))
    return Error{"mesh sequence", "fps " + std::to_string(options.fps) + " is outside (0, 1000]", ""};
  if (options.budgetMiB < 1 || options.budgetMiB > kMaxSequenceBudgetMiB)
    return Error{"mesh sequence",
                 "memory budget " + std::to_string(options.budgetMiB) + " MiB is outside [1, " +
                     std::to_string(kMaxSequenceBudgetMiB) + "]",
                 ""};
  if (files.frames.empty()) return Error{files.packageRoot.string(), "a mesh sequence needs at least one frame", ""};
  std::unique_ptr<MeshSequence> seq(new MeshSequence(std::move(files), options));
  if (options.prefetch == MeshSequenceOptions::Prefetch::Thread) seq->thread_ = std::thread([s = seq.get()] { s->run(); });
  return seq;
}

MeshSequence::MeshSequence(MeshSequenceFiles files, const MeshSequenceOptions& options)
    : files_(std::move(files)), options_(options), budgetBytes_(options.budgetMiB << 20) {
  timing_.startSeconds = options.startSeconds;
  timing_.offsetSeconds = options.offsetSeconds;
  timing_.rate = 1.0;
  timing_.mediaEndSeconds = static_cast<double>(files_.frames.size()) / options.fps;
}

MeshSequence::~MeshSequence() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<std::size_t> MeshSequence::frameAt(double shotSeconds) const {
  const TrackTime t = timing_.at(shotSeconds);
  if (!t.inside()) return std::nullopt;
  // A time written as i / fps lands on frame i despite rounding below it.
  const double frame = std::floor(t.mediaSeconds * options_.fps + 1e-6);
  if (frame < 0.0) return std::size_t{0};
  return std::min(static_cast<std::size_t>(frame), frameCount() - 1);
}

std::uint64_t MeshSequence::costLocked(std::size_t index) const {
  const auto p = static_cast<std::int64_t>(playhead_);
  const std::int64_t ahead = (static_cast<std::int64_t>(index) - p) * direction_;
  return ahead >= 0 ? static_cast<std::uint64_t>(2 * ahead) : static_cast<std::uint64_t>(-4 * ahead - 1);
}

bool MeshSequence::mayFitLocked(std::uint64_t cost) const {
  if (stats_.heldBytes + lastBytes_ <= budgetBytes_) return true;
  std::size_t freeable = 0;
  for (const auto& [index, entry] : cache_)
    if (entry.scene && costLocked(index) > cost) freeable += entry.bytes;
  return stats_.heldBytes - freeable + lastBytes_ <= budgetBytes_;
}

std::optional<std::size_t> MeshSequence::nextLocked() {
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

void MeshSequence::reportLocked(std::size_t index, const std::string& what) {
  const std::string message = files_.frames[index].string() + ": " + what;
  log().warn("mesh sequence frame {}: {}", index, message);
  problems_.push_back(message);
  cache_[index] = Entry{};
}

void MeshSequence::readFrame(std::size_t index, std::unique_lock<std::mutex>& lock) {
  reading_ = index;
  const std::filesystem::path file = files_.frames[index];
  lock.unlock();
  auto loaded = loadGltf(file, files_.packageRoot, options_.limits);
  std::shared_ptr<const scenes::MeshScene> scene;
  std::size_t bytes = 0;
  if (loaded) {
    bytes = meshSceneBytes(loaded->scene);
    scene = std::make_shared<const scenes::MeshScene>(std::move(loaded->scene));
  }
  lock.lock();
  reading_.reset();
  if (!loaded) {
    const Error& e = loaded.error();
    // The loader names the file itself; keep only what went wrong where inside it.
    const std::string where = e.where.rfind(file.string(), 0) == 0 ? e.where.substr(file.string().size()) : e.where;
    reportLocked(index, (where.empty() ? "" : where + ": ") + e.what);
    return;
  }
  if (bytes > budgetBytes_) {
    reportLocked(index, "decodes to " + mib(bytes) + ", more than the sequence's whole memory budget of " +
                            mib(budgetBytes_));
    return;
  }
  ++stats_.decoded;
  lastBytes_ = bytes;
  keepLocked(index, Entry{std::move(scene), bytes});
}

void MeshSequence::keepLocked(std::size_t index, Entry entry) {
  const std::uint64_t cost = costLocked(index);
  while (stats_.heldBytes + entry.bytes > budgetBytes_) {
    auto dearest = cache_.end();
    std::uint64_t dearestCost = cost;
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (!it->second.scene) continue;
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

std::optional<std::size_t> MeshSequence::nearestGoodLocked(std::size_t index) const {
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
    if (it->second.scene) {
      consider(it);
      break;
    }
  for (auto it = std::make_reverse_iterator(up); it != cache_.rend(); ++it)
    if (it->second.scene) {
      consider(it);
      break;
    }
  return best;
}

MeshSequenceFrame MeshSequence::show(double shotSeconds) {
  MeshSequenceFrame out;
  out.wanted = frameAt(shotSeconds);
  if (!out.wanted) return out;
  const std::size_t index = *out.wanted;
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
  if (it != cache_.end() && it->second.scene) {
    out.shown = index;
    lastGood_ = index;
  } else {
    const bool broken = it != cache_.end();
    ++(broken ? stats_.broken : stats_.notReady);
    const auto last = lastGood_ ? cache_.find(*lastGood_) : cache_.end();
    if (broken && last != cache_.end() && last->second.scene)
      out.shown = lastGood_;
    else
      out.shown = nearestGoodLocked(index);
  }
  if (out.shown) out.scene = cache_.at(*out.shown).scene;
  return out;
}

MeshSequenceStats MeshSequence::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::vector<std::string> MeshSequence::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

bool MeshSequence::ready(std::size_t index) const {
  std::lock_guard lock(mutex_);
  const auto it = cache_.find(index);
  return it != cache_.end() && it->second.scene;
}

std::shared_ptr<const scenes::MeshScene> MeshSequence::kept(std::size_t index) const {
  std::lock_guard lock(mutex_);
  const auto it = cache_.find(index);
  return it != cache_.end() ? it->second.scene : nullptr;
}

bool MeshSequence::pumpOne() {
  if (thread_.joinable()) return false;  // the thread reads; one reader at a time
  std::unique_lock lock(mutex_);
  const auto next = nextLocked();
  if (!next) return false;
  readFrame(*next, lock);
  return true;
}

std::size_t MeshSequence::pump(std::size_t maxFrames) {
  std::size_t n = 0;
  while (n < maxFrames && pumpOne()) ++n;
  return n;
}

bool MeshSequence::waitIdle(double timeoutSeconds) {
  std::unique_lock lock(mutex_);
  if (!thread_.joinable()) {
    const auto full = fullCost_;
    const bool idle = !nextLocked();
    fullCost_ = full;  // only asked: a later pump decides again
    return idle;
  }
  return idle_.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] { return idleNow_; });
}

void MeshSequence::run() {
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
