#pragma once
// The frames of a sequence (a mesh sequence's scenes, a 4D splat capture's clouds) read
// around a playhead by a bounded prefetch, so that the frame loop never waits on disk. What a
// frame is, and how it is read, is the loader's; this class owns the order, the budget and the
// thread. MeshSequence and SplatSequence are its typed faces.
//
// Prefetch: frames are read in order of a cost from the playhead: k frames in the direction of
// motion cost 2k, k frames against it 4k - 1 (so reverse scrubbing has frames behind it too,
// and stepping either way finds its neighbour). Decoded frames are kept while their bytes stay
// within the budget: a cheaper frame evicts the costliest; a frame that fits nowhere is dropped
// and prefetch waits until the playhead moves. A frame is not even read when one the size of
// the last one decoded would not fit, so a full window costs no reading on every move. A frame
// bigger than the whole budget is reported and treated as broken.
//
// show(i) never blocks on a read: a frame that is not decoded yet shows the nearest decoded
// frame and is counted (notReady). A frame whose file is missing or broken shows the last good
// frame shown (while it is still kept; else the nearest decoded one), is counted (broken), and
// is reported once with its name (a warning in the log and problems()), not on every frame.
// Frames handed out are shared: the caller uploads one and lets it go, so that what the budget
// counts is what is held.
//
// Threads: show(), stats() and problems() from the frame loop; the loader runs on the prefetch
// thread (Prefetch::Thread) or only inside pump()/pumpOne() (Prefetch::Manual), so tests drive
// the reading step by step without sleeping.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "media/track_timing.h"
#include "scenes/result.h"

namespace ps::media {

// The decoded-frame budget a player gives its sequences unless told otherwise, and the most
// anyone may ask for (1 TiB: beyond any machine, so a typo is refused rather than trusted).
inline constexpr std::size_t kDefaultSequenceBudgetMiB = 256;
inline constexpr std::size_t kMaxSequenceBudgetMiB = std::size_t{1} << 20;

enum class Prefetch { Thread, Manual };

struct SequenceStats {
  std::uint64_t shown = 0;        // show() calls inside the sequence
  std::uint64_t notReady = 0;     // ... whose frame was not decoded yet (a neighbour or nothing shown)
  std::uint64_t broken = 0;       // ... whose frame is missing or broken (the last good one shown)
  std::uint64_t decoded = 0;      // frames read and decoded (good ones)
  std::uint64_t dropped = 0;      // decoded but not kept: no room in the budget
  std::size_t heldBytes = 0;      // decoded bytes kept now
  std::size_t peakHeldBytes = 0;  // the most ever kept at once
};

// One decoded frame as the loader gives it: the data (any type; the typed face casts it back)
// and the bytes the budget counts.
struct LoadedFrame {
  std::shared_ptr<const void> data;
  std::size_t bytes = 0;
};

class FramePrefetch {
 public:
  // Reads frame i; an Error's what says what is wrong inside the frame (its where, when it is
  // not the frame's name itself, is kept as a prefix). Called from one thread at a time.
  using Loader = std::function<Result<LoadedFrame>(std::size_t index)>;

  // `names[i]` is frame i's name in reports (its file); `what` names the sequence in the log
  // ("mesh sequence"). budgetBytes > 0 and at least one frame: the typed faces check both.
  FramePrefetch(std::vector<std::string> names, Loader loader, std::size_t budgetBytes, Prefetch prefetch,
                std::string what);
  ~FramePrefetch();
  FramePrefetch(const FramePrefetch&) = delete;
  FramePrefetch& operator=(const FramePrefetch&) = delete;

  std::size_t frameCount() const { return names_.size(); }

  struct Shown {
    std::optional<std::size_t> index;  // the frame shown; absent: nothing decoded yet
    std::shared_ptr<const void> data;
  };
  // The frame loop: moves the playhead to `index` (waking the prefetch) and returns what to draw.
  Shown show(std::size_t index);

  SequenceStats stats() const;
  std::vector<std::string> problems() const;  // each missing or broken frame once: "name: what"
  bool pumpOne();
  std::size_t pump(std::size_t maxFrames);
  bool waitIdle(double timeoutSeconds);
  bool ready(std::size_t index) const;
  std::shared_ptr<const void> kept(std::size_t index) const;

 private:
  struct Entry {
    std::shared_ptr<const void> data;  // null: broken
    std::size_t bytes = 0;
  };

  std::optional<std::size_t> nextLocked();
  bool mayFitLocked(std::uint64_t cost) const;
  std::uint64_t costLocked(std::size_t index) const;
  void readFrame(std::size_t index, std::unique_lock<std::mutex>& lock);
  void keepLocked(std::size_t index, Entry entry);
  std::optional<std::size_t> nearestGoodLocked(std::size_t index) const;
  void reportLocked(std::size_t index, const std::string& what);
  void run();

  std::vector<std::string> names_;
  Loader loader_;
  std::size_t budgetBytes_ = 0;
  std::string what_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;  // the prefetch: the playhead moved, or stop
  std::condition_variable idle_;  // waitIdle(): the prefetch has nothing to read
  std::map<std::size_t, Entry> cache_;
  std::optional<std::size_t> reading_;   // being decoded, outside the lock
  std::size_t playhead_ = 0;
  int direction_ = 1;
  std::optional<std::uint64_t> fullCost_;  // a frame of this cost found no room: read none dearer
  bool idleNow_ = false;
  bool stop_ = false;
  std::optional<std::size_t> lastGood_;  // the last good frame shown
  std::size_t lastBytes_ = 0;            // the last frame decoded: the guess for the next one's size
  SequenceStats stats_;
  std::vector<std::string> problems_;
  std::thread thread_;  // last: started once everything above is built
};

// The frame of a sequence of `frames` frames at `fps` shown at shot time t through `timing`
// (frame i covers media seconds [i / fps, (i + 1) / fps)); absent outside the sequence. A time
// written as i / fps lands on frame i despite rounding below it.
std::optional<std::size_t> sequenceFrameAt(const TrackTiming& timing, double fps, std::size_t frames,
                                           double shotSeconds);

// "12 MiB", rounded up: for budget messages.
std::string mibText(std::size_t bytes);

}  // namespace ps::media
