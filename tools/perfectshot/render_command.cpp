// perfectshot render: one view of one frame, headlessly, to a PNG.
#include <spdlog/spdlog.h>

#include "cli_numbers.h"
#include "commands.h"
#include "engine/device.h"
#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/render_still.h"
#include "engine/view.h"
#include "input.h"
#include "png_writer.h"
#include "report.h"
#include "scenes/printable.h"
#include "view_overlay.h"

namespace ps::tools {

namespace {

struct RenderArgs {
  std::string input;
  std::string mediaId;
  double time = 0;
  float yaw = 0, pitch = 0, roll = 0;
  float hfov = 90, vfov = 60;
  std::string size = "1280x720";
  std::string eye = "left";
  std::string projection, stereo;
  std::string output;
  bool markers = false;
  bool filmFrame = false;
};

// --time counts from the shot's in point and must not pass its end: the timeline's out, or
// the video's end (where the container says). At the end itself it shows the last frame.
Status checkTimeInside(double time, const OpenedPlate& plate) {
  const scenes::Shot* shot = plate.input.shot ? &*plate.input.shot : nullptr;
  const double in = shot ? shot->timeline.in : 0.0;
  const double duration = plate.source.info().durationSeconds;
  std::optional<double> end;
  if (shot && shot->timeline.out) end = *shot->timeline.out;
  else if (duration > 0) end = duration;
  if (!end || time <= *end - in) return ok();
  return Error{"--time",
               fmt::format("{} s is after the end of the {} at {} s{}", time, shot ? "shot" : "video", *end - in,
                           shot ? " from its in point" : ""),
               fmt::format("the last frame shows at --time {}", *end - in)};
}

// The view with the shot's overlays drawn over it (markers, the film frame), read back.
Result<engine::RgbaImage> renderWithOverlay(const engine::Device& device, const FrameView& frame,
                                            const engine::StillRequest& request, ViewOverlay& overlay,
                                            double shotSeconds) {
  engine::EquirectRenderer renderer(device, engine::RendererOptions{1});
  auto still = engine::makeStillTarget(device, request.width, request.height);
  if (!still) return still.error();
  engine::OffscreenTarget& target = **still;
  try {
    renderer.beginFrame(frame, request.layout, request.yawOffsetDeg);
  } catch (const std::invalid_argument& e) {
    return engine::frameError(e);
  }
  renderer.drawView(request.view, request.eye, target.target());
  renderer.submit();
  // Same queue: the overlay's pass runs after the view's.
  overlay.update(shotSeconds);
  if (FilmFrameOverlay* film = overlay.filmFrame()) film->updateAndWait(shotSeconds);
  overlay.draw(device, request.view, target.target(), shotSeconds, {}, &target);
  overlay.wait();
  return target.pixels();
}

int runRender(const RenderArgs& args) {
  auto size = parsePictureSize(args.size, 1, 16384, "--size");
  if (!size) return reportError(size.error());
  auto eye = parseEye(args.eye);
  if (!eye) return reportError(Error{"--eye", "expected left or right, found " + scenes::quote(args.eye), ""});

  auto plate = openPlate(args.input, args.mediaId, /*strict=*/true);
  if (!plate) return reportError(plate.error());
  if (auto s = overrideLayout(plate->layout, args.projection, args.stereo); !s) return reportError(s.error());
  if (auto s = checkTimeInside(args.time, *plate); !s) return reportError(s.error());

  // A shot's time is counted from its timeline's in point; a bare video's from its first frame.
  const double mediaTime = args.time + (plate->input.shot ? plate->input.shot->timeline.in : 0.0);
  auto frame = plate->source.frameAt(mediaTime, media::SeekIntent::Still);  // one picture: no decoding past it
  if (!frame) return reportError(frame.error());
  spdlog::debug("render: frame {} at {:.3f} s for t={:.3f} s", frame->index, frame->seconds, mediaTime);

  auto device = engine::Device::create();
  if (!device) return reportError(device.error());

  engine::StillRequest request;
  request.layout = plate->layout;
  request.view = engine::viewFromV360({args.yaw, args.pitch, args.roll, args.hfov, args.vfov});
  request.eye = *eye;
  request.width = size->width;
  request.height = size->height;
  request.yawOffsetDeg = static_cast<float>(plate->input.yawOffsetDeg);
  const scenes::Shot* shot = plate->input.shot ? &*plate->input.shot : nullptr;
  if ((args.markers || args.filmFrame) && shot == nullptr)
    return reportError(Error{args.input, "--markers and --film-frame need a shot, not a bare video", ""});
  if (args.filmFrame && !shot->camera)
    return reportError(Error{args.input + ": /camera", "the shot names no film camera for --film-frame", ""});
  Result<engine::RgbaImage> image = Error{"", "", ""};
  if (args.markers || args.filmFrame) {
    ViewOverlayOptions o;
    if (args.markers) o.markers = shot->markers;
    if (args.filmFrame) o.filmFrame = FilmFrameOptions{*shot->camera, true};
    o.framesInFlight = 2;
    ViewOverlay overlay(std::move(o));
    image = renderWithOverlay(*device, frame->view(), request, overlay, mediaTime);
  } else {
    image = engine::renderStill(*device, frame->view(), request);
  }
  if (!image) {
    Error error = image.error();
    // The engine knows no files: a problem with the frame is one with this file's frame.
    if (error.where == "frame") error.where = plate->source.info().url + "@frame " + std::to_string(frame->index);
    if (error.where == "output size") error.where = "--size " + args.size;
    return reportError(error);
  }
  if (auto written = writePng(args.output, *image); !written) return reportError(written.error());
  spdlog::info("render: wrote {} ({}x{}, frame {})", args.output, image->width, image->height, frame->index);
  return 0;
}

}  // namespace

void addRenderCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* cmd = app.add_subcommand(
      "render",
      "Render one view of a shot or video headlessly to a PNG. The angles follow FFmpeg's v360\n"
      "filter (yaw turns right, pitch looks up, roll as v360 rolls), so the same numbers give the\n"
      "same view as `ffmpeg -vf v360=input=e:output=flat:yaw=..:pitch=..:roll=..:h_fov=..:v_fov=..`.");
  cmd->add_option("input", args->input, "a video file, a shot.json, or a shot package folder")->required();
  cmd->add_option("-o,--output", args->output, "the PNG to write (written atomically)")->required();
  cmd->add_option("--time", args->time,
                  "seconds: shot time for a shot (from its in point), media time for a video; up to the\n"
                  "shot's end (its timeline out, else the video's end), which shows the last frame")
      ->check(finiteIn(0, 1e9));
  cmd->add_option("--yaw", args->yaw, "degrees, right-positive")->check(finiteIn(-360, 360));
  cmd->add_option("--pitch", args->pitch, "degrees, up-positive")->check(finiteIn(-180, 180));
  cmd->add_option("--roll", args->roll, "degrees, as v360")->check(finiteIn(-360, 360));
  cmd->add_option("--hfov", args->hfov, "horizontal field of view, degrees")->check(finiteIn(1, 179));
  cmd->add_option("--vfov", args->vfov, "vertical field of view, degrees")->check(finiteIn(1, 179));
  cmd->add_option("--size", args->size, "output size WIDTHxHEIGHT")->capture_default_str();
  cmd->add_option("--eye", args->eye, "left or right: which eye's picture of a stereo source")->capture_default_str();
  cmd->add_option("--media", args->mediaId, "with a shot: the id of the medium to render (default: the plate)");
  cmd->add_option("--projection", args->projection, "override the detected projection: 360 or 180");
  cmd->add_option("--stereo", args->stereo, "override the detected stereo layout: mono, top-bottom or left-right");
  cmd->add_flag("--markers", args->markers,
                "draw the shot's narration markers active at --time (pins, cards, edge arrows)");
  cmd->add_flag("--film-frame", args->filmFrame,
                "draw the film camera's frustum and frame, with its clip playing inside");
  cmd->callback([args, &outcome] { outcome.exitCode = runRender(*args); });
}

}  // namespace ps::tools
