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
  engine::RgbdPlacement placement;
  placement.origin = {static_cast<float>(shot.origin.x), static_cast<float>(shot.origin.y),
                      static_cast<float>(shot.origin.z)};
  placement.yawOffsetDeg = static_cast<float>(medium.yawOffsetDeg);
  placement.discontinuity = static_cast<float>(rgbd.discontinuity);
  placement.headBoxM = static_cast<float>(rgbd.headBoxM);
  return std::unique_ptr<RgbdPicture>(new RgbdPicture(rgbd, plate.url, layout, placement, std::move(depth)));
}

RgbdPicture::RgbdPicture(scenes::RgbdMedia rgbd, std::string url, FrameLayout layout, engine::RgbdPlacement placement,
                         std::unique_ptr<media::DepthTrack> depth)
    : rgbd_(std::move(rgbd)),
      url_(std::move(url)),
      layout_(layout),
      placement_(placement),
      depth_(std::move(depth)) {}

RgbdPicture::~RgbdPicture() = default;

Result<RgbdPictureFrame> RgbdPicture::picture(const media::DecodedFrame& plate) {
  RgbdPictureFrame out{plate.view(), {}, layout_, rgbd_.coding};
  const media::DepthDeclared declared{rgbd_.coding.encoding, rgbd_.bits};
  if (!depth_) {
    const std::string where = fmt::format("{}@frame {}", url_, plate.index);
    auto split = media::splitTopBottom(plate.view(), where);
    if (!split) return split.error();
    if (const Status s = media::checkDepthPicture(split->depth, declared, where); !s) return s.error();
    out.colour = split->colour;
    out.depth = split->depth;
    return out;
  }
  auto d = depth_->frame(plate.index);
  if (!d) return d.error();
  out.depth = (*d)->view();
  return out;
}

}  // namespace ps::player
