#include "player/rgbd_background.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <cmath>

#include "media/rgbd_frames.h"
#include "player/plate_input.h"
#include "scenes/printable.h"
#include "scenes/problem.h"

namespace ps::player {

namespace {

std::optional<std::int64_t> frameCount(const media::StreamInfo& s) {
  if (s.frameCount) return s.frameCount;
  // Matroska says no count; its duration (the end of the last frame) does.
  if (s.durationSeconds > 0 && s.frameRate.toDouble() > 0) return std::llround(s.durationSeconds * s.frameRate.toDouble());
  return std::nullopt;
}

}  // namespace

std::optional<std::string> backgroundMismatch(const media::StreamInfo& background, const media::StreamInfo& plate) {
  if (!(background.frameRate.toDouble() > 0)) return std::string("the background video has no frame rate");
  if (background.frameRate.num * plate.frameRate.den != plate.frameRate.num * background.frameRate.den)
    return fmt::format("the background video runs at {} fps, the plate at {} fps: frame i of the background is drawn "
                       "behind plate frame i", background.frameRate.toDouble(), plate.frameRate.toDouble());
  const auto b = frameCount(background), p = frameCount(plate);
  if (b && p && *b != *p) return fmt::format("the background video has {} frames, the plate {}", *b, *p);
  return std::nullopt;
}

Result<std::unique_ptr<RgbdBackground>> RgbdBackground::open(const scenes::Shot& shot, const scenes::MediaRef& medium,
                                                             const media::StreamInfo& plate) {
  if (!medium.rgbd || medium.rgbd->background.empty()) return std::unique_ptr<RgbdBackground>();
  const std::string id = medium.rgbd->background;
  const scenes::MediaRef* bg = nullptr;
  for (const scenes::MediaRef& m : shot.media)
    if (m.id == id) bg = &m;
  const std::string where = scenes::diagnosticPlace(shot.file.string(), medium.pointer + "/background");
  if (bg == nullptr || !bg->rgbd) return Error{where, "no rgbd medium has the id " + scenes::quote(id), ""};
  if (bg->startSeconds != 0 || bg->offsetSeconds != 0)
    spdlog::warn("{}: a background follows its plate frame by frame; its start and offset are not used",
                 scenes::diagnosticPlace(shot.file.string(), bg->pointer));
  // Opened as a plate is, for its layout (metadata, then the manifest, then the colour half's guess).
  auto opened = openPlate(shot.file.string(), id, /*strict=*/false, /*threads=*/1);
  if (!opened) return opened.error();
  const media::StreamInfo info = opened->source.info();
  if (auto why = backgroundMismatch(info, plate)) return Error{info.url, *why, "the plate is " + plate.url};
  std::unique_ptr<media::DepthTrack> depth;
  if (bg->rgbd->packing == DepthPacking::Separate) {
    media::DecodeOptions options;
    options.threads = 1;
    auto track = media::DepthTrack::open(bg->rgbd->depthPath.string(), info, {bg->rgbd->coding.encoding, bg->rgbd->bits},
                                         options);
    if (!track) return track.error();
    depth = std::move(track).value();
  }
  auto colour = std::make_unique<media::VideoByIndex>(std::move(opened->source));
  return std::unique_ptr<RgbdBackground>(
      new RgbdBackground(*bg->rgbd, opened->layout, std::move(colour), std::move(depth)));
}

RgbdBackground::RgbdBackground(scenes::RgbdMedia rgbd, FrameLayout layout, std::unique_ptr<media::VideoByIndex> colour,
                               std::unique_ptr<media::DepthTrack> depth)
    : rgbd_(std::move(rgbd)), layout_(layout), colour_(std::move(colour)), depth_(std::move(depth)) {}

RgbdBackground::~RgbdBackground() = default;

Result<OwnedRgbdPicture> RgbdBackground::frame(std::int64_t index) {
  auto colour = colour_->frame(index);
  if (!colour) return colour.error();
  OwnedRgbdPicture out;
  out.frames.push_back((*colour)->clone());
  out.picture = {out.frames.back().view(), {}, layout_, rgbd_.coding, nullptr};
  if (!depth_) {
    const std::string where = fmt::format("{}@frame {}", colour_->info().url, index);
    auto split = media::splitTopBottom(out.frames.back().view(), where);
    if (!split) return split.error();
    if (const Status s = media::checkDepthPicture(split->depth, {rgbd_.coding.encoding, rgbd_.bits}, where); !s)
      return s.error();
    out.picture.colour = split->colour;
    out.picture.depth = split->depth;
    return out;
  }
  auto d = depth_->frame(index);
  if (!d) return d.error();
  out.frames.push_back((*d)->clone());
  out.picture.depth = out.frames.back().view();
  return out;
}

}  // namespace ps::player
