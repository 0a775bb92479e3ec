// perfectshot bench: speed against a peer measured in the same run.
#include "bench_commands.h"
#include "commands.h"

namespace ps::tools {

void addBenchCommand(CLI::App& app, CommandOutcome& outcome) {
  CLI::App* bench = app.add_subcommand(
      "bench",
      "Benchmarks. Each measures PerfectShot and a peer (the ffmpeg CLI) on the same file in the same\n"
      "run and prints both and their ratio. Not tests: run them on a quiet machine.");
  bench->require_subcommand(1);
  addBenchPlayback(*bench, outcome);
  addBenchSeek(*bench, outcome);
  addBenchRender(*bench, outcome);
  addBenchXr(*bench, outcome);
  addBenchLive(*bench, outcome);
  addBenchScrub(*bench, outcome);
  addBenchSoak(*bench, outcome);
  addBenchMarkers(*bench, outcome);
  addBenchMesh(*bench, outcome);
  addBenchDeform(*bench, outcome);
  addBenchSplatVideo(*bench, outcome);
  addBenchSequence(*bench, outcome);
  addBenchSequenceRender(*bench, outcome);
  addBenchCut(*bench, outcome);
  addBenchRgbdDecode(*bench, outcome);
  addBenchRgbd(*bench, outcome);
  addBenchSplats(*bench, outcome);
  addBenchSplatWalk(*bench, outcome);
}

}  // namespace ps::tools
