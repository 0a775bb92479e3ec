#pragma once
// A mesh sequence's texture atlas: a video whose frame i is the base colour of mesh frame i,
// decoded (frame-exact, VideoSource) and converted to RGBA around the sequence's playhead by a
// bounded prefetch, as MeshSequence reads its meshes: the same playhead (an index, set by
// moveTo from the sequence's frameAt, so the atlas follows the sequence's start, offset and
// fps; the video's own timestamps only find its i-th frame), the same cost order (k frames
// ahead cost 2k, k behind 4k - 1), a budget in MiB, and a thread or manual pumping.
//
// Nothing here waits on the decoder: kept(i) is a frame or null. A frame that does not decode
// is reported once (problems(), a warning in the log) and never retried.
// Threads: moveTo(), kept() and the rest from the frame loop; decoding on the prefetch thread
// (Prefetch::Thread) or inside pumpOne() (Prefetch::Manual).
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

#include "media/video_source.h"
#include "scenes/mesh_scene.h"
#include "scenes/result.h"

namespace ps::media {

class FrameByIndex;

struct SequenceAtlasOptions {
  std::size_t budgetMiB = 64;  // converted frames kept (at least two are kept whatever the size)
  enum class Prefetch { Thread, Manual } prefetch = Prefetch::Thread;
};

struct SequenceAtlasStats {
  std::uint64_t decoded = 0;  // frames decoded and converted
  std::uint64_t seeks = 0;    // of them, reached by a seek rather than the next frame
};

class SequenceAtlas {
 public:
  // Opens the video; `frames` is the sequence's frame count. A video the container says is
  // shorter is refused, naming both counts (lint decodes every frame to be sure).
  static Result<std::unique_ptr<SequenceAtlas>> open(const std::string& url, std::size_t frames,
                                                     const SequenceAtlasOptions& options = {});
  ~SequenceAtlas();
  SequenceAtlas(const SequenceAtlas&) = delete;
  SequenceAtlas& operator=(const SequenceAtlas&) = delete;

  const StreamInfo& info() const { return info_; }
  std::size_t frameCount() const { return frames_; }

  // The frame loop: the sequence's frame at the playhead (wakes the prefetch when it moves).
  void moveTo(std::size_t index);
  // Frame i converted, or null while it is not (or cannot be) decoded.
  std::shared_ptr<const scenes::MeshImage> kept(std::size_t index) const;
  // The frames kept now, ascending.
  std::vector<std::size_t> keptIndices() const;

  SequenceAtlasStats stats() const;
  std::vector<std::string> problems() const;

  // As MeshSequence: Manual reads one frame (the cheapest missing) per pumpOne(); Thread reads
  // on its own and pumpOne() reads nothing. waitIdle: until the thread has nothing to read.
  bool pumpOne();
  bool waitIdle(double timeoutSeconds);

 private:
  SequenceAtlas(VideoSource source, std::size_t frames, const SequenceAtlasOptions& options);
  std::optional<std::size_t> nextLocked() const;
  std::size_t capacityLocked() const;
  void readFrame(std::size_t index, std::unique_lock<std::mutex>& lock);
  void run();

  VideoSource source_;  // the reader's alone (the thread, or pumpOne's caller)
  const StreamInfo info_;
  const std::size_t frames_;
  const SequenceAtlasOptions options_;
  std::unique_ptr<FrameByIndex> reader_;  // over source_

  mutable std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::map<std::size_t, std::shared_ptr<const scenes::MeshImage>> cache_;  // null: does not decode
  std::optional<std::size_t> reading_;
  std::size_t playhead_ = 0;
  int direction_ = 1;
  std::size_t frameBytes_ = 0;
  bool idleNow_ = false;
  bool stop_ = false;
  SequenceAtlasStats stats_;
  std::vector<std::string> problems_;
  std::thread thread_;
};

}  // namespace ps::media
