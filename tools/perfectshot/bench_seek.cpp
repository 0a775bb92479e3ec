// bench seek: exact-seek latency inside a running player against the ffmpeg CLI's exact seek.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iostream>

#include "bench_commands.h"
#include "bench_common.h"
#include "cli_numbers.h"
#include "player/plate_input.h"
#include "media/ffmpeg_url.h"
#include "media/frame_stamp.h"
#include "report.h"
#include "subprocess.h"

namespace ps::tools {

namespace {

struct Args {
  std::string video;
  std::vector<double> targets{7.3, 1.3, 5.5, 2.7, 8.9, 4.1};
  int repeats = 3;
};

int runBench(const Args& args) {
  auto plate = player::openPlate(args.video, "", /*strict=*/true);
  if (!plate) return reportError(plate.error());
  const media::StreamInfo info = plate->source.info();
  const double fps = info.frameRate.toDouble();
  auto url = media::inputFileUrl(plate->input.url);
  if (!url) return reportError(url.error());

  std::cout << fmt::format("bench seek: {} ({}x{} {}, keyframe interval {})\n", args.video, info.width, info.height,
                           info.codec, info.keyframeInterval ? std::to_string(*info.keyframeInterval) : "unknown");
  std::cout << "  target     frame  stamp   perfectshot   ffmpeg -ss\n";
  std::vector<double> ours, peer;
  bool allExact = true;
  for (int r = 0; r < args.repeats; ++r) {
    for (double t : args.targets) {
      const auto start = std::chrono::steady_clock::now();
      // A still: the bench asks for one frame, as the peer's -frames:v 1 does.
      auto frame = plate->source.frameAt(t, media::SeekIntent::Still);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (!frame) return reportError(frame.error());
      // The frame shown at t is number floor(t * fps): the stamp in its pixels must say so.
      const auto expected = static_cast<std::int64_t>(std::floor(t * fps + 1e-9));
      const auto stamp = media::readFrameStamp(frame->view());
      const bool exact = frame->index == expected && (!stamp || *stamp == expected);
      allExact = allExact && exact;
      ours.push_back(ms);

      std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-ss", fmt::format("{:.3f}", t)};
      for (auto& arg : media::cliInput(*url)) argv.push_back(std::move(arg));
      argv.insert(argv.end(), {"-map", "0:v:0", "-frames:v", "1", "-f", "null", "-"});
      auto run = runSubprocess(argv);
      if (!run) return reportError(run.error());
      if (run->exitCode != 0) return reportError(Error{"ffmpeg", "the peer seek failed", run->output.substr(0, 400)});
      peer.push_back(run->wallSeconds * 1000);
      if (r == 0)
        std::cout << fmt::format("  {:6.3f} s  {:5}  {:>5}  {:9.1f} ms  {:8.1f} ms{}\n", t, frame->index,
                                 stamp ? std::to_string(*stamp) : "-", ms, run->wallSeconds * 1000,
                                 exact ? "" : "  WRONG FRAME");
    }
  }
  const double a = median(ours), b = median(peer);
  std::cout << fmt::format("  median over {} seeks: perfectshot {:.1f} ms, ffmpeg -ss {:.1f} ms\n", ours.size(), a, b)
            << "  " << ratioLine(a / b, "<= 0.5", a / b <= 0.5) << "\n";
  if (!allExact) {
    std::cout << "  some seeks did not land on the exact frame\n";
    return 1;
  }
  return 0;
}

}  // namespace

void addBenchSeek(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "seek",
      "Exact-seek latency: an open source seeks to each target (in this order, --repeats times) and\n"
      "must land on the exact frame (checked against the frame stamp when the video has one); printed\n"
      "beside `ffmpeg -ss T -i VIDEO -frames:v 1 -f null -` for the same targets, medians and ratio.");
  cmd->add_option("video", args->video, "the video to seek in")->required()->check(CLI::ExistingFile);
  cmd->add_option("--targets", args->targets, "seconds to seek to")->check(finiteIn(0, 1e9))->capture_default_str();
  cmd->add_option("--repeats", args->repeats, "passes over the targets")->check(CLI::Range(1, 50))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
