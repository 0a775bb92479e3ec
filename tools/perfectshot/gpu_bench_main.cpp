// ps_gpu_bench: the benchmarks that need only the engine (no FFmpeg, OpenAL, GLFW or OpenXR),
// as a binary that carries few libraries: what runs on a borrowed GPU machine that has none of
// the player's. The same code as `perfectshot bench <name>`.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "bench_commands.h"
#include "commands.h"
#include "logging.h"

int main(int argc, char** argv) {
  CLI::App app{"PerfectShot's engine-only benchmarks (the same as perfectshot bench <name>)."};
  app.require_subcommand(1);
  std::string logLevel = "warn";
  app.add_option("--log-level", logLevel, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.parse_complete_callback([&] { ps::tools::setupLogging(logLevel); });
  ps::tools::CommandOutcome outcome;
  ps::tools::addBenchMesh(app, outcome);
  ps::tools::addBenchRgbd(app, outcome);
  ps::tools::addBenchSplats(app, outcome);
  ps::tools::addBenchSplatWalk(app, outcome);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "ps_gpu_bench: error: " << e.what() << "\n";
    return 3;
  }
  return outcome.exitCode;
}
