#include "player/shot_splats.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "media/splat_files.h"
#include "scenes/placement.h"

namespace ps::player {

namespace {

Result<std::shared_ptr<media::SplatSequence>> openSplatSequence(const scenes::MediaRef& m, SequenceRead read,
                                                                std::size_t budgetMiB) {
  media::SplatSequenceOptions o;
  o.fps = m.fps;
  o.startSeconds = m.startSeconds;
  o.offsetSeconds = m.offsetSeconds;
  o.budgetMiB = budgetMiB;
  o.prefetch = read == SequenceRead::Exact ? media::Prefetch::Manual : media::Prefetch::Thread;
  o.importanceOrder = true;
  auto seq = media::SplatSequence::openFolder(m.path, o);
  if (!seq) return seq.error();
  spdlog::debug("splat sequence {}: {} frames at {} fps from {}", m.id, seq.value()->frameCount(), m.fps,
                m.path.string());
  return std::shared_ptr<media::SplatSequence>(std::move(seq.value()));
}

}  // namespace

bool isSplatPath(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".ply" || ext == ".spz";
}

Result<std::vector<PlacedSplats>> loadShotSplats(const scenes::Shot& shot, SetFailure onFailure,
                                                 SequenceRead sequenceRead, std::size_t sequenceBudgetMiB) {
  auto share = sequenceShareMiB(shot, sequenceBudgetMiB);
  if (!share) return share.error();
  std::vector<PlacedSplats> out;
  for (const scenes::MediaRef& m : shot.media) {
    if (m.kind != scenes::MediaKind::Splats && m.kind != scenes::MediaKind::SplatSequence) continue;
    PlacedSplats placed;
    placed.id = m.id;
    placed.path = m.path;
    placed.cloudToStage = glm::mat4(scenes::placementMatrix(m.transform));
    placed.startSeconds = m.startSeconds;
    if (m.kind == scenes::MediaKind::SplatSequence) {
      auto seq = openSplatSequence(m, sequenceRead, *share);
      if (!seq) {
        if (onFailure == SetFailure::Refuse) return seq.error();
        spdlog::warn("{}; playing the shot without the splat sequence {}", seq.error().message(), m.id);
        continue;
      }
      placed.sequence = std::move(*seq);
    } else {
      auto read = media::readSplatFile(m.path);
      if (!read) {
        if (onFailure == SetFailure::Refuse) return read.error();
        spdlog::warn("{}; playing the shot without the splats {}", read.error().message(), m.id);
        continue;
      }
      spdlog::debug("splats {}: {} splats of SH degree {} from {}", m.id, read->cloud.size(), read->cloud.shDegree,
                    m.path.string());
      scenes::sortByImportance(read->cloud);
      placed.cloud = std::make_shared<const scenes::SplatCloud>(std::move(read->cloud));
    }
    out.push_back(std::move(placed));
  }
  return out;
}

Result<PlacedSplats> loadBareSplats(const std::filesystem::path& file) {
  auto read = media::readSplatFile(file);
  if (!read) return read.error();
  PlacedSplats placed;
  placed.id = file.stem().string();
  placed.path = file;
  scenes::sortByImportance(read->cloud);
  placed.cloud = std::make_shared<const scenes::SplatCloud>(std::move(read->cloud));
  return placed;
}

}  // namespace ps::player
