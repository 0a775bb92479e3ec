#include "player/plate_input.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "media/ffmpeg_url.h"
#include "scenes/printable.h"
#include "scenes/problem.h"
#include "scenes/shot_loader.h"

namespace ps::player {

namespace fs = std::filesystem;

bool isShotPath(const std::string& arg) {
  const fs::path p(arg);
  return !media::isUrl(arg) && (fs::is_directory(p) || p.extension() == ".json");
}

Result<std::optional<scenes::Shot>> shotWithoutPlate(const std::string& arg, const std::string& mediaId) {
  if (!mediaId.empty() || !isShotPath(arg)) return std::optional<scenes::Shot>();
  auto shot = scenes::loadShot(arg);
  if (!shot) return shot.error();
  // Without sets either there is nothing to show: refused as a shot without a plate (openPlate).
  const bool hasSets = std::any_of(shot->media.begin(), shot->media.end(), [](const scenes::MediaRef& m) {
    return m.kind == scenes::MediaKind::Gltf || m.kind == scenes::MediaKind::MeshSequence ||
           m.kind == scenes::MediaKind::Splats || m.kind == scenes::MediaKind::SplatSequence;
  });
  if (shot->plate() != nullptr || !hasSets) return std::optional<scenes::Shot>();
  return std::optional<scenes::Shot>(std::move(*shot));
}

Result<PlateInput> resolvePlateInput(const std::string& arg, const std::string& mediaId) {
  PlateInput in;
  const fs::path p(arg);
  if (!isShotPath(arg)) {
    if (!mediaId.empty()) return Error{arg, "--media names a medium of a shot, but this is a bare video", ""};
    in.url = arg;
    return in;
  }
  auto shot = scenes::loadShot(p);
  if (!shot) return shot.error();
  const scenes::MediaRef* m = nullptr;
  if (mediaId.empty()) {
    m = shot->plate();
    if (!m)
      return Error{scenes::diagnosticPlace(shot->file.string(), "/media"), "the shot has no equirect medium to show", ""};
  } else {
    for (const auto& candidate : shot->media)
      if (candidate.id == mediaId) m = &candidate;
    if (!m)
      return Error{scenes::diagnosticPlace(shot->file.string(), "/media"), "no medium with id " + scenes::quote(mediaId), ""};
    if (m->kind != scenes::MediaKind::Equirect && m->kind != scenes::MediaKind::Rgbd)
      return Error{scenes::diagnosticPlace(shot->file.string(), "/media"),
                   "medium " + scenes::quote(mediaId) + " is not an equirect or rgbd video", ""};
  }
  in.url = m->path.string();
  in.projection = m->projection;
  in.stereo = m->stereo;
  in.yawOffsetDeg = m->yawOffsetDeg;
  in.startSeconds = m->startSeconds;
  in.offsetSeconds = m->offsetSeconds;
  in.rgbd = m->rgbd;
  in.shot = std::move(shot).value();
  return in;
}

}  // namespace ps::player

namespace ps::player {

Result<OpenedPlate> openPlate(const std::string& arg, const std::string& mediaId, bool strict, int threads,
                              const PlateDecode& decode) {
  auto input = resolvePlateInput(arg, mediaId);
  if (!input) return input.error();
  media::DecodeOptions options;
  options.strict = strict;
  options.threads = threads;
  if (!input->rgbd) options.hardware = decode.hardware;
  if (input->rgbd && decode.hardware == media::HardwareDecode::Vaapi)
    return Error{"--hwdec vaapi", input->url + " is an RGB-D plate, whose colour is read on the CPU beside its depth",
                 "use --hwdec auto or off"};
  if (input->rgbd && decode.hardware != media::HardwareDecode::Off)
    spdlog::info("{}: video decode: software (an RGB-D plate's colour is read on the CPU, beside its depth)", input->url);
  if (options.hardware == media::HardwareDecode::Off && !decode.softwareBecause.empty())
    spdlog::info("{}: video decode: software ({})", input->url, decode.softwareBecause);
  if (input->projection && input->stereo)
    options.manifestLayout = FrameLayout{*input->projection, *input->stereo, LayoutSource::Manifest, LayoutSource::Manifest};
  auto source = media::VideoSource::open(input->url, options);
  if (!source) return source.error();
  if (options.hardware != media::HardwareDecode::Off) {
    // Shown only if its pictures import: tried on the first, then the plate opens again at its start.
    std::optional<std::string> refused;
    if (source->info().decodePath.rfind("software", 0) != 0) {
      refused = whyFirstPictureCannotBeShown(*source);
      if (refused && decode.hardware == media::HardwareDecode::Vaapi)
        return Error{input->url, "decoded on the GPU, its pictures cannot be shown: " + *refused, "use --hwdec auto or off"};
      if (refused) options.hardware = media::HardwareDecode::Off;
      source = media::VideoSource::open(input->url, options);
      if (!source) return source.error();
    }
    spdlog::info("{}: video decode: {}", input->url,
                 refused ? "software (its pictures decoded on the GPU cannot be shown: " + *refused + ")"
                         : source->info().decodePath);
  }
  FrameLayout layout = source->info().layout;
  // A stacked RGB-D video's picture is its top half: that is what a guess must look at.
  if (input->rgbd && input->rgbd->packing == DepthPacking::TopBottom) {
    const FrameLayout half = guessLayout(source->info().width, source->info().height / 2);
    if (layout.projectionSource == LayoutSource::Guess) layout.projection = half.projection;
    if (layout.stereoSource == LayoutSource::Guess) layout.stereo = half.stereo;
  }
  if (layout.projectionSource == LayoutSource::Guess && input->projection) {
    layout.projection = *input->projection;
    layout.projectionSource = LayoutSource::Manifest;
  }
  if (layout.stereoSource == LayoutSource::Guess && input->stereo) {
    layout.stereo = *input->stereo;
    layout.stereoSource = LayoutSource::Manifest;
  }
  // Said only where the guess is what the picture is drawn with: not when the manifest gives the
  // layout, nor for videos whose layout nothing reads (the film clip, thumbnails).
  if (layout.projectionSource == LayoutSource::Guess || layout.stereoSource == LayoutSource::Guess)
    spdlog::info("{}: no layout metadata; guessed {} {} from {}x{}", input->url, toString(layout.projection),
                 toString(layout.stereo), source->info().width, source->info().height);
  return OpenedPlate{std::move(input).value(), std::move(source).value(), layout};
}

Status overrideLayout(FrameLayout& layout, const std::string& projection, const std::string& stereo) {
  if (!projection.empty()) {
    auto p = parseProjection(projection);
    if (!p) return Error{"--projection", "expected 360 or 180, found " + scenes::quote(projection), ""};
    layout.projection = *p;
    layout.projectionSource = LayoutSource::Flag;
  }
  if (!stereo.empty()) {
    auto s = parseStereoLayout(stereo);
    if (!s) return Error{"--stereo", "expected mono, top-bottom or left-right, found " + scenes::quote(stereo), ""};
    layout.stereo = *s;
    layout.stereoSource = LayoutSource::Flag;
  }
  return ok();
}

}  // namespace ps::player
