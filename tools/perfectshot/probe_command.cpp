// perfectshot probe: what media/ detected about a video, and where each fact came from.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "player/plate_input.h"
#include "picture_limits.h"
#include "probe_depth.h"
#include "probe_splats.h"
#include "report.h"
#include "scenes/printable.h"

namespace ps::tools {

namespace {

struct ProbeArgs {
  std::string input;
  std::string mediaId;
};

std::string describeColour(std::string_view value, bool assumed, const std::string& tag) {
  std::string s(value);
  s += assumed ? " (assumed; the stream says \"" + tag + "\")" : " (tagged \"" + tag + "\")";
  return s;
}

int runProbe(const ProbeArgs& args) {
  if (isSplatFileName(args.input)) {
    if (!args.mediaId.empty())
      return reportError(Error{args.input, "--media picks a medium of a shot; a splat file has none", ""});
    return probeSplats(args.input);
  }
  auto plate = player::openPlate(args.input, args.mediaId, /*strict=*/true);
  if (!plate) return reportError(plate.error());
  const media::StreamInfo& info = plate->source.info();
  const FrameLayout& layout = plate->layout;

  std::ostringstream out;
  auto row = [&](const char* key, const std::string& value) {
    out << std::left << std::setw(20) << (std::string(key) + ":") << value << "\n";
  };
  std::ostringstream fps, dur, tb;
  fps << info.frameRate.num << "/" << info.frameRate.den << " (" << std::fixed << std::setprecision(3)
      << info.frameRate.toDouble() << " fps)";
  tb << info.timeBase.num << "/" << info.timeBase.den;
  dur << std::fixed << std::setprecision(3) << info.durationSeconds << " s";
  if (info.frameCount) dur << " (" << *info.frameCount << " frames)";

  row("file", scenes::printable(info.url));
  row("container", info.container);
  row("codec", info.codec);
  row("size", std::to_string(info.width) + "x" + std::to_string(info.height));
  row("pixel format", info.pixelFormatName);
  row("colour matrix", describeColour(toString(info.matrix), info.matrixAssumed, info.matrixTag));
  row("colour range", describeColour(toString(info.range), info.rangeAssumed, info.rangeTag));
  row("frame rate", fps.str());
  row("time base", tb.str());
  row("duration", dur.str());
  row("keyframe interval",
      info.keyframeInterval
          ? std::to_string(*info.keyframeInterval) + " frames (from the " +
                std::string(media::toString(info.keyframeIntervalSource)) + ")"
          : std::string("unknown"));
  row("b-frames", info.hasBFrames ? "yes" : "no");
  row("projection", std::string(toString(layout.projection)) + " (" + std::string(toString(layout.projectionSource)) + ")");
  row("stereo", std::string(toString(layout.stereo)) + " (" + std::string(toString(layout.stereoSource)) + ")");
  row("GPU image", describeDeviceFit(static_cast<std::uint32_t>(info.width), static_cast<std::uint32_t>(info.height),
                                     info.pixelFormat.value_or(PixelFormat::Yuv420P), layout.stereo));
  const std::string depth = describeDepth(*plate);
  row("depth", depth.empty() ? "none" : depth);
  std::cout << out.str();
  return 0;
}

}  // namespace

void addProbeCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<ProbeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "probe",
      "Print what PerfectShot detects in a video: codec, size, pixel format, colour matrix and range,\n"
      "frame rate, duration, keyframe interval, projection and stereo layout, and whether each came\n"
      "from the file's metadata, the shot manifest, or a guess from the aspect ratio; for RGB-D, the depth\n"
      "layout the shot tells or a stacked video shows. For a Gaussian splat file (.ply, .spz): its format,\n"
      "splat count, spherical-harmonics degree and bounds.");
  cmd->add_option("input", args->input, "a video file, a shot.json, a shot package folder, or a splat file (.ply, .spz)")
      ->required();
  cmd->add_option("--media", args->mediaId, "with a shot: the id of the medium to probe (default: the plate)");
  cmd->callback([args, &outcome] { outcome.exitCode = runProbe(*args); });
}

}  // namespace ps::tools
