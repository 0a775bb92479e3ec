#include "media/depth_track.h"

#include <spdlog/fmt/fmt.h>

#include <cmath>

#include "frame_by_index.h"

namespace ps::media {

namespace {

std::string rate(const Rational& r) { return r.den == 1 ? std::to_string(r.num) : fmt::format("{}/{}", r.num, r.den); }

}  // namespace

std::optional<std::string> depthMismatch(const StreamInfo& depth, const StreamInfo& colour) {
  if (depth.width != colour.width || depth.height != colour.height)
    return fmt::format("the depth video is {}x{}, the colour video {}x{}: frame i of the depth is the depth of colour "
                       "frame i, pixel for pixel", depth.width, depth.height, colour.width, colour.height);
  if (depth.frameRate.num * colour.frameRate.den != colour.frameRate.num * depth.frameRate.den)
    return fmt::format("the depth video runs at {} fps, the colour video at {} fps", rate(depth.frameRate),
                       rate(colour.frameRate));
  const auto count = [](const StreamInfo& s) -> std::optional<std::int64_t> {
    if (s.frameCount) return s.frameCount;
    // Matroska says no count; its duration (the end of the last frame) does.
    if (s.durationSeconds > 0 && s.frameRate.toDouble() > 0) return std::llround(s.durationSeconds * s.frameRate.toDouble());
    return std::nullopt;
  };
  const auto depthFrames = count(depth), colourFrames = count(colour);
  if (depthFrames && colourFrames && *depthFrames != *colourFrames)
    return fmt::format("the depth video has {} frames, the colour video {}", *depthFrames, *colourFrames);
  return std::nullopt;
}

Result<std::unique_ptr<DepthTrack>> DepthTrack::open(const std::string& url, const StreamInfo& colour,
                                                     const DepthDeclared& declared, DecodeOptions options) {
  options.depth = true;
  auto source = VideoSource::open(url, options);
  if (!source) return source.error();
  if (!(source->info().frameRate.toDouble() > 0)) return Error{url, "the depth video has no frame rate", ""};
  if (auto why = depthMismatch(source->info(), colour)) return Error{url, *why, ""};
  return std::unique_ptr<DepthTrack>(new DepthTrack(std::move(source).value(), declared));
}

DepthTrack::DepthTrack(VideoSource source, const DepthDeclared& declared)
    : source_(std::move(source)), declared_(declared), reader_(std::make_unique<FrameByIndex>(source_)) {}

DepthTrack::~DepthTrack() = default;

const StreamInfo& DepthTrack::info() const { return source_.info(); }

Result<const DecodedFrame*> DepthTrack::frame(std::int64_t index) {
  if (current_ && current_->index == index) return &*current_;
  bool sequential = false;
  auto f = reader_->read(index, sequential);
  if (!f) return f.error();
  if (!sequential) ++seeks_;
  const std::string where = fmt::format("{}@frame {}", source_.info().url, index);
  if (const Status s = checkDepthPicture(f->view(), declared_, where); !s) return s.error();
  current_ = std::move(f).value();
  return &*current_;
}

}  // namespace ps::media
