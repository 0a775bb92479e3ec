#include "player/rgbd_picture.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

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
  placement.stereoBaselineM = static_cast<float>(rgbd.stereoBaselineM.value_or(scenes::kDefaultStereoBaselineM));
  if (rgbd.stereoBaselineM && layout.stereo == StereoLayout::Mono)
    spdlog::warn("{}: stereo_baseline_m is not used: the capture plays as mono",
                 scenes::diagnosticPlace(shot.file.string(), medium.pointer));
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
      background_(std::move(background)),
      ahead_(std::make_unique<DecodeAhead<RgbdExtras>>([this](std::int64_t index) { return decodeExtras(index); })) {}

// The worker first: it uses depth_ and background_.
RgbdPicture::~RgbdPicture() { ahead_.reset(); }

namespace {
// Plate frames offered ahead and not taken yet: the next one or two, and the one shown.
constexpr std::size_t kOffered = 4;
}  // namespace

void RgbdPicture::offer(const media::DecodedFrame& plate) {
  std::lock_guard lock(offeredMutex_);
  for (const media::DecodedFrame& f : offered_)
    if (f.index == plate.index) return;
  offered_.push_back(plate.clone());
  while (offered_.size() > kOffered) offered_.pop_front();
}

std::optional<media::DecodedFrame> RgbdPicture::offered(std::int64_t index) {
  std::lock_guard lock(offeredMutex_);
  for (const media::DecodedFrame& f : offered_)
    if (f.index == index) return f.clone();
  return std::nullopt;
}

std::shared_ptr<const engine::RgbdDepthMeasure> RgbdPicture::measure(
    const FrameView& depth, const FrameLayout& layout, const DepthCoding& coding,
    std::shared_ptr<const engine::RgbdDepthMeasure>& last) {
  try {
    last = engine::RgbdDepthMeasure::of(depth, layout, coding, last.get());
    return last;
  } catch (const std::invalid_argument&) {
    return nullptr;  // the layer refuses the picture, saying why
  }
}

Result<std::shared_ptr<const RgbdExtras>> RgbdPicture::decodeExtras(std::int64_t index) {
  auto extras = std::make_shared<RgbdExtras>();
  if (depth_) {
    auto d = depth_->frame(index);
    if (!d) return d.error();
    extras->depth = (*d)->clone();
    extras->measure = measure(extras->depth->view(), layout_, rgbd_.coding, lastMeasure_);
  } else if (const std::optional<media::DecodedFrame> plate = offered(index)) {
    // A stacked frame: its lower half is the depth (a frame that does not split is refused by assemble).
    if (auto split = media::splitTopBottom(plate->view(), url_); split)
      extras->measure = measure(split->depth, layout_, rgbd_.coding, lastMeasure_);
  }
  if (background_) {
    auto b = background_->frame(index);
    if (!b) return b.error();
    extras->background = std::move(b).value();
    RgbdLayerPicture& picture = extras->background->picture;
    picture.measure = measure(picture.depth, picture.layout, picture.coding, lastBackgroundMeasure_);
  }
  return std::shared_ptr<const RgbdExtras>(std::move(extras));
}

void RgbdPicture::ahead(const media::DecodedFrame& plate) {
  if (!depth_) offer(plate);
  ahead_->want(plate.index);
}

Result<RgbdPictureFrame> RgbdPicture::picture(const media::DecodedFrame& plate) {
  for (;;)
    if (auto p = ready(plate, std::chrono::seconds(1))) return std::move(*p);
}

std::optional<Result<RgbdPictureFrame>> RgbdPicture::ready(const media::DecodedFrame& plate,
                                                           std::chrono::milliseconds wait) {
  if (!depth_) offer(plate);
  auto extras = ahead_->get(plate.index, wait);
  if (!extras) return std::nullopt;
  return assemble(plate, *extras);
}

Result<RgbdPictureFrame> RgbdPicture::assemble(const media::DecodedFrame& plate,
                                               const Result<std::shared_ptr<const RgbdExtras>>& extras) const {
  if (!extras) return extras.error();
  RgbdPictureFrame out{plate.view(), {}, layout_, rgbd_.coding, extras.value()->measure, std::nullopt, extras.value()};
  if (out.extras->background) out.background = out.extras->background->picture;
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
