#pragma once
// `perfectshot prep FOLDER`: the volumetric capture branch of the prep command (sequence_prep.h),
// with the progress bar, Ctrl-C and the one-line report.
#include <string>

namespace ps::tools {

struct SequencePrepArgs {
  std::string input, out, compression = "draco", atlas, preset = "medium";
  double fps = 30;
  bool force = false;
};

int runSequencePrep(const SequencePrepArgs& args);

}  // namespace ps::tools
