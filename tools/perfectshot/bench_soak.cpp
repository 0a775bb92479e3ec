// perfectshot bench soak: memory over a long session, accelerated. The player loop runs on
// the offscreen display with display times stepped at --hz (an injected clock: no waiting, so
// a display hour passes in minutes),
// looping the shot, small views, the overlay on; RSS is sampled every 10 s of display time and
// its growth after warm-up is fitted per hour of display time. The peer is the same loop
// keeping every frame's timings in vectors (what the loop's statistics used to do), so the
// run shows what growth of that kind looks like to this measurement.
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bench_commands.h"
#include "report.h"
#include "player/shot_playback.h"
#include "xr/display_factory.h"

namespace ps::tools {

namespace {

struct BenchSoakArgs {
  std::string input;
  double hours = 0.25;  // of display time
  double hz = 90;
  double warmupFraction = 0.2;
  std::uint32_t width = 64, height = 64;
  bool peer = true;
};

double rssBytes() {
  std::ifstream statm("/proc/self/statm");
  double size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE));
}

struct Sample {
  double hours;  // display time since the start
  double rss;    // bytes
};

struct Soak {
  std::vector<Sample> samples;
  double wallSeconds = 0;
  std::uint64_t frames = 0;
};

// Least-squares slope of RSS over display time, from the warm-up on: bytes per hour.
double growthPerHour(const std::vector<Sample>& samples, double fromHours) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const Sample& s : samples) {
    if (s.hours < fromHours) continue;
    n += 1;
    sx += s.hours;
    sy += s.rss;
    sxx += s.hours * s.hours;
    sxy += s.hours * s.rss;
  }
  const double d = n * sxx - sx * sx;
  return n >= 2 && d > 0 ? (n * sxy - sx * sy) / d : 0.0;
}

Result<Soak> soak(const BenchSoakArgs& args, bool keepEveryFrame) {
  auto shot = player::openShotPlayback(args.input, "", /*withAudio=*/false);
  if (!shot) return shot.error();
  player::ShotPlayback& playback = **shot;
  xr::DisplayRequest request;
  request.kind = xr::DisplayKind::Offscreen;
  request.offscreen.width = args.width;
  request.offscreen.height = args.height;
  request.offscreen.step = 1.0 / args.hz;
  request.offscreen.view = [](std::uint64_t index, double) {
    // The head turning slowly, so markers come and go from the views.
    return engine::viewFromV360({static_cast<float>(index % 3600) * 0.1f - 180.0f, 0, 0, 100, 62});
  };
  auto display = xr::createDisplay(request);
  if (!display) return display.error();
  player::PlayerLoopOptions options = playback.loopOptions();
  options.loop = true;
  // No waiting for the decoder: the loop runs as fast as it draws and shows what is decoded by
  // then, as a real-time player does when decoding falls behind (the loop, its draw and its
  // statistics are what runs for hours; the decoder's memory is bounded by its queue).
  options.maxFrames = static_cast<std::uint64_t>(args.hours * 3600 * args.hz);
  const auto sampleEvery = static_cast<std::uint64_t>(std::max(1.0, 10 * args.hz));
  Soak out;
  std::vector<double> perFrame[3];  // the peer's: cpu, span, submit, as the old statistics kept them
  std::uint64_t frames = 0;
  options.afterFrame = [&](const xr::DisplayFrame&, const media::PlayerFrame&) {
    ++frames;
    if (keepEveryFrame)
      for (auto& v : perFrame) v.push_back(static_cast<double>(frames));
    if (frames % sampleEvery == 0) out.samples.push_back({static_cast<double>(frames) / args.hz / 3600, rssBytes()});
  };
  player::PlayerLoop loop(*display->display, *playback.player, options);
  const player::PlayerLoopStats stats = loop.run();
  out.wallSeconds = stats.wallSeconds;
  out.frames = stats.frames;
  return out;
}

void print(const char* name, const Soak& s, const BenchSoakArgs& args) {
  const double from = args.hours * args.warmupFraction;
  const double slope = growthPerHour(s.samples, from);
  double base = 0;
  for (const Sample& x : s.samples)
    if (x.hours >= from) {
      base = x.rss;
      break;
    }
  const double last = s.samples.empty() ? 0 : s.samples.back().rss;
  std::printf("  %-44s RSS %.1f MB after warm-up -> %.1f MB at the end; growth %+.3f MB/h = %+.3f %% per 2 h "
              "(%llu frames in %.0f s, %.0fx real time)\n",
              name, base / 1e6, last / 1e6, slope / 1e6, base > 0 ? 100 * 2 * slope / base : 0.0,
              static_cast<unsigned long long>(s.frames), s.wallSeconds,
              s.wallSeconds > 0 ? static_cast<double>(s.frames) / args.hz / s.wallSeconds : 0.0);
}

int runBenchSoak(const BenchSoakArgs& args) {
  std::printf("bench soak: %s, %.2f h of display time at %.0f Hz (offscreen %ux%u, stepped clock), "
              "warm-up %.0f %%, RSS every 10 s of display time\n",
              args.input.c_str(), args.hours, args.hz, args.width, args.height, 100 * args.warmupFraction);
  auto ours = soak(args, false);
  if (!ours) return reportError(ours.error());
  print("player loop", *ours, args);
  if (args.peer) {
    auto peer = soak(args, true);
    if (!peer) return reportError(peer.error());
    print("peer: the same, keeping per-frame timings", *peer, args);
  }
  const double from = args.hours * args.warmupFraction;
  double base = 0;
  for (const Sample& x : ours->samples)
    if (x.hours >= from) {
      base = x.rss;
      break;
    }
  const double twoHours = 2 * growthPerHour(ours->samples, from);
  std::printf("  target: growth under 1 %% over 2 h after warm-up: %s\n",
              base > 0 && twoHours < 0.01 * base ? "met" : "NOT met");
  return 0;
}

}  // namespace

void addBenchSoak(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchSoakArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "soak",
      "Memory over a long session, accelerated: the player loop on the offscreen display with a\n"
      "stepped clock, looping the shot; RSS growth per hour of display time after warm-up, and the\n"
      "same loop keeping per-frame timings as a peer. --hours 2 for the 2-hour equivalent.");
  cmd->add_option("input", args->input, "a shot package folder, a shot.json, or a video file")->required();
  cmd->add_option("--hours", args->hours, "hours of display time to run")
      ->check(CLI::Range(0.01, 48.0))
      ->capture_default_str();
  cmd->add_option("--hz", args->hz, "display frames per second of display time")
      ->check(CLI::Range(10.0, 240.0))
      ->capture_default_str();
  cmd->add_option("--warmup", args->warmupFraction, "fraction of the run left out of the fit")
      ->check(CLI::Range(0.0, 0.9))
      ->capture_default_str();
  cmd->add_option("--width", args->width, "view width in pixels")->check(CLI::Range(16, 4096))->capture_default_str();
  cmd->add_option("--height", args->height, "view height in pixels")->check(CLI::Range(16, 4096))->capture_default_str();
  cmd->add_flag("!--no-peer", args->peer, "skip the peer run");
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchSoak(*args); });
}

}  // namespace ps::tools
