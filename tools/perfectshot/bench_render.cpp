// bench render: one 1920x1080 view of one frame, against FFmpeg's v360 making the same view.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "bench_commands.h"
#include "bench_common.h"
#include "cli_numbers.h"
#include "engine/device.h"
#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"
#include "player/plate_input.h"
#include "media/ffmpeg_url.h"
#include "report.h"
#include "subprocess.h"

namespace ps::tools {

namespace {

struct Args {
  std::string video;
  double time = 5.0;
  float yaw = 30, pitch = 10, roll = 0, hfov = 90, vfov = 58.7f;
  std::uint32_t width = 1920, height = 1080;
  int repeats = 7;
};

int runBench(const Args& args) {
  auto plate = player::openPlate(args.video, "", /*strict=*/true);
  if (!plate) return reportError(plate.error());
  const media::StreamInfo info = plate->source.info();
  if (info.pixelFormatName != "yuv420p")
    return reportError(Error{args.video, "bench render compares on yuv420p sources; this is " + info.pixelFormatName, ""});
  auto frame = plate->source.frameAt(args.time);
  if (!frame) return reportError(frame.error());

  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  engine::EquirectRenderer renderer(*device);
  engine::OffscreenTarget target(*device, args.width, args.height, "bench render target");
  const engine::View view = engine::viewFromV360({args.yaw, args.pitch, args.roll, args.hfov, args.vfov});

  // One view = upload the frame, draw, read the picture back into memory: what v360 delivers too.
  std::vector<double> ours;
  for (int i = 0; i < args.repeats + 1; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto ticket = renderer.beginFrame(frame->view(), plate->layout);
    renderer.drawView(view, Eye::Left, target.target());
    renderer.recordReadback(target);
    renderer.submit();
    renderer.wait(ticket);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (i > 0) ours.push_back(ms);  // the first pays for pipeline and image creation
  }

  // The peer works on the same decoded frame, so decoding is kept out of its time:
  // time(v360 on one raw frame) - time(the same pipeline without v360).
  const std::string raw = (std::filesystem::temp_directory_path() / fmt::format("ps_bench_render_{}.yuv", ::getpid())).string();
  auto url = media::inputFileUrl(plate->input.url);
  if (!url) return reportError(url.error());
  std::vector<std::string> extractArgs = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-ss",
                                          fmt::format("{:.3f}", frame->seconds)};
  for (auto& arg : media::cliInput(*url)) extractArgs.push_back(std::move(arg));
  extractArgs.insert(extractArgs.end(), {"-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p"});
  for (auto& arg : media::cliOutput(raw)) extractArgs.push_back(std::move(arg));
  auto extract = runSubprocess(extractArgs);
  if (!extract || extract->exitCode != 0) return reportError(Error{"ffmpeg", "could not extract the frame", ""});
  const std::string size = fmt::format("{}x{}", info.width, info.height);
  const std::string v360 = fmt::format(
      "v360=input=e:output=flat:yaw={}:pitch={}:roll={}:h_fov={}:v_fov={}:w={}:h={}:interp=linear", args.yaw,
      args.pitch, args.roll, args.hfov, args.vfov, args.width, args.height);
  auto ffmpegSeconds = [&](bool withV360) -> Result<double> {
    std::vector<std::string> argv{"ffmpeg", "-hide_banner", "-nostdin", "-benchmark", "-f", "rawvideo", "-pix_fmt",
                                  "yuv420p", "-s", size};
    for (auto& arg : media::cliInput(media::fileUrl(raw))) argv.push_back(std::move(arg));
    if (withV360) argv.insert(argv.end(), {"-vf", v360});
    argv.insert(argv.end(), {"-f", "null", "-"});
    auto run = runSubprocess(argv);
    if (!run) return run.error();
    const auto report = parseFfmpegBenchmark(run->output);
    if (run->exitCode != 0 || !report.realSeconds) return Error{"ffmpeg", "the v360 run failed", run->output.substr(0, 400)};
    return *report.realSeconds;
  };
  std::vector<double> peer;
  for (int i = 0; i < args.repeats; ++i) {
    auto with = ffmpegSeconds(true);
    auto without = ffmpegSeconds(false);
    if (!with) return reportError(with.error());
    if (!without) return reportError(without.error());
    peer.push_back(std::max(0.0, *with - *without) * 1000);
  }
  std::filesystem::remove(raw);

  const double a = median(ours), b = median(peer);
  std::cout << fmt::format("bench render: {} at {:.3f} s ({} {}), one {}x{} view, yaw {} pitch {} hfov {} vfov {}\n",
                           args.video, frame->seconds, size, info.pixelFormatName, args.width, args.height, args.yaw,
                           args.pitch, args.hfov, args.vfov)
            << fmt::format("  perfectshot upload+render+readback  {:8.1f} ms (median of {})\n", a, ours.size())
            << fmt::format("  ffmpeg v360 interp=linear           {:8.1f} ms (median of {})\n", b, peer.size())
            << "  " << ratioLine(a / b, "<= 1.0", a <= b) << "\n";
  return 0;
}

}  // namespace

void addBenchRender(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "render",
      "Time to render one view (upload, draw, read back) of one frame, beside FFmpeg's v360 filter\n"
      "making the same view of the same decoded frame (its decode kept out of its time).");
  cmd->add_option("video", args->video, "a yuv420p equirect video")->required()->check(CLI::ExistingFile);
  cmd->add_option("--time", args->time, "seconds: which frame")->check(finiteIn(0, 1e9))->capture_default_str();
  cmd->add_option("--yaw", args->yaw, "degrees")->check(finiteIn(-360, 360))->capture_default_str();
  cmd->add_option("--pitch", args->pitch, "degrees")->check(finiteIn(-180, 180))->capture_default_str();
  cmd->add_option("--hfov", args->hfov, "degrees")->check(finiteIn(1, 179))->capture_default_str();
  cmd->add_option("--vfov", args->vfov, "degrees")->check(finiteIn(1, 179))->capture_default_str();
  cmd->add_option("--width", args->width, "view width")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "view height")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--repeats", args->repeats, "timed repeats of each")->check(CLI::Range(1, 50))->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
