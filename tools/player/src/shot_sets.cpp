#include "player/shot_sets.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "media/gltf_loader.h"
#include "media/mesh_sequence_files.h"
#include "player/set_pose.h"
#include "scenes/placement.h"
#include "scenes/printable.h"
#include "scenes/problem.h"

namespace ps::player {

namespace {

void logWarnings(const std::filesystem::path& file, const std::vector<scenes::Problem>& warnings) {
  for (const scenes::Problem& p : warnings) spdlog::warn("{}", scenes::diagnosticLine(file.string(), p));
}

Result<std::shared_ptr<media::MeshSequence>> openSequence(const scenes::MediaRef& m, SequenceRead read,
                                                          std::size_t budgetMiB) {
  auto files = media::listMeshSequence(m.path);
  if (!files) return files.error();
  media::MeshSequenceOptions o;
  o.fps = m.fps;
  o.startSeconds = m.startSeconds;
  o.offsetSeconds = m.offsetSeconds;
  o.budgetMiB = budgetMiB;
  o.prefetch = read == SequenceRead::Exact ? media::MeshSequenceOptions::Prefetch::Manual
                                           : media::MeshSequenceOptions::Prefetch::Thread;
  auto seq = media::MeshSequence::open(std::move(*files), o);
  if (!seq) return seq.error();
  spdlog::debug("mesh sequence {}: {} frames at {} fps from {}", m.id, seq.value()->frameCount(), m.fps, m.path.string());
  return std::shared_ptr<media::MeshSequence>(std::move(seq.value()));
}

// The sequence's texture video, frame i for mesh frame i, read as the sequence is.
Result<std::shared_ptr<media::SequenceAtlas>> openAtlas(const scenes::Shot& shot, const scenes::MediaRef& m,
                                                        std::size_t frames, SequenceRead read) {
  media::SequenceAtlasOptions o;
  o.prefetch = read == SequenceRead::Exact ? media::SequenceAtlasOptions::Prefetch::Manual
                                           : media::SequenceAtlasOptions::Prefetch::Thread;
  auto atlas = media::SequenceAtlas::open(m.texturePath.string(), frames, o);
  if (!atlas)  // the entry first, then the video's own words (which name the file)
    return Error{scenes::diagnosticPlace(shot.file.string(), m.pointer + "/texture"), atlas.error().message(), ""};
  return std::shared_ptr<media::SequenceAtlas>(std::move(atlas.value()));
}

}  // namespace

glm::vec3 capturePointOf(const scenes::Shot* shot) {
  const scenes::Vec3 o = shot != nullptr ? shot->origin : scenes::Vec3{0, scenes::kDefaultCaptureHeightM, 0};
  return {static_cast<float>(o.x), static_cast<float>(o.y), static_cast<float>(o.z)};
}

bool isGltfPath(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".glb" || ext == ".gltf";
}

Result<std::size_t> sequenceShareMiB(const scenes::Shot& shot, std::size_t sequenceBudgetMiB) {
  // The budget is the machine's memory for decoded frames, shared evenly by the sequences.
  const auto sequences = static_cast<std::size_t>(std::count_if(shot.media.begin(), shot.media.end(), [](const auto& m) {
    return m.kind == scenes::MediaKind::MeshSequence || m.kind == scenes::MediaKind::SplatSequence;
  }));
  if (sequences == 0) return sequenceBudgetMiB;
  const std::size_t eachMiB = sequenceBudgetMiB / sequences;
  if (eachMiB < 1)
    return Error{shot.file.string(),
                 "a sequence memory budget of " + std::to_string(sequenceBudgetMiB) + " MiB is less than 1 MiB for each of its " +
                     std::to_string(sequences) + " mesh and splat sequences",
                 "give --sequence-budget-mib " + std::to_string(sequences) + " or more"};
  return eachMiB;
}

Result<std::vector<PlacedSet>> loadShotSets(const scenes::Shot& shot, SetFailure onFailure, SequenceRead sequenceRead,
                                            std::size_t sequenceBudgetMiB) {
  auto share = sequenceShareMiB(shot, sequenceBudgetMiB);
  if (!share) return share.error();
  const std::size_t eachMiB = *share;
  std::vector<PlacedSet> sets;
  for (const scenes::MediaRef& m : shot.media) {
    if (m.kind == scenes::MediaKind::MeshSequence) {
      auto seq = openSequence(m, sequenceRead, eachMiB);
      if (!seq) {
        if (onFailure == SetFailure::Refuse) return seq.error();
        spdlog::warn("{}; playing the shot without the mesh sequence {}", seq.error().message(), m.id);
        continue;
      }
      PlacedSet set;
      if (!m.texturePath.empty()) {
        auto atlas = openAtlas(shot, m, seq.value()->frameCount(), sequenceRead);
        if (!atlas) {
          if (onFailure == SetFailure::Refuse) return atlas.error();
          spdlog::warn("{}; playing the shot without the mesh sequence {}", atlas.error().message(), m.id);
          continue;
        }
        set.atlas = std::move(*atlas);
      }
      set.id = m.id;
      set.path = m.path;
      set.setToStage = glm::mat4(scenes::placementMatrix(m.transform));
      set.startSeconds = m.startSeconds;
      set.scene = std::make_shared<const scenes::MeshScene>();  // its frames come from the sequence
      set.sequence = std::move(*seq);
      sets.push_back(std::move(set));
      continue;
    }
    if (m.kind != scenes::MediaKind::Gltf) continue;
    auto loaded = media::loadGltf(m.path, shot.root);
    if (!loaded) {
      if (onFailure == SetFailure::Refuse) return loaded.error();
      spdlog::warn("{}; playing the shot without the set {}", loaded.error().message(), m.id);
      continue;
    }
    logWarnings(m.path, loaded->warnings);
    int animation = -1;
    if (m.animation) {
      animation = scenes::findAnimation(loaded->scene.animations, m.animation->name);
      if (animation < 0) {
        Error missing{scenes::diagnosticPlace(shot.file.string(), m.pointer + "/animation/name"),
                      "the set " + scenes::quote(m.src) + " has no animation named " + scenes::quote(m.animation->name), {}};
        if (onFailure == SetFailure::Refuse) return missing;
        spdlog::warn("{}; the set {} stands still", missing.message(), m.id);
      }
    }
    PlacedSet set;
    set.animation = animation;
    if (m.animation) set.timing = m.animation->timing;
    set.id = m.id;
    set.path = m.path;
    set.scene = std::make_shared<const scenes::MeshScene>(std::move(loaded->scene));
    set.setToStage = glm::mat4(scenes::placementMatrix(m.transform));
    set.startSeconds = m.startSeconds;
    spdlog::debug("set {}: {} triangles from {}", m.id, set.scene->triangleCount(), m.path.string());
    sets.push_back(std::move(set));
  }
  return sets;
}

Result<PlacedSet> loadBareSet(const std::filesystem::path& file) {
  auto loaded = media::loadGltf(file, file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path());
  if (!loaded) return loaded.error();
  logWarnings(file, loaded->warnings);
  PlacedSet set;
  set.id = file.stem().string();
  set.path = file;
  set.scene = std::make_shared<const scenes::MeshScene>(std::move(loaded->scene));
  if (!set.scene->animations.empty()) set.animation = 0;
  return set;
}

std::vector<glm::mat4> instanceWorldsAt(const PlacedSet& set, double shotSeconds) {
  SetPose pose(set);
  pose.moveTo(shotSeconds);
  std::vector<glm::mat4> worlds;
  for (const scenes::MeshInstance& i : set.scene->instances()) worlds.push_back(pose.world()[static_cast<std::size_t>(i.node)]);
  return worlds;
}

}  // namespace ps::player
