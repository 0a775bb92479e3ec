#include "sequence_prep.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <fstream>
#include <system_error>

#include <glm/common.hpp>
#include <nlohmann/json.hpp>

#include "ffmpeg_job.h"
#include "media/ffmpeg_url.h"
#include "media/gltf_loader.h"
#include "media/mesh_sequence_files.h"
#include "media/video_source.h"
#include "media/numbered_files.h"
#include "partial_package.h"
#include "scenes/atomic_file.h"
#include "sequence_atlas.h"

namespace ps::tools {

namespace fs = std::filesystem;

namespace {

constexpr double kMeshShare = 0.7;  // of the progress bar, when an atlas is encoded too

Status writeBytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Error{file.string(), "cannot be written", "check the free space"};
  return ok();
}

// The frame as the player will read it: its triangles and bounds, from the written bytes.
Result<ListedFrame> verifyFrame(const std::vector<std::uint8_t>& bytes, const fs::path& file, const fs::path& source) {
  auto set = media::loadGltfBytes(bytes, file.filename().string(), file.parent_path(), file.parent_path());
  if (!set) return Error{source.string(), "its compressed frame does not load: " + set.error().message(), ""};
  ListedFrame f;
  f.file = file.filename().string();
  f.bytes = bytes.size();
  f.triangles = set->scene.triangleCount();
  bool first = true;
  for (const scenes::MeshInstance& instance : set->scene.instances())
    for (const scenes::MeshPrimitive& p : set->scene.meshes[static_cast<std::size_t>(instance.mesh)].primitives)
      for (const glm::vec3& v : p.positions) {
        const glm::vec3 w(instance.world * glm::vec4(v, 1.0f));
        f.boundsMin = first ? w : glm::min(f.boundsMin, w);
        f.boundsMax = first ? w : glm::max(f.boundsMax, w);
        first = false;
      }
  return f;
}

// The atlas video's frames, counted by decoding (a container's count may be missing or wrong).
Result<std::size_t> countFrames(const fs::path& file) {
  media::DecodeOptions options;
  options.threads = 1;
  auto video = media::VideoSource::open(file.string(), options);
  if (!video) return video.error();
  if (auto n = video->info().frameCount; n && *n >= 0) return static_cast<std::size_t>(*n);
  return Error{file.string(), "does not say how many frames it holds", ""};
}

Status encodeAtlas(const SequencePrepOptions& o, std::size_t frames, const fs::path& dir,
                   const std::function<void(double)>& progress, const std::function<bool()>& shouldStop, bool& stopped) {
  const fs::path staging = dir / ".atlas-staging";
  auto input = atlasInput(o.atlas, o.fps, staging);
  if (!input) return input.error();
  if (input->frames > 0 && input->frames < frames)
    return Error{o.atlas, fmt::format("holds {} images; the sequence has {} frames", input->frames, frames),
                 "the atlas needs an image for every frame"};
  const double seconds = static_cast<double>(frames) / o.fps;
  auto job = runFfmpegJob(atlasFfmpegArgs(*input, o.fps, frames, o.preset, dir),
                          [&](double out) { progress(kMeshShare + (1 - kMeshShare) * out / seconds); }, shouldStop);
  std::error_code ec;
  fs::remove_all(staging, ec);
  if (!job) return job.error();
  if (job->stopped) {
    stopped = true;
    return ok();
  }
  if (job->exitCode != 0) return Error{o.atlas, "ffmpeg could not encode the atlas", job->errorSummary()};
  for (const char* name : {kAtlasFile, kAtlasProxyFile}) {
    auto n = countFrames(dir / name);
    if (!n) return n.error();
    if (*n < frames)
      return Error{o.atlas, fmt::format("holds {} frames; the sequence has {}", *n, frames),
                   "the atlas needs a frame for every mesh frame"};
  }
  return ok();
}

// Bounds to the micrometre: "1.63", not the float's "1.6299999952316284".
nlohmann::json micrometres(glm::vec3 v) {
  const auto round = [](float c) { return std::round(static_cast<double>(c) * 1e6) / 1e6; };
  return nlohmann::json::array({round(v.x), round(v.y), round(v.z)});
}

}  // namespace

