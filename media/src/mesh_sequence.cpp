#include "media/mesh_sequence.h"

#include <utility>

namespace ps::media {

namespace {

template <typename T>
std::size_t vectorBytes(const std::vector<T>& v) {
  return v.size() * sizeof(T);
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
  return std::unique_ptr<MeshSequence>(new MeshSequence(std::move(files), options));
}

MeshSequence::MeshSequence(MeshSequenceFiles files, const MeshSequenceOptions& options)
    : files_(std::move(files)), options_(options) {
  timing_.startSeconds = options.startSeconds;
  timing_.offsetSeconds = options.offsetSeconds;
  timing_.rate = 1.0;
  timing_.mediaEndSeconds = static_cast<double>(files_.frames.size()) / options.fps;
  std::vector<std::string> names;
  names.reserve(files_.frames.size());
  for (const auto& f : files_.frames) names.push_back(f.string());
  auto load = [this](std::size_t index) -> Result<LoadedFrame> {
    auto loaded = loadGltf(files_.frames[index], files_.packageRoot, options_.limits);
    if (!loaded) return loaded.error();
    const std::size_t bytes = meshSceneBytes(loaded->scene);
    return LoadedFrame{std::make_shared<const scenes::MeshScene>(std::move(loaded->scene)), bytes};
  };
  frames_ = std::make_unique<FramePrefetch>(std::move(names), std::move(load), options.budgetMiB << 20,
                                            options.prefetch, "mesh sequence");
}

MeshSequence::~MeshSequence() = default;

std::optional<std::size_t> MeshSequence::frameAt(double shotSeconds) const {
  return sequenceFrameAt(timing_, options_.fps, frameCount(), shotSeconds);
}

MeshSequenceFrame MeshSequence::show(double shotSeconds) {
  MeshSequenceFrame out;
  out.wanted = frameAt(shotSeconds);
  if (!out.wanted) return out;
  auto shown = frames_->show(*out.wanted);
  out.shown = shown.index;
  out.scene = std::static_pointer_cast<const scenes::MeshScene>(std::move(shown.data));
  return out;
}

MeshSequenceStats MeshSequence::stats() const { return frames_->stats(); }
std::vector<std::string> MeshSequence::problems() const { return frames_->problems(); }
bool MeshSequence::ready(std::size_t index) const { return frames_->ready(index); }
std::shared_ptr<const scenes::MeshScene> MeshSequence::kept(std::size_t index) const {
  return std::static_pointer_cast<const scenes::MeshScene>(frames_->kept(index));
}
bool MeshSequence::pumpOne() { return frames_->pumpOne(); }
std::size_t MeshSequence::pump(std::size_t maxFrames) { return frames_->pump(maxFrames); }
bool MeshSequence::waitIdle(double timeoutSeconds) { return frames_->waitIdle(timeoutSeconds); }

}  // namespace ps::media
