#pragma once
// --sequence-budget-mib: the memory for a shot's decoded mesh-sequence frames. It belongs to the
// machine that plays (how much RAM it can spare), not to the shot, so it is a flag of the
// commands that play, render or bench a shot rather than a member of shot.json.
#include <CLI/CLI.hpp>
#include <cstddef>

namespace ps::tools {

// Adds the flag to `command`, writing into `mib` (left at its default when not given).
void addSequenceBudgetOption(CLI::App& command, std::size_t& mib);

}  // namespace ps::tools
