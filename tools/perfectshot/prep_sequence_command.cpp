#include "prep_sequence_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "media/ffmpeg_url.h"
#include "progress_bar.h"
#include "quit_signals.h"
#include "report.h"
#include "sequence_prep.h"

namespace ps::tools {

namespace {
constexpr int kExitInterrupted = 130;  // as a shell reports a command ended by Ctrl-C
}

int runSequencePrep(const SequencePrepArgs& args) {
  QuitSignals quit;  // before any thread: the frame loop and the atlas encode poll it
  const auto compression = parseMeshCompression(args.compression);
  if (!compression)
    return reportError(Error{"--compression", fmt::format("unknown value \"{}\"", args.compression), "draco or meshopt"});
  if (auto s = media::requireLocalPath(args.out, "the package folder"); !s) return reportError(s.error());
  SequencePrepOptions options{.input = args.input,
                              .out = args.out,
                              .force = args.force,
                              .compression = *compression,
                              .fps = args.fps,
                              .atlas = args.atlas,
                              .preset = args.preset};
  ProgressBar bar("prep");
  auto outcome = prepSequence(options, [&](double f) { bar.update(f); }, [&] { return quit.received(); });
  if (!outcome) return reportError(outcome.error());
  if (outcome->interrupted) {
    spdlog::warn("prep: interrupted; nothing was written to {}", args.out);
    return kExitInterrupted;
  }
  bar.finish();
  const double ratio = outcome->inputBytes > 0 ? static_cast<double>(outcome->bytes) / static_cast<double>(outcome->inputBytes) : 0;
  std::cout << fmt::format("prep: wrote {} ({} frames, {} triangles, {} {:.1f} MiB, {:.0f}% of the input{}); its {} is "
                           "the mesh sequence's src\n",
                           args.out, outcome->frames, outcome->triangles, toString(*compression),
                           static_cast<double>(outcome->bytes) / (1 << 20), ratio * 100,
                           args.atlas.empty() ? "" : ", atlas.mp4 and atlas_proxy.mp4", kSequenceListing);
  return 0;
}

}  // namespace ps::tools
