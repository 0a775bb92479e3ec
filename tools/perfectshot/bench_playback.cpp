// bench playback: the whole pipeline (decode thread, upload, render) against FFmpeg's own decode.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "bench_commands.h"
#include "bench_common.h"
#include "engine/device.h"
#include "engine/offscreen_target.h"
#include "player/headless_loop.h"
#include "player/plate_input.h"
#include "media/ffmpeg_url.h"
#include "report.h"
#include "subprocess.h"
#include "player/thread_cpu_clock.h"

namespace ps::tools {

namespace {

struct Args {
  std::string video;
  int threads = 0;
  std::uint32_t width = 256, height = 256;
  int runs = 2;
  std::string hwdec = "off";
};

// One run of either side: frames per second of wall time, and CPU milliseconds per frame
// summed over all of its threads (on a machine whose cores are all busy, the second decides
// the first).
struct Run {
  double fps = 0;
  double cpuMsPerFrame = 0;
};

Result<Run> ourRun(const engine::Device& device, const Args& args, const player::PlateDecode& decode,
                   std::int64_t& frames) {
  auto plate = player::openPlate(args.video, "", /*strict=*/false, args.threads, decode);
  if (!plate) return plate.error();
  std::vector<engine::OffscreenTarget> targets;
  targets.emplace_back(device, args.width, args.height, "bench playback target");
  // As a player does at load time: the pipeline is built before playback starts.
  engine::EquirectRenderer renderer(device);
  renderer.prepareTarget(targets.front().target(), plate->layout.projection);
  player::HeadlessLoopOptions options;
  options.layout = plate->layout;
  const engine::View view = engine::viewFromV360({30, 10, 0, 90, 90});
  // Timed from the decoder's start, as ffmpeg's rtime runs from its own.
  const double cpuStart = player::processCpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  media::PlaybackDecoder decoder(std::move(plate->source));
  auto rendered = player::runHeadlessLoop(
      renderer, decoder, targets, options, [&](const media::DecodedFrame&) { return player::FramePlan{view, false}; },
      [](const media::DecodedFrame&, std::span<engine::OffscreenTarget>) { return ok(); });
  if (!rendered) return rendered.error();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = player::processCpuSeconds() - cpuStart;
  frames = *rendered;
  if (frames == 0) return Error{args.video, "no frame was decoded", ""};
  return Run{static_cast<double>(frames) / wall, 1000 * cpu / static_cast<double>(frames)};
}

// hardware: FFmpeg decodes on VAAPI and keeps the frames there (-hwaccel_output_format), as ours does.
Result<Run> ffmpegRun(const Args& args, bool hardware) {
  auto url = media::inputFileUrl(args.video);
  if (!url) return url.error();
  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-nostdin", "-threads", std::to_string(args.threads),
                                   "-benchmark"};
  if (hardware) argv.insert(argv.end(), {"-hwaccel", "vaapi", "-hwaccel_output_format", "vaapi"});
  for (auto& arg : media::cliInput(*url)) argv.push_back(std::move(arg));
  argv.insert(argv.end(), {"-map", "0:v:0", "-f", "null", "-"});
  auto run = runSubprocess(argv);
  if (!run) return run.error();
  const auto report = parseFfmpegBenchmark(run->output);
  if (run->exitCode != 0 || !report.frames || !report.realSeconds || !report.cpuSeconds || *report.frames == 0)
    return Error{"ffmpeg", "the peer run failed or printed no benchmark", run->output.substr(0, 400)};
  const auto frames = static_cast<double>(*report.frames);
  return Run{frames / *report.realSeconds, 1000 * *report.cpuSeconds / frames};
}

int runBench(Args args) {
  if (args.threads <= 0) args.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const bool hardware = args.hwdec == "vaapi";
  player::PlateDecode decode;
  if (hardware) {
    auto chosen = player::plateDecode(media::HardwareDecode::Vaapi);
    if (!chosen) return reportError(chosen.error());
    decode = *chosen;
  }
  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  if (hardware && !device->importsDmaBuf())
    return reportError(Error{"--hwdec vaapi", "the Vulkan device the bench renders on does not import dma-bufs", ""});
  std::vector<Run> ours, software, peer;
  std::int64_t frames = 0;
  for (int i = 0; i < args.runs; ++i) {  // interleaved, so drift in machine load hits both alike
    auto a = ourRun(*device, args, decode, frames);
    if (!a) return reportError(a.error());
    ours.push_back(*a);
    if (hardware) {
      auto c = ourRun(*device, args, player::PlateDecode{}, frames);
      if (!c) return reportError(c.error());
      software.push_back(*c);
    }
    auto b = ffmpegRun(args, hardware);
    if (!b) return reportError(b.error());
    peer.push_back(*b);
  }
  auto fpsOf = [](const std::vector<Run>& v) {
    std::vector<double> fps;
    for (const Run& r : v) fps.push_back(r.fps);
    return fps;
  };
  auto cpuOf = [](const std::vector<Run>& v) {
    std::vector<double> cpu;
    for (const Run& r : v) cpu.push_back(r.cpuMsPerFrame);
    return cpu;
  };
  auto list = [](const std::vector<double>& v) {
    std::string s;
    for (double x : v) s += fmt::format("{}{:.1f}", s.empty() ? "" : " ", x);
    return s;
  };
  const std::vector<double> ourFps = fpsOf(ours), peerFps = fpsOf(peer), ourCpu = cpuOf(ours), peerCpu = cpuOf(peer);
  const double bestOurs = *std::max_element(ourFps.begin(), ourFps.end());
  const double bestPeer = *std::max_element(peerFps.begin(), peerFps.end());
  std::cout << fmt::format("bench playback: {} ({} frames), output {}x{}, {} decoder threads, decode {}\n", args.video,
                           frames, args.width, args.height, args.threads, hardware ? "VAAPI" : "software")
            << fmt::format("  perfectshot decode+upload+render  {:7.1f} fps  (runs: {})\n", bestOurs, list(ourFps));
  if (hardware) {
    const std::vector<double> softFps = fpsOf(software);
    std::cout << fmt::format("  perfectshot in software           {:7.1f} fps  (runs: {})\n",
                             *std::max_element(softFps.begin(), softFps.end()), list(softFps));
  }
  std::cout << fmt::format("  ffmpeg -benchmark decode{}{:7.1f} fps  (runs: {})\n", hardware ? " (VAAPI)  " : "          ",
                           bestPeer, list(peerFps))
            << fmt::format("  CPU per frame, all threads: perfectshot {:.1f} ms (median; runs: {}), ffmpeg {:.1f} ms (runs: {})\n",
                           median(ourCpu), list(ourCpu), median(peerCpu), list(peerCpu))
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
  cmd->add_option("--threads", args->threads, "decoder threads for both (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--width", args->width, "output width")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "output height")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--runs", args->runs, "runs of each, interleaved")->check(CLI::Range(1, 20))->capture_default_str();
  cmd->add_option("--hwdec", args->hwdec,
                  "vaapi: decode on the GPU, beside the same in software and `ffmpeg -hwaccel vaapi` as the peer")
      ->check(CLI::IsMember({"off", "vaapi"}))
      ->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
