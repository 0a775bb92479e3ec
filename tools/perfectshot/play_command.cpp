// perfectshot play: plays a shot. Without a headset or window backend in this build
// it plays headlessly: every frame decoded and rendered, the head turning once around
// over the shot, with a still of each eye written every --stills-every seconds.
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "commands.h"
#include "engine/device.h"
#include "engine/offscreen_target.h"
#include "headless_loop.h"
#include "input.h"
#include "png_writer.h"
#include "report.h"

namespace ps::tools {

namespace {

struct PlayArgs {
  std::string input;
  std::string mediaId;
  std::string display = "auto";
  std::string outDir = "demo-stills";
  std::uint32_t width = 960, height = 540;
  float hfov = 100, vfov = 62;
  double stillsEvery = 1.0;
};

int runPlay(const PlayArgs& args) {
  // The headset (OpenXR) and window backends are not part of this build yet; say so
  // rather than pretend, and play headlessly, which is what auto falls back to anyway.
  if (args.display == "auto")
    spdlog::info("play: this build plays headlessly (the OpenXR and window displays are not built yet)");

  auto plate = openPlate(args.input, args.mediaId, /*strict=*/false);
  if (!plate) return reportError(plate.error());
  const media::StreamInfo info = plate->source.info();
  double in = 0, out = info.durationSeconds;
  if (plate->input.shot) {
    in = plate->input.shot->timeline.in;
    if (plate->input.shot->timeline.out) out = *plate->input.shot->timeline.out;
  }

  std::error_code ec;
  std::filesystem::create_directories(args.outDir, ec);
  if (ec) return reportError(Error{args.outDir, "cannot create the stills folder: " + ec.message(), ""});

  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  const bool stereo = plate->layout.stereo != StereoLayout::Mono;
  std::vector<engine::OffscreenTarget> targets;
  targets.emplace_back(*device, args.width, args.height, "play left eye");
  if (stereo) targets.emplace_back(*device, args.width, args.height, "play right eye");

  media::PlaybackDecoder decoder(std::move(plate->source));
  if (in > 0) decoder.seek(in);

  HeadlessLoopOptions options;
  options.layout = plate->layout;
  options.yawOffsetDeg = static_cast<float>(plate->input.yawOffsetDeg);
  options.untilSeconds = out;
  double nextStill = in;
  int stills = 0;
  const double span = std::max(out - in, 1e-3);

  auto plan = [&](const media::DecodedFrame& frame) {
    const float yaw = static_cast<float>(std::fmod(360.0 * (frame.seconds - in) / span + 180.0, 360.0) - 180.0);
    FramePlan p{engine::viewFromV360({yaw, 0, 0, args.hfov, args.vfov}), frame.seconds + 1e-9 >= nextStill};
    if (p.readBack) nextStill += args.stillsEvery;
    return p;
  };
  auto onStill = [&](const media::DecodedFrame& frame, std::span<engine::OffscreenTarget> done) -> Status {
    for (std::size_t i = 0; i < done.size(); ++i) {
      char name[64];
      std::snprintf(name, sizeof name, "still_%04d_t%07.3f_%s.png", stills, frame.seconds - in,
                    done.size() == 1 ? "mono" : (i == 0 ? "left" : "right"));
      if (auto s = writePng(std::filesystem::path(args.outDir) / name, done[i].pixels()); !s) return s;
    }
    ++stills;
    return ok();
  };
  auto stats = runHeadlessLoop(*device, decoder, targets, options, plan, onStill);
  if (!stats) return reportError(stats.error());
  spdlog::info("play: {} frames in {:.2f} s ({:.1f} fps), {} stills in {}", stats->frames, stats->wallSeconds,
               static_cast<double>(stats->frames) / std::max(stats->wallSeconds, 1e-9), stills, args.outDir);
  return 0;
}

}  // namespace

void addPlayCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<PlayArgs>();
  CLI::App* cmd = app.add_subcommand(
      "play",
      "Play a shot. This build plays headlessly: every frame is decoded and rendered offscreen with\n"
      "the head turning once around over the shot, and a still of each eye is written every\n"
      "--stills-every seconds into --out. (The headset and window displays come with later work.)");
  cmd->add_option("input", args->input, "a shot package folder, a shot.json, or a video file")->required();
  cmd->add_option("--display", args->display, "auto or offscreen")
      ->check(CLI::IsMember({"auto", "offscreen"}))
      ->capture_default_str();
  cmd->add_option("--out", args->outDir, "folder for the stills")->capture_default_str();
  cmd->add_option("--width", args->width, "still width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--height", args->height, "still height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
  cmd->add_option("--hfov", args->hfov, "horizontal field of view, degrees")->check(CLI::Range(1.0, 179.0));
  cmd->add_option("--vfov", args->vfov, "vertical field of view, degrees")->check(CLI::Range(1.0, 179.0));
  cmd->add_option("--stills-every", args->stillsEvery, "seconds of shot time between stills")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--media", args->mediaId, "with a shot: the id of the medium to play (default: the plate)");
  cmd->callback([args, &outcome] { outcome.exitCode = runPlay(*args); });
}

}  // namespace ps::tools
