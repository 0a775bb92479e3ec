// ps_make_set: writes a generated glTF set (.glb) of known geometry (make_set/known_sets.h).
//   ps_make_set --demo -o set.glb           the demo set: a floor and three boxes
//   ps_make_set --triangles N -o set.glb    a UV sphere of about N triangles (benchmarks)
//   ps_make_set --sequence N -o folder      a mesh sequence of N frames, frame_000.glb ...,
//                                           each showing its index (make_set/sequence_frames.h)
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
#include "make_set/sequence_frames.h"

namespace {

bool writeFile(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) std::fprintf(stderr, "ps_make_set: cannot write %s\n", path.c_str());
  return static_cast<bool>(out);
}

// Frames numbered from 0 with three digits, so that names sort as numbers too.
int writeSequence(const std::string& folder, std::size_t frames, std::uint64_t bodyTriangles, bool draco) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    std::fprintf(stderr, "ps_make_set: cannot create %s: %s\n", folder.c_str(), ec.message().c_str());
    return 1;
  }
  for (std::size_t i = 0; i < frames; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%03zu.glb", i);
    if (draco) {
      const ps::make_set::DracoFrame frame = ps::make_set::dracoSequenceFrame(i, bodyTriangles);
      const std::filesystem::path glb = std::filesystem::path(folder) / name;
      if (!writeFile(glb.string(), frame.glb) || !writeFile(std::filesystem::path(glb).replace_extension(".drc").string(), frame.drc))
        return 1;
      continue;
    }
    if (!writeFile((std::filesystem::path(folder) / name).string(), ps::make_set::sequenceFrame(i, bodyTriangles))) return 1;
  }
  return 0;
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
  bool draco = false;
  app.add_flag("--draco", draco,
               "with --sequence and --body-triangles: each frame is only the body, Draco-compressed, also\n"
               "written as a bare .drc beside it (for draco_decoder)")
      ->needs(sequenceOption);
  CLI11_PARSE(app, argc, argv);
  if (draco && body == 0) {
    std::fprintf(stderr, "ps_make_set: --draco needs --body-triangles\n");
    return 2;
  }
  if (sequence > 0) {
    if (triangles != 0) {
      std::fprintf(stderr, "ps_make_set: --triangles is for a single set; with --sequence give --body-triangles\n");
      return 2;
    }
    return writeSequence(output, sequence, body, draco);
  }
  if (!demo && triangles == 0) {
    std::fprintf(stderr, "ps_make_set: give --demo, --triangles N or --sequence N\n");
    return 2;
  }
  return writeFile(output, demo ? ps::make_set::demoSet() : ps::make_set::sphereSet(triangles)) ? 0 : 1;
}
