// bench scrub: from a scrub input (a seek to an arbitrary time) to the exact frame being
// ready to display, from the all-intra proxy and from the plate, beside the ffmpeg CLI's
// exact seek on the same targets.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <thread>

#include "bench_commands.h"
#include "bench_common.h"
#include "cli_numbers.h"
#include "player/plate_input.h"
#include "media/ffmpeg_url.h"
#include "media/frame_stamp.h"
#include "media/player.h"
#include "media/proxy_scrubber.h"
#include "report.h"
#include "subprocess.h"

namespace ps::tools {

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string shot;
  std::string master;  // the peer's input; empty: the shot's plate
  // Where in the shot, as fractions of its duration: spread out and out of order, as a
  // hand dragging back and forth lands.
  std::vector<double> fractions{0.73, 0.13, 0.55, 0.27, 0.89, 0.41, 0.04, 0.96, 0.32, 0.68};
  int repeats = 3;
};

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double nowSeconds() { return std::chrono::duration<double>(Clock::now().time_since_epoch()).count(); }

struct Sample {
  double ms = 0;
  bool exact = false;
  std::optional<int> stamp;
};

// The frame shown at t is number floor(t * fps); its stamp, when readable, must say so.
bool isExact(std::int64_t index, std::optional<int> stamp, double t, double fps) {
  const auto expected = static_cast<std::int64_t>(std::floor(t * fps + 1e-9));
  return index == expected && (!stamp || *stamp == expected);
}

Result<Sample> scrubProxy(media::ProxyScrubber& proxy, double t, double fps) {
  const auto start = Clock::now();
  auto frame = proxy.frameAt(t);
  const double ms = msSince(start);
  if (!frame) return frame.error();
  const auto stamp = media::readFrameStamp(frame->view(), 0, proxy.stampScale());
  return Sample{ms, isExact(frame->index, stamp, t, fps), stamp};
}

// The player as the scrubber drives it: a seek request, then the loop's update() until
// the frame it shows is the one asked for.
Result<Sample> scrubPlayer(media::Player& player, double t, double fps) {
  const auto start = Clock::now();
  player.seek(t);
  media::PlayerFrame shown;
  for (;;) {
    shown = player.update(nowSeconds(), std::chrono::milliseconds(1));
    if (shown.state.error) return *shown.state.error;
    if (!shown.state.seeking && shown.frame) break;
    if (msSince(start) > 10000) return Error{"bench scrub", fmt::format("the seek to {:.3f} s never landed", t), ""};
  }
  const double ms = msSince(start);
  const auto stamp = media::readFrameStamp(shown.frame->view());
  return Sample{ms, isExact(shown.frame->index, stamp, t, fps), stamp};
}

