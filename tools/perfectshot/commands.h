#pragma once
// The subcommands of `perfectshot`. Each adds itself to the CLI and, when chosen,
// runs and returns the process exit code through `exitCode`.
#include <CLI/CLI.hpp>

namespace ps::tools {

struct CommandOutcome {
  int exitCode = 0;
};

void addProbeCommand(CLI::App& app, CommandOutcome& outcome);
void addRenderCommand(CLI::App& app, CommandOutcome& outcome);
void addPlayCommand(CLI::App& app, CommandOutcome& outcome);
void addKioskCommand(CLI::App& app, CommandOutcome& outcome);
void addBenchCommand(CLI::App& app, CommandOutcome& outcome);
void addLintCommand(CLI::App& app, CommandOutcome& outcome);
void addPrepCommand(CLI::App& app, CommandOutcome& outcome);
void addWalkthroughCommand(CLI::App& app, CommandOutcome& outcome);

}  // namespace ps::tools
