#pragma once
// One decoded picture, kept as the decoder made it (no conversion, no copy).
// Holds a reference to FFmpeg's buffer; the planes stay valid as long as this
// object lives, on any thread. Move-only.
#include <cstdint>
#include <memory>

#include "scenes/rational.h"
#include "scenes/frame_view.h"

struct AVFrame;

namespace ps::media {

struct AVFrameDeleter {
  void operator()(AVFrame* f) const;
};
using AVFramePtr = std::unique_ptr<AVFrame, AVFrameDeleter>;

class DecodedFrame {
 public:
  DecodedFrame(AVFramePtr frame, const FrameView& view) : frame_(std::move(frame)), view_(view) {}
  DecodedFrame(DecodedFrame&&) noexcept = default;
  DecodedFrame& operator=(DecodedFrame&&) noexcept = default;
  DecodedFrame(const DecodedFrame&) = delete;
  DecodedFrame& operator=(const DecodedFrame&) = delete;
  ~DecodedFrame() = default;

  std::int64_t pts = 0;       // timeBase ticks, as the stream has it
  std::int64_t duration = 0;  // timeBase ticks; the nominal frame duration when the stream does not say
  Rational timeBase;          // seconds per tick
  double seconds = 0.0;       // display time in seconds from the stream's first frame (derived from pts)
  std::int64_t index = 0;     // display order, 0 at the stream's first frame

  // Another reference to the same pictures (no pixel copy), e.g. to show a
  // frame again while the decoder moves on.
  DecodedFrame clone() const;

  // The planes of this frame; valid while this object lives.
  const FrameView& view() const { return view_; }
  // The underlying FFmpeg frame, for code inside media/.
  const AVFrame* av() const { return frame_.get(); }

 private:
  AVFramePtr frame_;
  FrameView view_;
};

}  // namespace ps::media