int runBench(const Args& args) {
  auto input = player::resolvePlateInput(args.shot);
  if (!input) return reportError(input.error());
  if (!input->shot) return reportError(Error{args.shot, "a bare video has no proxy", "run `perfectshot prep` on it"});
  const scenes::MediaRef* plateRef = input->shot->plate();
  auto proxy = media::ProxyScrubber::open(*plateRef);
  if (!proxy) return reportError(proxy.error());
  auto plate = media::VideoSource::open(input->url, media::DecodeOptions{});
  if (!plate) return reportError(plate.error());
  const media::StreamInfo info = plate->info();
  const double fps = info.frameRate.toDouble();
  media::Player player(std::move(*plate), nullptr);
  player.update(nowSeconds(), std::chrono::milliseconds(2000));  // the first frame, as a player starts
  const std::string master = args.master.empty() ? input->url : args.master;
  auto masterUrl = media::inputFileUrl(master);
  if (!masterUrl) return reportError(masterUrl.error());

  std::cout << fmt::format("bench scrub: {}\n  proxy {}x{} (keyframe interval {}), plate {}x{} (keyframe interval {}), "
                           "peer: ffmpeg -ss T -i {}\n",
                           args.shot, proxy->info().width, proxy->info().height,
                           proxy->info().keyframeInterval.value_or(0), info.width, info.height,
                           info.keyframeInterval.value_or(0), master);
  std::cout << "  target     frame  stamp   proxy      plate (player)   ffmpeg -ss\n";
  std::vector<double> viaProxy, viaPlate, peer;
  bool allExact = true;
  for (int r = 0; r < args.repeats; ++r) {
    for (double f : args.fractions) {
      // Frame starts, nudged into the frame: a drag lands anywhere inside one.
      const double t = (std::floor(f * info.durationSeconds * fps) + 0.5) / fps;
      auto a = scrubProxy(*proxy, t, fps);
      if (!a) return reportError(a.error());
      auto b = scrubPlayer(player, t, fps);
      if (!b) return reportError(b.error());
      // Let the player's read-ahead settle so it does not share the cores with the next sample.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      player.update(nowSeconds());
      std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-ss", fmt::format("{:.4f}", t)};
      for (auto& arg : media::cliInput(*masterUrl)) argv.push_back(std::move(arg));
      argv.insert(argv.end(), {"-map", "0:v:0", "-frames:v", "1", "-f", "null", "-"});
      auto run = runSubprocess(argv);
      if (!run) return reportError(run.error());
      if (run->exitCode != 0) return reportError(Error{"ffmpeg", "the peer seek failed", run->output.substr(0, 400)});
      viaProxy.push_back(a->ms);
      viaPlate.push_back(b->ms);
      peer.push_back(run->wallSeconds * 1000);
      allExact = allExact && a->exact && b->exact;
      if (r == 0)
        std::cout << fmt::format("  {:6.3f} s  {:5}  {:>5}  {:7.1f} ms  {:9.1f} ms   {:8.1f} ms{}\n", t,
                                 static_cast<long long>(std::floor(t * fps)), a->stamp ? std::to_string(*a->stamp) : "-",
                                 a->ms, b->ms, run->wallSeconds * 1000, a->exact && b->exact ? "" : "  WRONG FRAME");
    }
  }
  const double p = median(viaProxy), q = median(viaPlate), z = median(peer);
  const double frameMs = 1000.0 / 30;
  std::cout << fmt::format("  median over {} scrubs: proxy {:.1f} ms, plate {:.1f} ms, ffmpeg -ss {:.1f} ms\n",
                           viaProxy.size(), p, q, z)
            << fmt::format("  proxy under one frame at 30 fps ({:.1f} ms): {}\n", frameMs, p < frameMs ? "met" : "NOT met")
            << "  proxy/ffmpeg " << ratioLine(p / z, "< 1", p < z) << "\n"
            << "  plate/ffmpeg " << ratioLine(q / z, "< 1", q < z) << "\n";
  if (!allExact) {
    std::cout << "  some scrubs did not land on the exact frame\n";
    return 1;
  }
  return 0;
}

}  // namespace

void addBenchScrub(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "scrub",
      "Scrub latency: a seek request to an arbitrary time until the exact frame is ready to display,\n"
      "from the shot's all-intra proxy (media/proxy_scrubber.h) and through the player on the plate,\n"
      "printed beside `ffmpeg -ss T -i MASTER -frames:v 1 -f null -` for the same targets; medians and\n"
      "ratios. Target with the proxy: under one frame interval at 30 fps (33 ms).");
  cmd->add_option("shot", args->shot, "a shot package made by `perfectshot prep` (it has a proxy)")->required();
  cmd->add_option("--master", args->master, "the peer's input (default: the shot's plate)")->check(CLI::ExistingFile);
  cmd->add_option("--fractions", args->fractions, "targets as fractions of the duration")
      ->check(finiteIn(0, 1))
      ->capture_default_str();
  cmd->add_option("--repeats", args->repeats, "passes over the targets")->check(CLI::Range(1, 50))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
