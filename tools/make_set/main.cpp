// ps_make_set: writes a generated glTF set (.glb) of known geometry (make_set/known_sets.h).
//   ps_make_set --demo -o set.glb           the demo set: a floor and three boxes
//   ps_make_set --triangles N -o set.glb    a UV sphere of about N triangles (benchmarks)
//   ps_make_set --sequence N -o folder      a mesh sequence of N frames, frame_000.glb ...,
//                                           each showing its index (make_set/sequence_frames.h)
//     [--atlas atlas.mp4 [--atlas-frames M]]  and its texture atlas video stamping each frame's
//                                           index (make_set/sequence_atlas.h; M frames, default N)
//   ps_make_set --performer N -o folder     a figure walking across the demo set in N frames,
//                                           performer_000.glb ... (make_set/performer_frames.h)
//   ps_make_set --sequence N --draco --body-triangles T -o folder
//                                           N Draco frames of about T triangles, each as
//                                           frame_000.glb and the same stream as frame_000.drc
//                                           (make_set/draco_frames.h; benchmarks)
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <CLI/CLI.hpp>

#include "make_set/draco_frames.h"
#include "make_set/known_sets.h"
#include "make_set/performer_frames.h"
#include "make_set/sequence_atlas.h"
#include "make_set/sequence_frames.h"

namespace {

bool writeFile(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) std::fprintf(stderr, "ps_make_set: cannot write %s\n", path.c_str());
  return static_cast<bool>(out);
}

// Frames numbered from 0 with three digits, so that names sort as numbers too; write(i, path)
// writes frame i as path (a .glb) and whatever goes beside it.
template <typename Write>
int writeFrames(const std::string& folder, std::size_t frames, const char* stem, const Write& write) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    std::fprintf(stderr, "ps_make_set: cannot create %s: %s\n", folder.c_str(), ec.message().c_str());
    return 1;
  }
  for (std::size_t i = 0; i < frames; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%s_%03zu.glb", stem, i);
    if (!write(i, std::filesystem::path(folder) / name)) return 1;
  }
  return 0;
}

// Draco frames for the streaming benchmark: each frame's GLB and the same stream as a bare .drc.
bool writeDracoFrame(std::size_t i, std::uint64_t bodyTriangles, const std::filesystem::path& glb) {
  const ps::make_set::DracoFrame frame = ps::make_set::dracoSequenceFrame(i, bodyTriangles);
  return writeFile(glb.string(), frame.glb) && writeFile(std::filesystem::path(glb).replace_extension(".drc").string(), frame.drc);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a generated glTF set of known geometry (see make_set/known_sets.h)"};
  std::string output;
  bool demo = false;
  std::uint64_t triangles = 0;
  app.add_option("-o,--output", output, "the .glb to write (with --sequence: the folder)")->required();
  auto* demoOption = app.add_flag("--demo", demo, "the demo set: a 6x6 m floor and three boxes");
  app.add_option("--triangles", triangles, "a UV sphere of about N triangles (exactly 4*ceil(sqrt(N/4))^2)")
      ->check(CLI::Range(std::uint64_t(16), std::uint64_t(16'000'000)))
      ->excludes(demoOption);
  std::size_t sequence = 0;
  auto* sequenceOption =
      app.add_option("--sequence", sequence, "a folder of N numbered GLB frames, each showing its index in binary")
          ->check(CLI::Range(std::size_t(1), ps::make_set::kSeqMaxFrames))
          ->excludes(demoOption);
  std::uint64_t body = 0;
  app.add_option("--body-triangles", body, "with --sequence: each frame also holds a sphere of about N triangles")
      ->check(CLI::Range(std::uint64_t(16), std::uint64_t(16'000'000)))
      ->needs(sequenceOption);
  std::size_t performer = 0;
  app.add_option("--performer", performer, "a folder of N numbered GLB frames of a figure walking across the demo set")
      ->check(CLI::Range(std::size_t(1), std::size_t(100000)))
      ->excludes(demoOption)
      ->excludes(sequenceOption);
  std::string atlas;
  std::size_t atlasFrames = 0;
  auto* atlasOption = app.add_option("--atlas", atlas, "with --sequence: also its texture atlas video (H.264; needs ffmpeg)")
                          ->needs(sequenceOption);
  app.add_option("--atlas-frames", atlasFrames, "the atlas video's frame count (default: the sequence's)")
      ->check(CLI::Range(std::size_t(1), ps::make_set::kSeqMaxFrames))
      ->needs(atlasOption);
  bool draco = false;
  app.add_flag("--draco", draco,
               "with --sequence and --body-triangles: each frame is only the body, Draco-compressed, also\n"
               "written as a bare .drc beside it (for draco_decoder)")
      ->needs(sequenceOption)
      ->excludes(atlasOption);
  CLI11_PARSE(app, argc, argv);
  if (draco && body == 0) {
    std::fprintf(stderr, "ps_make_set: --draco needs --body-triangles\n");
    return 2;
  }
  if (performer > 0) {
    if (triangles != 0) {
      std::fprintf(stderr, "ps_make_set: --triangles is for a single set, not --performer\n");
      return 2;
    }
    return writeFrames(output, performer, "performer", [&](std::size_t i, const std::filesystem::path& file) {
      return writeFile(file.string(), ps::make_set::performerFrame(i, performer));
    });
  }
  if (sequence > 0) {
    if (triangles != 0) {
      std::fprintf(stderr, "ps_make_set: --triangles is for a single set; with --sequence give --body-triangles\n");
      return 2;
    }
    if (draco)
      return writeFrames(output, sequence, "frame",
                         [&](std::size_t i, const std::filesystem::path& file) { return writeDracoFrame(i, body, file); });
    const bool withAtlas = !atlas.empty();
    const int rc = writeFrames(output, sequence, "frame", [&](std::size_t i, const std::filesystem::path& file) {
      return writeFile(file.string(), ps::make_set::sequenceFrame(i, body, withAtlas));
    });
    if (rc != 0) return rc;
    if (atlas.empty()) return 0;
    const std::string failed = ps::make_set::writeAtlasVideo(atlas, atlasFrames > 0 ? atlasFrames : sequence);
    if (!failed.empty()) std::fprintf(stderr, "ps_make_set: %s\n", failed.c_str());
    return failed.empty() ? 0 : 1;
  }
  if (!demo && triangles == 0) {
    std::fprintf(stderr, "ps_make_set: give --demo, --triangles N, --sequence N or --performer N\n");
    return 2;
  }
  return writeFile(output, demo ? ps::make_set::demoSet() : ps::make_set::sphereSet(triangles)) ? 0 : 1;
}
