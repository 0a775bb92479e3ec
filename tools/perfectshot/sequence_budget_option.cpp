#include "sequence_budget_option.h"

#include "media/mesh_sequence.h"

namespace ps::tools {

void addSequenceBudgetOption(CLI::App& command, std::size_t& mib) {
  mib = media::kDefaultSequenceBudgetMiB;
  command
      .add_option("--sequence-budget-mib", mib,
                  "MiB of decoded mesh-sequence frames held around the playhead, shared evenly by the shot's\n"
                  "mesh sequences (at least 1 MiB each)")
      ->check(CLI::Range(std::size_t{1}, media::kMaxSequenceBudgetMiB))
      ->capture_default_str();
}

}  // namespace ps::tools
