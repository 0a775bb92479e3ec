#include "frame_view_of.h"

extern "C" {
#include <libavutil/frame.h>
}

namespace ps::media {

std::optional<FrameView> frameViewOf(const AVFrame& f, const StreamInfo& stream, bool depth,
                                     std::optional<FrameViewProblem>& problem) {
  const auto avFormat = static_cast<AVPixelFormat>(f.format);
  const auto format = toPixelFormat(avFormat, depth);
  if (!format) {
    problem = FrameViewProblem{FrameViewProblem::Kind::UnsupportedFormat, avFormat};
    return std::nullopt;
  }
  FrameView v;
  v.format = *format;
  v.width = static_cast<std::uint32_t>(f.width);
  v.height = static_cast<std::uint32_t>(f.height);
  const ResolvedColor c = resolveColor(f.colorspace, f.color_range, avFormat, f.height);
  v.matrix = c.matrixAssumed ? stream.matrix : c.matrix;
  v.range = c.rangeAssumed ? stream.range : c.range;
  for (int i = 0; i < planeCount(*format); ++i) {
    if (f.linesize[i] <= 0) {
      problem = FrameViewProblem{FrameViewProblem::Kind::BottomUp, avFormat};
      return std::nullopt;
    }
    v.planes[static_cast<std::size_t>(i)] = {reinterpret_cast<const std::byte*>(f.data[i]),
                                             static_cast<std::size_t>(f.linesize[i])};
  }
  return v;
}

}  // namespace ps::media
