#include "player/rgbd_picture.h"

#include <spdlog/fmt/fmt.h>

#include "media/rgbd_frames.h"
#include "scenes/problem.h"

namespace ps::player {

Result<std::unique_ptr<RgbdPicture>> RgbdPicture::open(const scenes::Shot& shot, const scenes::MediaRef& medium,
                                                       const media::StreamInfo& plate, const FrameLayout& layout) {
  if (medium.kind != scenes::MediaKind::Rgbd || !medium.rgbd)
    return Error{scenes::diagnosticPlace(shot.file.string(), medium.pointer), "the medium is not an rgbd capture", ""};
  const scenes::RgbdMedia& rgbd = *medium.rgbd;
  std::unique_ptr<media::DepthTrack> depth;
  if (rgbd.packing == DepthPacking::Separate) {
    media::DecodeOptions options;
    options.threads = 1;
    auto track = media::DepthTrack::open(rgbd.depthPath.string(), plate, {rgbd.coding.encoding, rgbd.bits}, options);
    if (!track) return track.error();
    depth = std::move(track).value();
  }
  auto background = RgbdBackground::open(shot, medium, plate);
  if (!background) return background.error();
  engine::RgbdPlacement placement;
  placement.origin = {static_cast<float>(shot.origin.x), static_cast<float>(shot.origin.y),
                      static_cast<float>(shot.origin.z)};
  placement.yawOffsetDeg = static_cast<float>(medium.yawOffsetDeg);
  placement.discontinuity = static_cast<float>(rgbd.discontinuity);
  placement.headBoxM = static_cast<float>(rgbd.headBoxM);
  return std::unique_ptr<RgbdPicture>(
      new RgbdPicture(rgbd, plate.url, layout, placement, std::move(depth), std::move(background).value()));
}

RgbdPicture::RgbdPicture(scenes::RgbdMedia rgbd, std::string url, FrameLayout layout, engine::RgbdPlacement placement,
                         std::unique_ptr<media::DepthTrack> depth, std::unique_ptr<RgbdBackground> background)
    : rgbd_(std::move(rgbd)),
      url_(std::move(url)),
      layout_(layout),
      placement_(placement),
      depth_(std::move(depth)),
      background_(std::move(background)) {
  if (depth_ || background_)
    ahead_ = std::make_unique<DecodeAhead<RgbdExtras>>([this](std::int64_t index) { return decodeExtras(index); });
}

// The worker first: it uses depth_ and background_.
RgbdPicture::~RgbdPicture() { ahead_.reset(); }

Result<std::shared_ptr<const RgbdExtras>> RgbdPicture::decodeExtras(std::int64_t index) {
  auto extras = std::make_shared<RgbdExtras>();
  if (depth_) {
    auto d = depth_->frame(index);
    if (!d) return d.error();
    extras->depth = (*d)->clone();
  }
  if (background_) {
    auto b = background_->frame(index);
    if (!b) return b.error();
    extras->background = std::move(b).value();
  }
  return std::shared_ptr<const RgbdExtras>(std::move(extras));
}

void RgbdPicture::ahead(std::int64_t index) {
  if (ahead_) ahead_->want(index);
}

Result<RgbdPictureFrame> RgbdPicture::picture(const media::DecodedFrame& plate) {
  for (;;)
    if (auto p = ready(plate, std::chrono::seconds(1))) return std::move(*p);
}

std::optional<Result<RgbdPictureFrame>> RgbdPicture::ready(const media::DecodedFrame& plate,
                                                           std::chrono::milliseconds wait) {
  if (!ahead_) return assemble(plate, std::shared_ptr<const RgbdExtras>());
  auto extras = ahead_->get(plate.index, wait);
  if (!extras) return std::nullopt;
  return assemble(plate, *extras);
}

Result<RgbdPictureFrame> RgbdPicture::assemble(const media::DecodedFrame& plate,
                                               const Result<std::shared_ptr<const RgbdExtras>>& extras) const {
  if (!extras) return extras.error();
  RgbdPictureFrame out{plate.view(), {}, layout_, rgbd_.coding, std::nullopt, extras.value()};
  if (out.extras && out.extras->background) out.background = out.extras->background->picture;
  if (!depth_) {
    const std::string where = fmt::format("{}@frame {}", url_, plate.index);
    const media::DepthDeclared declared{rgbd_.coding.encoding, rgbd_.bits};
    auto split = media::splitTopBottom(plate.view(), where);
    if (!split) return split.error();
    if (const Status s = media::checkDepthPicture(split->depth, declared, where); !s) return s.error();
    out.colour = split->colour;
    out.depth = split->depth;
    return out;
  }
  out.depth = out.extras->depth->view();
  return out;
}

}  // namespace ps::player
