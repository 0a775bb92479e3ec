// ps_make_set: writes a generated glTF set (.glb) of known geometry (make_set/known_sets.h).
//   ps_make_set --demo -o set.glb           the demo set: a floor and three boxes
//   ps_make_set --triangles N -o set.glb    a UV sphere of about N triangles (benchmarks)
#include <cstdio>
#include <fstream>

#include <CLI/CLI.hpp>

#include "make_set/known_sets.h"

int main(int argc, char** argv) {
  CLI::App app{"Writes a generated glTF set of known geometry (see make_set/known_sets.h)"};
  std::string output;
  bool demo = false;
  std::uint64_t triangles = 0;
  app.add_option("-o,--output", output, "the .glb to write")->required();
  auto* demoOption = app.add_flag("--demo", demo, "the demo set: a 6x6 m floor and three boxes");
  app.add_option("--triangles", triangles, "a UV sphere of about N triangles (exactly 4*ceil(sqrt(N/4))^2)")
      ->check(CLI::Range(std::uint64_t(16), std::uint64_t(16'000'000)))
      ->excludes(demoOption);
  CLI11_PARSE(app, argc, argv);
  if (!demo && triangles == 0) {
    std::fprintf(stderr, "ps_make_set: give --demo or --triangles N\n");
    return 2;
  }
  const std::vector<std::uint8_t> glb = demo ? ps::make_set::demoSet() : ps::make_set::sphereSet(triangles);
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(glb.data()), static_cast<std::streamsize>(glb.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "ps_make_set: cannot write %s\n", output.c_str());
    return 1;
  }
  return 0;
}
