// bench playback: the whole pipeline (decode thread, upload, render) against FFmpeg's own decode.
#include <fmt/format.h>

#include <iostream>
#include <thread>

#include "bench_commands.h"
#include "bench_common.h"
#include "engine/device.h"
#include "engine/offscreen_target.h"
#include "headless_loop.h"
#include "input.h"
#include "report.h"
#include "subprocess.h"

namespace ps::tools {

namespace {

struct Args {
  std::string video;
  int threads = 0;
  std::uint32_t width = 256, height = 256;
  int runs = 2;
};

Result<double> ourFps(const engine::Device& device, const Args& args, std::int64_t& frames) {
  auto plate = openPlate(args.video, "", /*strict=*/false, args.threads);
  if (!plate) return plate.error();
  std::vector<engine::OffscreenTarget> targets;
  targets.emplace_back(device, args.width, args.height, "bench playback target");
  HeadlessLoopOptions options;
  options.layout = plate->layout;
  media::PlaybackDecoder decoder(std::move(plate->source));
  const engine::View view = engine::viewFromV360({30, 10, 0, 90, 90});
  auto stats = runHeadlessLoop(
      device, decoder, targets, options, [&](const media::DecodedFrame&) { return FramePlan{view, false}; },
      [](const media::DecodedFrame&, std::span<engine::OffscreenTarget>) { return ok(); });
  if (!stats) return stats.error();
  frames = stats->frames;
  return static_cast<double>(stats->frames) / stats->wallSeconds;
}

Result<double> ffmpegFps(const Args& args) {
  auto run = runSubprocess({"ffmpeg", "-hide_banner", "-nostdin", "-threads", std::to_string(args.threads), "-benchmark",
                            "-i", args.video, "-map", "0:v:0", "-f", "null", "-"});
  if (!run) return run.error();
  const auto report = parseFfmpegBenchmark(run->output);
  if (run->exitCode != 0 || !report.frames || !report.realSeconds)
    return Error{"ffmpeg", "the peer run failed or printed no benchmark", run->output.substr(0, 400)};
  return static_cast<double>(*report.frames) / *report.realSeconds;
}

int runBench(Args args) {
  if (args.threads <= 0) args.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  std::vector<double> ours, peer;
  std::int64_t frames = 0;
  for (int i = 0; i < args.runs; ++i) {  // interleaved, so drift in machine load hits both alike
    auto a = ourFps(*device, args, frames);
    if (!a) return reportError(a.error());
    auto b = ffmpegFps(args);
    if (!b) return reportError(b.error());
    ours.push_back(*a);
    peer.push_back(*b);
  }
  const double bestOurs = *std::max_element(ours.begin(), ours.end());
  const double bestPeer = *std::max_element(peer.begin(), peer.end());
  auto runs = [](const std::vector<double>& v) {
    std::string s;
    for (double x : v) s += fmt::format("{}{:.1f}", s.empty() ? "" : " ", x);
    return s;
  };
  std::cout << fmt::format("bench playback: {} ({} frames), output {}x{}, {} decoder threads\n", args.video, frames,
                           args.width, args.height, args.threads)
            << fmt::format("  perfectshot decode+upload+render  {:7.1f} fps  (runs: {})\n", bestOurs, runs(ours))
            << fmt::format("  ffmpeg -benchmark decode          {:7.1f} fps  (runs: {})\n", bestPeer, runs(peer))
            << "  " << ratioLine(bestOurs / bestPeer, ">= 0.95", bestOurs / bestPeer >= 0.95) << "\n";
  return 0;
}

}  // namespace

void addBenchPlayback(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "playback",
      "Decode, upload and render every frame offscreen as fast as possible; print frames/s beside\n"
      "`ffmpeg -threads N -benchmark -i VIDEO -f null -` on the same file, and the ratio (best of --runs).");
  cmd->add_option("video", args->video, "the video to play")->required()->check(CLI::ExistingFile);
  cmd->add_option("--threads", args->threads, "decoder threads for both (default: one per core)");
  cmd->add_option("--width", args->width, "output width")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "output height")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--runs", args->runs, "runs of each, interleaved")->check(CLI::Range(1, 20))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
