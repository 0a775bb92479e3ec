// ps_make_splats: writes the generated splat capture of a small object set
// (make_splats/object_set.h) as INRIA .ply, or a 4D sequence of it whose frames spell their own
// index (make_splats/splat_sequence.h).
//   ps_make_splats -o set.ply [--seed S] [--sh-degree D] [--splats N]
//   ps_make_splats --frames N [--fps F] -o folder [--seed S] [--sh-degree D] [--splats N]
//                  frame_000000.ply ... in a new or empty folder; the orbiting sphere turns
//                  once in 4 s of F frames a second
#include <cstdio>

#include <CLI/CLI.hpp>

#include "make_splats/object_set.h"
#include "make_splats/splat_sequence.h"
#include "media/splat_files.h"

int main(int argc, char** argv) {
  using namespace ps;
  CLI::App app{"Writes the generated splat capture of an object set (see make_splats/object_set.h)"};
  make_splats::ObjectSetSpec spec;
  std::string output;
  std::size_t frames = 0;
  double fps = 30.0;
  app.add_option("-o,--output", output, "the .ply to write, or with --frames the folder of frames")->required();
  app.add_option("--seed", spec.seed, "the generator's seed (the same seed gives the same file)")->capture_default_str();
  app.add_option("--sh-degree", spec.shDegree, "spherical-harmonics degree of the cloud, 0..3")
      ->check(CLI::Range(0, 3))
      ->capture_default_str();
  app.add_option("--splats", spec.splats, "about how many splats the object set has (benchmarks)")
      ->check(CLI::Range(make_splats::kMinObjectSetSplats, make_splats::kMaxObjectSetSplats))
      ->capture_default_str();
  auto* framesOption = app.add_option("--frames", frames, "write a 4D sequence of this many frames")
                           ->check(CLI::Range(std::size_t{1}, make_splats::kMaxSequenceFrames));
  app.add_option("--fps", fps, "the sequence's frames per second (how far the sphere moves a frame)")
      ->check(CLI::Range(1.0, 240.0))
      ->needs(framesOption)
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  const Status written = frames > 0 ? make_splats::writeSplatSequence(output, frames, fps, spec)
                                    : media::writeSplatPly(make_splats::objectSetSplats(spec), output);
  if (!written) {
    std::fprintf(stderr, "ps_make_splats: %s\n", written.error().message().c_str());
    return 1;
  }
  return 0;
}
