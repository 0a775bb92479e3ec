#pragma once
// A 4D splat capture: one splat cloud per frame (a folder of numbered .ply or .spz files, or
// the compact video form of media/splat_video.h),
// read around the playhead by the bounded two-way prefetch that mesh sequences use
// (media/frame_prefetch.h), so a scrub backwards finds frames as well as playback forwards,
// and the frame loop never waits on disk.
//
// Time: frame i covers media seconds [i / fps, (i + 1) / fps); `startSeconds` and
// `offsetSeconds` place media time on shot time (rate 1), as every track does. Before its start
// and past its last frame the sequence shows nothing. The budget counts each frame's
// SplatCloud::bytes().
//
// Threads: show(), stats() and problems() from the frame loop; reading on the prefetch thread
// (Prefetch::Thread) or inside pump()/pumpOne() (Prefetch::Manual).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/frame_prefetch.h"
#include "media/splat_files.h"
#include "media/track_timing.h"
#include "scenes/result.h"
#include "scenes/splat_cloud.h"

namespace ps::media {

struct SplatSequenceOptions {
  double fps = 30.0;                // frames per media second, in (0, 1000]
  double startSeconds = 0.0;        // shot seconds where frame 0 is shown (with offset 0)
  double offsetSeconds = 0.0;       // media seconds shown at startSeconds
  std::size_t budgetMiB = kDefaultSequenceBudgetMiB;  // decoded frames kept, in [1, kMaxSequenceBudgetMiB]
  SplatLimits limits;               // each frame's caps
  Prefetch prefetch = Prefetch::Thread;
  // Each frame put in order of importance as it is read, on the reading thread
  // (scenes::sortByImportance), so that a renderer's budget keeps the splats that matter most;
  // false: the file's order.
  bool importanceOrder = false;
};

struct SplatSequenceFrame {
  std::optional<std::size_t> wanted;  // absent: outside the sequence at that time
  std::optional<std::size_t> shown;   // differs from wanted while that frame is not ready or broken
  std::shared_ptr<const scenes::SplatCloud> cloud;  // null when nothing is shown
};

// The frame files of a sequence folder: numbered .ply or .spz files, in numeric order, without
// a gap (media/numbered_files.h).
Result<std::vector<std::filesystem::path>> listSplatSequence(const std::filesystem::path& folder);

class SplatSequence {
 public:
  // Reads a frame file; the default reads it with readSplatFile and options.limits.
  using Reader = std::function<Result<scenes::SplatCloud>(const std::filesystem::path& file)>;
  // Reads frame i, from one thread at a time.
  using IndexReader = std::function<Result<scenes::SplatCloud>(std::size_t index)>;

  // Checks the options; `frames` are listSplatSequence's.
  static Result<std::unique_ptr<SplatSequence>> open(std::vector<std::filesystem::path> frames,
                                                     const SplatSequenceOptions& options, Reader reader = {});
  // Frames that are not files of their own: `names[i]` is frame i's name in reports.
  static Result<std::unique_ptr<SplatSequence>> openIndexed(std::vector<std::string> names,
                                                            const SplatSequenceOptions& options, IndexReader reader);
  // A sequence folder in either form: the compact video form when it holds splat-video.json,
  // else numbered files.
  static Result<std::unique_ptr<SplatSequence>> openFolder(const std::filesystem::path& folder,
                                                           const SplatSequenceOptions& options);
  ~SplatSequence();
  SplatSequence(const SplatSequence&) = delete;
  SplatSequence& operator=(const SplatSequence&) = delete;

  std::size_t frameCount() const { return frames_->frameCount(); }
  const TrackTiming& timing() const { return timing_; }
  std::optional<std::size_t> frameAt(double shotSeconds) const;

  // The frame loop: moves the playhead to t (waking the prefetch) and returns what to draw.
  SplatSequenceFrame show(double shotSeconds);

  SequenceStats stats() const;
  std::vector<std::string> problems() const;  // each missing or broken frame once: "file: what"
  bool pumpOne();
  std::size_t pump(std::size_t maxFrames = SIZE_MAX);
  bool waitIdle(double timeoutSeconds);
  bool ready(std::size_t index) const;

 private:
  SplatSequence(std::vector<std::string> names, const SplatSequenceOptions& options, IndexReader reader);
  static Status check(const SplatSequenceOptions& options, std::size_t frames);

  SplatSequenceOptions options_;
  TrackTiming timing_;
  std::unique_ptr<FramePrefetch> frames_;
};

}  // namespace ps::media