std::string sequenceListingJson(const std::vector<ListedFrame>& frames, MeshCompression compression, double fps,
                                bool atlas) {
  using Json = nlohmann::ordered_json;
  Json head = {{"format", "perfectshot-mesh-sequence/1"}, {"compression", std::string(toString(compression))},
               {"fps", fps}};
  if (atlas) head["atlas"] = Json{{"src", kAtlasFile}, {"proxy", kAtlasProxyFile}, {"gop", kAtlasGop}};
  // One line a frame: a listing of thousands of frames stays readable and diffable.
  std::string out = head.dump(2);
  out.pop_back();  // the closing brace
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  out += ",\n  \"frames\": [\n";
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const ListedFrame& f = frames[i];
    const Json frame = {{"file", f.file},
                        {"bytes", f.bytes},
                        {"triangles", f.triangles},
                        {"bounds", {{"min", micrometres(f.boundsMin)}, {"max", micrometres(f.boundsMax)}}}};
    out += "    " + frame.dump() + (i + 1 < frames.size() ? ",\n" : "\n");
  }
  return out + "  ]\n}\n";
}

Result<SequencePrepOutcome> prepSequence(const SequencePrepOptions& o, const std::function<void(double)>& progress,
                                         const std::function<bool()>& shouldStop) {
  if (!(o.fps > 0 && o.fps <= 1000)) return Error{"--fps", fmt::format("{} is not in (0, 1000]", o.fps), ""};
  auto source = media::listNumberedFiles(o.input, {".obj", ".ply", ".glb"}, "mesh frames", media::kMaxSequenceFrames);
  if (!source) return source.error();
  // An existing package is refused before any work.
  auto package = PartialPackage::create(o.out, o.force);
  if (!package) return package.error();
  const fs::path& dir = package->dir();
  const std::size_t count = source->files.size();
  const double meshShare = o.atlas.empty() ? 1.0 : kMeshShare;
  spdlog::info("prep: {} {} frames in {}, compressed with {}", count, source->extension, o.input.string(),
               toString(o.compression));

  SequencePrepOutcome outcome;
  outcome.frames = count;
  std::vector<ListedFrame> listed;
  std::vector<std::string> dropped;
  for (std::size_t i = 0; i < count; ++i) {
    if (shouldStop()) {
      outcome.interrupted = true;
      return outcome;  // the package's destructor removes the partial folder
    }
    const fs::path& input = source->files[i];
    auto frame = readCaptureFrame(input);
    if (!frame) return frame.error();
    for (const std::string& what : frame->dropped)
      if (std::find(dropped.begin(), dropped.end(), what) == dropped.end()) {
        dropped.push_back(what);
        spdlog::warn("prep: {}: its {} are not carried into the package (first in this frame){}", input.string(), what,
                     what == "textures" ? "; give the texture atlas with --atlas" : "");
      }
    auto bytes = encodeCaptureGlb(*frame, o.compression);
    if (!bytes) return Error{input.string(), bytes.error().message(), ""};
    const fs::path file = dir / fmt::format("frame_{:06}.glb", i);
    auto verified = verifyFrame(*bytes, file, input);
    if (!verified) return verified.error();
    if (verified->triangles != frame->triangleCount())
      spdlog::warn("prep: {}: {} of its {} triangles are degenerate and were left out", input.string(),
                   frame->triangleCount() - verified->triangles, frame->triangleCount());
    if (auto s = writeBytes(file, *bytes); !s) return s.error();
    std::error_code ec;
    outcome.inputBytes += fs::file_size(input, ec);
    outcome.bytes += bytes->size();
    outcome.triangles += verified->triangles;
    listed.push_back(std::move(*verified));
    progress(meshShare * static_cast<double>(i + 1) / static_cast<double>(count));
  }
  if (!o.atlas.empty()) {
    bool stopped = false;
    if (auto s = encodeAtlas(o, count, dir, progress, shouldStop, stopped); !s) return s.error();
    if (stopped || shouldStop()) {
      outcome.interrupted = true;
      return outcome;
    }
  }
  // The listing last: until the rename below, nothing looks like a sequence.
  if (auto s = scenes::writeFileAtomically(dir / kSequenceListing,
                                           sequenceListingJson(listed, o.compression, o.fps, !o.atlas.empty()));
      !s)
    return s.error();
  if (auto s = package->commit(); !s) return s.error();
  return outcome;
}

}  // namespace ps::tools
