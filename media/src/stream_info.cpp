#include "media/stream_info.h"

extern "C" {
#include <libavutil/mathematics.h>
}

namespace ps::media {

std::string_view toString(KeyframeIntervalSource s) {
  switch (s) {
    case KeyframeIntervalSource::Index: return "index";
    case KeyframeIntervalSource::Scan: return "scan";
    case KeyframeIntervalSource::Unknown: break;
  }
  return "unknown";
}

double StreamInfo::seconds(std::int64_t pts) const {
  return static_cast<double>(pts - startPts) * timeBase.toDouble();
}

std::int64_t StreamInfo::frameIndex(std::int64_t pts) const {
  if (!frameRate.valid() || !timeBase.valid()) return 0;
  // ticks * (tb.num/tb.den) * (fps.num/fps.den), rounded to the nearest slot.
  return av_rescale_rnd(pts - startPts, timeBase.num * frameRate.num, timeBase.den * frameRate.den,
                        AV_ROUND_NEAR_INF);
}

}  // namespace ps::media
