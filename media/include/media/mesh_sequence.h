#pragma once
// A mesh sequence (a volumetric performer): one decoded glTF scene per frame, read around the
// playhead by a bounded prefetch thread, so that the frame loop never waits on disk.
//
// Time: frame i covers media seconds [i / fps, (i + 1) / fps); `timing` places media time on
// shot time (start, offset; rate 1), as every track does. Before its start and past its last
// frame the sequence shows nothing.
//
// Prefetch: frames are read in order of a cost from the playhead: k frames in the direction of
// motion cost k, k frames against it 2k (so reverse scrubbing has frames behind it too, and
// stepping either way finds its neighbour). Decoded frames are kept while their bytes (the
// decoded vectors, meshSceneBytes) stay within the budget: a cheaper frame evicts the
// costliest; a frame that fits nowhere is dropped and prefetch waits until the playhead moves.
// A frame is not even read when one the size of the last one decoded would not fit, so a full
// window costs no reading on every move.
// A frame bigger than the whole budget is reported and treated as broken.
//
// show(t) never blocks on a read: a frame that is not decoded yet shows the nearest decoded
// frame and is counted (stats().notReady). A frame whose file is missing or broken shows the
// last good frame shown (while it is still kept; else the nearest decoded one), is counted
// (stats().broken), and is reported once with its file name (a warning in the log and
// problems()), not on every frame. The scene handed out is shared: the caller uploads it and
// lets it go, so that what the budget counts is what is held.
//
// Threads: show(), stats() and problems() from the frame loop; the prefetch runs on its own
// thread (Prefetch::Thread) or only when pump()/pumpOne() is called (Prefetch::Manual), so
// tests drive the reading step by step without sleeping.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "media/gltf_loader.h"
#include "media/mesh_sequence_files.h"
#include "media/track_timing.h"
#include "scenes/mesh_scene.h"

namespace ps::media {

// The bytes a decoded scene holds in its vectors (what the budget counts).
std::size_t meshSceneBytes(const scenes::MeshScene& scene);

// The decoded-frame budget a player gives its sequences unless told otherwise, and the most
// anyone may ask for (1 TiB: beyond any machine, so a typo is refused rather than trusted).
inline constexpr std::size_t kDefaultSequenceBudgetMiB = 256;
inline constexpr std::size_t kMaxSequenceBudgetMiB = std::size_t{1} << 20;

struct MeshSequenceOptions {
  double fps = 30.0;                // frames per media second, > 0
  double startSeconds = 0.0;        // shot seconds where frame 0 is shown (with offset 0)
  double offsetSeconds = 0.0;       // media seconds shown at startSeconds
  std::size_t budgetMiB = kDefaultSequenceBudgetMiB;  // decoded frames kept, in [1, kMaxSequenceBudgetMiB]
  GltfLimits limits;                // each frame's caps
  enum class Prefetch { Thread, Manual } prefetch = Prefetch::Thread;
};

struct MeshSequenceStats {
  std::uint64_t shown = 0;        // show() calls inside the sequence
  std::uint64_t notReady = 0;     // ... whose frame was not decoded yet (a neighbour or nothing shown)
  std::uint64_t broken = 0;       // ... whose frame is missing or broken (the last good one shown)
  std::uint64_t decoded = 0;      // frames read and decoded (good ones)
  std::uint64_t dropped = 0;      // decoded but not kept: no room in the budget
  std::size_t heldBytes = 0;      // decoded bytes kept now
  std::size_t peakHeldBytes = 0;  // the most ever kept at once
};

// What show() gives: the frame asked for and the frame shown (which differ when it is not
// ready or broken). `scene` is null when nothing is shown.
struct MeshSequenceFrame {
  std::optional<std::size_t> wanted;  // absent: outside the sequence at that time
  std::optional<std::size_t> shown;
  std::shared_ptr<const scenes::MeshScene> scene;
};

class MeshSequence {
 public:
  // Checks the options (fps, budget); the files are listMeshSequence's.
  static Result<std::unique_ptr<MeshSequence>> open(MeshSequenceFiles files, const MeshSequenceOptions& options);
  ~MeshSequence();
  MeshSequence(const MeshSequence&) = delete;
  MeshSequence& operator=(const MeshSequence&) = delete;

  std::size_t frameCount() const { return files_.frames.size(); }
  const TrackTiming& timing() const { return timing_; }
  // The frame index at shot time t, absent outside the sequence.
  std::optional<std::size_t> frameAt(double shotSeconds) const;

  // The frame loop: moves the playhead to t (waking the prefetch) and returns what to draw.
  MeshSequenceFrame show(double shotSeconds);

  MeshSequenceStats stats() const;
  // Each missing or broken frame once: "file: what".
  std::vector<std::string> problems() const;

  // Manual prefetch: reads and decodes the next frame the playhead wants, if any; false when
  // there is nothing (more) to read. pump() reads until there is nothing, at most maxFrames.
  // With Prefetch::Thread they read nothing (the thread is the one reader) and say so.
  bool pumpOne();
  std::size_t pump(std::size_t maxFrames = SIZE_MAX);
  // Thread prefetch: waits (up to timeoutSeconds) until the thread has nothing to read. For
  // tests and tools; the frame loop never calls it.
  bool waitIdle(double timeoutSeconds);
  // Whether frame i is decoded and kept now.
  bool ready(std::size_t index) const;
  // Frame i's scene while it is kept; null otherwise (for pairing it with its texture frame).
  std::shared_ptr<const scenes::MeshScene> kept(std::size_t index) const;

 private:
  struct Entry {
    std::shared_ptr<const scenes::MeshScene> scene;  // null: broken
    std::size_t bytes = 0;
  };
  MeshSequence(MeshSequenceFiles files, const MeshSequenceOptions& options);

  // The cheapest frame not yet read that may find room (judged by the last frame's size).
  std::optional<std::size_t> nextLocked();
  bool mayFitLocked(std::uint64_t cost) const;
  std::uint64_t costLocked(std::size_t index) const;
  void readFrame(std::size_t index, std::unique_lock<std::mutex>& lock);
  void keepLocked(std::size_t index, Entry entry);
  std::optional<std::size_t> nearestGoodLocked(std::size_t index) const;
  void reportLocked(std::size_t index, const std::string& what);
  void run();

  MeshSequenceFiles files_;
  MeshSequenceOptions options_;
  TrackTiming timing_;
  std::size_t budgetBytes_ = 0;

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
  MeshSequenceStats stats_;
  std::vector<std::string> problems_;
  std::thread thread_;
};

}  // namespace ps::media
