#include "media/decoded_frame.h"

#include <new>

extern "C" {
#include <libavutil/frame.h>
}

namespace ps::media {

void AVFrameDeleter::operator()(AVFrame* f) const { av_frame_free(&f); }

DecodedFrame DecodedFrame::clone() const {
  AVFramePtr ref(av_frame_clone(frame_.get()));
  if (!ref) throw std::bad_alloc();
  // Same buffers, so the same plane pointers stay valid.
  DecodedFrame copy(std::move(ref), view_);
  copy.pts = pts;
  copy.duration = duration;
  copy.timeBase = timeBase;
  copy.seconds = seconds;
  copy.index = index;
  return copy;
}

}  // namespace ps::media
