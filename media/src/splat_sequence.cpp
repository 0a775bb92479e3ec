#include "media/splat_sequence.h"

#include <utility>

#include "media/numbered_files.h"
#include "media/splat_video.h"
#include "media/mesh_sequence_files.h"

namespace ps::media {

Result<std::vector<std::filesystem::path>> listSplatSequence(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    return Error{folder.string(), "a splat sequence is a folder of numbered .ply or .spz files, and this is not a folder",
                 ""};
  auto listed = listNumberedFiles(folder, {".ply", ".spz"}, "splat frames", kMaxSequenceFrames);
  if (!listed) return listed.error();
  return std::move(listed->files);
}

Status SplatSequence::check(const SplatSequenceOptions& options, std::size_t frames) {
  if (!(options.fps > 0.0 && options.fps <= 1000.0))
    return Error{"splat sequence", "fps " + std::to_string(options.fps) + " is outside (0, 1000]", ""};
  if (options.budgetMiB < 1 || options.budgetMiB > kMaxSequenceBudgetMiB)
    return Error{"splat sequence",
                 "memory budget " + std::to_string(options.budgetMiB) + " MiB is outside [1, " +
                     std::to_string(kMaxSequenceBudgetMiB) + "]",
                 ""};
  if (frames == 0) return Error{"splat sequence", "a splat sequence needs at least one frame", ""};
  return ok();
}

Result<std::unique_ptr<SplatSequence>> SplatSequence::open(std::vector<std::filesystem::path> frames,
                                                           const SplatSequenceOptions& options, Reader reader) {
  if (auto s = check(options, frames.size()); !s) return s.error();
  if (!reader) {
    reader = [limits = options.limits](const std::filesystem::path& file) -> Result<scenes::SplatCloud> {
      auto read = readSplatFile(file, limits);
      if (!read) return read.error();
      return std::move(read->cloud);
    };
  }
  std::vector<std::string> names;
  names.reserve(frames.size());
  for (const auto& f : frames) names.push_back(f.string());
  IndexReader byIndex = [files = std::move(frames), reader = std::move(reader)](std::size_t i) { return reader(files[i]); };
  return std::unique_ptr<SplatSequence>(new SplatSequence(std::move(names), options, std::move(byIndex)));
}

Result<std::unique_ptr<SplatSequence>> SplatSequence::openIndexed(std::vector<std::string> names,
                                                                  const SplatSequenceOptions& options,
                                                                  IndexReader reader) {
  if (auto s = check(options, names.size()); !s) return s.error();
  return std::unique_ptr<SplatSequence>(new SplatSequence(std::move(names), options, std::move(reader)));
}

Result<std::unique_ptr<SplatSequence>> SplatSequence::openFolder(const std::filesystem::path& folder,
                                                                 const SplatSequenceOptions& options) {
  std::error_code ec;
  if (std::filesystem::exists(folder / kSplatVideoManifest, ec)) {
    auto video = SplatVideo::open(folder);
    if (!video) return video.error();
    std::shared_ptr<SplatVideo> shared(std::move(video.value()));
    std::vector<std::string> names;
    const std::string file = (folder / shared->layout().video).string();
    for (std::size_t i = 0; i < shared->layout().frames; ++i) names.push_back(file + "@frame " + std::to_string(i));
    return openIndexed(std::move(names), options, [shared](std::size_t i) { return shared->frame(i); });
  }
  auto files = listSplatSequence(folder);
  if (!files) return files.error();
  return open(std::move(*files), options);
}

SplatSequence::SplatSequence(std::vector<std::string> names, const SplatSequenceOptions& options, IndexReader reader)
    : options_(options) {
  timing_.startSeconds = options.startSeconds;
  timing_.offsetSeconds = options.offsetSeconds;
  timing_.rate = 1.0;
  timing_.mediaEndSeconds = static_cast<double>(names.size()) / options.fps;
  auto load = [reader = std::move(reader), important = options.importanceOrder](std::size_t index) -> Result<LoadedFrame> {
    auto cloud = reader(index);
    if (!cloud) return cloud.error();
    if (important) scenes::sortByImportance(cloud.value());
    const std::size_t bytes = cloud->bytes();
    return LoadedFrame{std::make_shared<const scenes::SplatCloud>(std::move(cloud.value())), bytes};
  };
  frames_ = std::make_unique<FramePrefetch>(std::move(names), std::move(load), options.budgetMiB << 20,
                                            options.prefetch, "splat sequence");
}

SplatSequence::~SplatSequence() = default;

std::optional<std::size_t> SplatSequence::frameAt(double shotSeconds) const {
  return sequenceFrameAt(timing_, options_.fps, frameCount(), shotSeconds);
}

SplatSequenceFrame SplatSequence::show(double shotSeconds) {
  SplatSequenceFrame out;
  out.wanted = frameAt(shotSeconds);
  if (!out.wanted) return out;
  auto shown = frames_->show(*out.wanted);
  out.shown = shown.index;
  out.cloud = std::static_pointer_cast<const scenes::SplatCloud>(std::move(shown.data));
  return out;
}

SequenceStats SplatSequence::stats() const { return frames_->stats(); }
std::vector<std::string> SplatSequence::problems() const { return frames_->problems(); }
bool SplatSequence::pumpOne() { return frames_->pumpOne(); }
std::size_t SplatSequence::pump(std::size_t maxFrames) { return frames_->pump(maxFrames); }
bool SplatSequence::waitIdle(double timeoutSeconds) { return frames_->waitIdle(timeoutSeconds); }
bool SplatSequence::ready(std::size_t index) const { return frames_->ready(index); }

}  // namespace ps::media
