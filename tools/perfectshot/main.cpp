// perfectshot: wires the subcommands together and catches at the top.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <iostream>

#include "commands.h"
#include "logging.h"

namespace {

// A common option: taken before the subcommand and after it (by every subcommand, at any
// depth), all into one variable, so the last one given wins.
void addLogLevelOption(CLI::App& app, std::string& level, ps::tools::LogFileOptions& file) {
  using ps::tools::LogFileOptions;
  app.add_option("--log-level", level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_option("--log-file", file.path,
                 "also log to this file (NAME.EXT), rotated at --log-max-mib to NAME.1.EXT, NAME.2.EXT, ...");
  app.add_option("--log-max-mib", file.maxMiB,
                 fmt::format("with --log-file: MiB per file before it rotates (default {})", LogFileOptions::kDefaultMaxMiB))
      ->check(CLI::Range(std::int64_t{1}, static_cast<std::int64_t>(LogFileOptions::kMostMiB)));
  app.add_option("--log-files", file.files,
                 fmt::format("with --log-file: rotated files kept (default {})", LogFileOptions::kDefaultFiles))
      ->check(CLI::Range(std::int64_t{1}, static_cast<std::int64_t>(LogFileOptions::kMostFiles)));
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_name().empty(); }))
    addLogLevelOption(*sub, level, file);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"PerfectShot: step inside an iconic film shot.\n"
               "Plays 360/180 captures in a headset, a window, or headlessly."};
  app.require_subcommand(1);
  std::string logLevel = "info";
  ps::tools::LogFileOptions logFile;
  app.parse_complete_callback([&] {
    try {
      ps::tools::setupLogging(logLevel, logFile);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError(e.what());
    }
  });

  ps::tools::CommandOutcome outcome;
  ps::tools::addProbeCommand(app, outcome);
  ps::tools::addRenderCommand(app, outcome);
  ps::tools::addPlayCommand(app, outcome);
  ps::tools::addKioskCommand(app, outcome);
  ps::tools::addBenchCommand(app, outcome);
  ps::tools::addLintCommand(app, outcome);
  ps::tools::addPrepCommand(app, outcome);
  ps::tools::addWalkthroughCommand(app, outcome);
  addLogLevelOption(app, logLevel, logFile);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    // Anything that reaches here is a bug or an API failure, not a user mistake: those
    // are reported by the commands themselves. Still one line, still non-zero.
    std::cerr << "perfectshot: error: " << e.what() << "\n";
    return 3;
  }
  return outcome.exitCode;
}
