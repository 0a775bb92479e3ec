// perfectshot bench cut: an episode looped on the active OpenXR runtime (xr/sim in CI, paced at
// its refresh rate, not lockstep) for N display frames; the display frames at the cuts between
// items (the first frame of each item) against the ordinary ones: late frames (the frame's
// work ended after its predicted display time), the wall time since the previous frame, and
// whether the cut's frame had its picture.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_commands.h"
#include "player/episode_player.h"
#include "report.h"
#include "scenes/playlist.h"
#include "xr/openxr_display.h"

namespace ps::tools {

namespace {

struct BenchCutArgs {
  std::string playlist;
  std::uint64_t frames = 2700;
  bool noTimeline = false;
};

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct FrameSample {
  double sincePrevious = 0;  // wall seconds since the previous frame ended
  bool late = false;         // ended after its predicted display time
};

std::string summary(const std::vector<FrameSample>& samples) {
  std::vector<double> gaps;
  std::size_t late = 0;
  for (const FrameSample& s : samples) {
    gaps.push_back(s.sincePrevious);
    late += s.late ? 1 : 0;
  }
  if (gaps.empty()) return "none";
  return fmt::format("{} frames, {} late ({:.1f} %); time since the previous frame p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms",
                     samples.size(), late, 100.0 * static_cast<double>(late) / static_cast<double>(samples.size()),
                     1e3 * player::percentile(gaps, 0.5), 1e3 * player::percentile(gaps, 0.99),
                     1e3 * *std::max_element(gaps.begin(), gaps.end()));
}

int runBenchCut(const BenchCutArgs& args) {
  auto playlist = scenes::loadPlaylist(args.playlist);
  if (!playlist) return reportError(playlist.error());
  auto episode = player::loadEpisode(*playlist, 0);
  if (!episode) return reportError(episode.error());
  if (episode->items.size() < 2) return reportError(Error{args.playlist, "has one item: no cut to measure", ""});
  auto display = xr::OpenXrDisplay::create();
  if (!display) return reportError(display.error());

  player::EpisodePlayOptions options;
  options.choices.maxFrames = args.frames;
  options.choices.timeline = !args.noTimeline;
  options.withAudio = false;
  options.atEnd = scenes::EpisodeEnd::Loop;
  std::vector<FrameSample> ordinary, cuts;
  std::uint64_t seenCuts = 0;
  double previous = 0, period = 0;
  options.afterFrame = [&](const xr::DisplayFrame& frame, const media::PlayerFrame&, const player::EpisodePosition& at) {
    const double now = steadySeconds();
    period = frame.period;
    const FrameSample s{previous > 0 ? now - previous : 0, now > frame.predictedDisplayTime};
    // The first item's first frame follows the session's start, not a cut.
    if (previous > 0) (at.cuts != seenCuts && seenCuts > 0 ? cuts : ordinary).push_back(s);
    seenCuts = at.cuts;
    previous = now;
  };
  player::EpisodePlayer player(**display, *episode, options);
  const player::EpisodeRunStats stats = player.run();
  if (!stats.displayEnded) player::endDisplay(**display);
  std::printf("bench cut: %s, %zu items looped, %llu display frames at %.1f Hz, %llu items begun\n",
              args.playlist.c_str(), episode->items.size(), static_cast<unsigned long long>(stats.frames),
              period > 0 ? 1.0 / period : 0.0, static_cast<unsigned long long>(stats.cuts));
  std::printf("ordinary frames: %s\n", summary(ordinary).c_str());
  std::printf("frames at a cut: %s\n", summary(cuts).c_str());
  std::printf("cuts whose first frame had no picture (black): %llu\n",
              static_cast<unsigned long long>(stats.cutsWithoutPicture));
  std::printf("made for the run: %llu player loop, %llu frame objects, %llu timeline panel, %llu overlay\n",
              static_cast<unsigned long long>(stats.loopsMade), static_cast<unsigned long long>(stats.made.frameObjects),
              static_cast<unsigned long long>(stats.made.timelinePanels), static_cast<unsigned long long>(stats.made.overlays));
  return 0;
}

}  // namespace

void addBenchCut(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchCutArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "cut", "An episode looped on the active OpenXR runtime (e.g. XR_RUNTIME_JSON=<build>/xr/sim/perfectshot_sim.json):\n"
             "the display frames at the cuts between items against ordinary frames (late frames, time since the\n"
             "previous frame), and cuts shown without a picture.");
  cmd->add_option("playlist", args->playlist, "a playlist of two or more items")->required();
  cmd->add_option("--frames", args->frames, "display frames to run")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}))
      ->capture_default_str();
  cmd->add_flag("--no-timeline", args->noTimeline, "without the timeline panel");
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchCut(*args); });
}

}  // namespace ps::tools
