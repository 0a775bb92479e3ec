#pragma once
// A mesh sequence (a volumetric performer): one decoded glTF scene per frame, read around the
// playhead by a bounded prefetch thread, so that the frame loop never waits on disk.
//
// Time: frame i covers media seconds [i / fps, (i + 1) / fps); `timing` places media time on
// shot time (start, offset; rate 1), as every track does. Before its start and past its last
// frame the sequence shows nothing.
//
// Frames are read around the playhead, in both directions, within a memory budget, and show(t)
// never blocks on a read (media/frame_prefetch.h says how); the budget counts the decoded
// vectors (meshSceneBytes). The scene handed out is shared: the caller uploads it and lets it
// go, so that what the budget counts is what is held.
//
// Threads: show(), stats() and problems() from the frame loop; the prefetch runs on its own
// thread (Prefetch::Thread) or only when pump()/pumpOne() is called (Prefetch::Manual), so
// tests drive the reading step by step without sleeping.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/frame_prefetch.h"
#include "media/gltf_loader.h"
#include "media/mesh_sequence_files.h"
#include "media/track_timing.h"
#include "scenes/mesh_scene.h"

namespace ps::media {

// The bytes a decoded scene holds in its vectors (what the budget counts).
std::size_t meshSceneBytes(const scenes::MeshScene& scene);

struct MeshSequenceOptions {
  double fps = 30.0;                // frames per media second, > 0
  double startSeconds = 0.0;        // shot seconds where frame 0 is shown (with offset 0)
  double offsetSeconds = 0.0;       // media seconds shown at startSeconds
  std::size_t budgetMiB = kDefaultSequenceBudgetMiB;  // decoded frames kept, in [1, kMaxSequenceBudgetMiB]
  GltfLimits limits;                // each frame's caps
  using Prefetch = media::Prefetch;
  Prefetch prefetch = Prefetch::Thread;
};

using MeshSequenceStats = SequenceStats;

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
  MeshSequence(MeshSequenceFiles files, const MeshSequenceOptions& options);

  MeshSequenceFiles files_;
  MeshSequenceOptions options_;
  TrackTiming timing_;
  std::unique_ptr<FramePrefetch> frames_;
};

}  // namespace ps::media
