// bench rgbd-decode: an RGB-D capture's colour and depth decoded through the project's media
// decoders (one PlaybackDecoder a video, popped in step as the player takes a frame pair)
// against the ffmpeg CLI decoding the same video(s) in the same run.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "bench_commands.h"
#include "bench_common.h"
#include "media/ffmpeg_url.h"
#include "media/playback_decoder.h"
#include "player/thread_cpu_clock.h"
#include "report.h"
#include "subprocess.h"

namespace ps::tools {

namespace {

struct Args {
  std::string video;  // colour, or colour over depth
  std::string depth;  // a separate depth video, or empty
  int threads = 0;
  int runs = 3;
};

struct Run {
  double fps = 0;  // frame pairs (colour with its depth) a second of wall time
  double cpuMsPerFrame = 0;
  long long frames = 0;
};

Result<std::optional<media::DecodedFrame>> popFrame(media::PlaybackDecoder& d, const std::string& file) {
  for (;;) {
    media::Popped p = d.pop(std::chrono::milliseconds(1000));
    switch (p.kind) {
      case media::Popped::Kind::Frame: return std::optional<media::DecodedFrame>(std::move(p.frame));
      case media::Popped::Kind::EndOfStream: return std::optional<media::DecodedFrame>();
      case media::Popped::Kind::Error: return p.error.value_or(Error{file, "decoding failed", ""});
      case media::Popped::Kind::Empty: break;
    }
  }
}

Result<Run> ourRun(const Args& args) {
  media::DecodeOptions options;
  options.threads = args.threads;
  auto colour = media::VideoSource::open(args.video, options);
  if (!colour) return colour.error();
  std::optional<media::VideoSource> depthSource;
  if (!args.depth.empty()) {
    auto d = media::VideoSource::open(args.depth, options);
    if (!d) return d.error();
    depthSource.emplace(std::move(*d));
  }
  const double cpuStart = player::processCpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  media::PlaybackDecoder colourDecoder(std::move(*colour));
  std::optional<media::PlaybackDecoder> depthDecoder;
  if (depthSource) depthDecoder.emplace(std::move(*depthSource));
  long long frames = 0;
  for (;;) {
    auto c = popFrame(colourDecoder, args.video);
    if (!c) return c.error();
    if (depthDecoder) {
      auto d = popFrame(*depthDecoder, args.depth);
      if (!d) return d.error();
      if (d->has_value() != c->has_value())
        return Error{args.depth, fmt::format("ends {} the colour (frame {})", c->has_value() ? "before" : "after", frames), ""};
    }
    if (!c->has_value()) break;
    ++frames;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = player::processCpuSeconds() - cpuStart;
  if (frames == 0) return Error{args.video, "no frame was decoded", ""};
  return Run{static_cast<double>(frames) / wall, 1000 * cpu / static_cast<double>(frames), frames};
}

Result<Run> ffmpegRun(const Args& args, long long frames) {
  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-nostdin", "-benchmark"};
  for (const std::string* file : {&args.video, &args.depth}) {
    if (file->empty()) continue;
    auto url = media::inputFileUrl(*file);
    if (!url) return url.error();
    argv.insert(argv.end(), {"-threads", std::to_string(args.threads)});
    for (auto& arg : media::cliInput(*url)) argv.push_back(std::move(arg));
  }
  argv.insert(argv.end(), {"-map", "0:v:0"});
  if (!args.depth.empty()) argv.insert(argv.end(), {"-map", "1:v:0"});
  argv.insert(argv.end(), {"-f", "null", "-"});
  auto run = runSubprocess(argv);
  if (!run) return run.error();
  const auto report = parseFfmpegBenchmark(run->output);
  if (run->exitCode != 0 || !report.realSeconds || !report.cpuSeconds)
    return Error{"ffmpeg", "the peer run failed or printed no benchmark", run->output.substr(0, 400)};
  // The pairs are ours counted: ffmpeg decodes the same frames of each input.
  return Run{static_cast<double>(frames) / *report.realSeconds, 1000 * *report.cpuSeconds / static_cast<double>(frames), frames};
}

std::string list(const std::vector<double>& v) {
  std::string s;
  for (double x : v) s += fmt::format("{}{:.1f}", s.empty() ? "" : " ", x);
  return s;
}

int runBench(Args args) {
  if (args.threads <= 0) args.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<double> ourFps, peerFps, ourCpu, peerCpu;
  long long frames = 0;
  for (int i = 0; i < args.runs; ++i) {  // interleaved, so drift in machine load hits both alike
    auto a = ourRun(args);
    if (!a) return reportError(a.error());
    frames = a->frames;
    auto b = ffmpegRun(args, frames);
    if (!b) return reportError(b.error());
    ourFps.push_back(a->fps);
    peerFps.push_back(b->fps);
    ourCpu.push_back(a->cpuMsPerFrame);
    peerCpu.push_back(b->cpuMsPerFrame);
  }
  const double bestOurs = *std::max_element(ourFps.begin(), ourFps.end());
  const double bestPeer = *std::max_element(peerFps.begin(), peerFps.end());
  std::cout << fmt::format("bench rgbd-decode: {}{} ({} frames), {} decoder threads each\n", args.video,
                           args.depth.empty() ? "" : " + " + args.depth, frames, args.threads)
            << fmt::format("  perfectshot decode (PlaybackDecoder)  {:7.1f} fps  (runs: {})\n", bestOurs, list(ourFps))
            << fmt::format("  ffmpeg -benchmark decode              {:7.1f} fps  (runs: {})\n", bestPeer, list(peerFps))
            << fmt::format("  CPU per frame, all threads: perfectshot {:.1f} ms (median), ffmpeg {:.1f} ms (median)\n",
                           median(ourCpu), median(peerCpu))
            << "  " << ratioLine(bestOurs / bestPeer, ">= 0.95", bestOurs / bestPeer >= 0.95) << "\n";
  return 0;
}

}  // namespace

void addBenchRgbdDecode(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "rgbd-decode",
      "Decode every frame of an RGB-D capture's colour and depth (one top-bottom video, or the colour\n"
      "and --depth) through the player's decoders as fast as possible; print frame pairs/s beside\n"
      "`ffmpeg -benchmark -i VIDEO [-i DEPTH] -f null -` on the same files, and the ratio (best of --runs).");
  cmd->add_option("video", args->video, "the colour video, or colour over depth (top-bottom)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--depth", args->depth, "the depth video of a separate capture")->check(CLI::ExistingFile);
  cmd->add_option("--threads", args->threads, "decoder threads for each video, both sides (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--runs", args->runs, "runs of each, interleaved")->check(CLI::Range(1, 20))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
