#pragma once
// Internal: frame i of a video by its display index, for a track that follows another by frame
// number (a mesh sequence's texture atlas, an RGB-D capture's separate depth): the next frame
// when the decoder stands just before it, else an exact seek to the middle of its slot. The
// video's own timestamps only find its i-th frame.
#include <cstdint>
#include <optional>

#include "media/video_source.h"

namespace ps::media {

class FrameByIndex {
 public:
  // `source` must outlive this; nothing else may move it.
  explicit FrameByIndex(VideoSource& source) : source_(source) {}

  // Frame `index`; `sequential` says whether it was the next frame (no seek). An error names
  // the file and the frame when the video ends before it or gives another.
  Result<DecodedFrame> read(std::int64_t index, bool& sequential);

 private:
  VideoSource& source_;
  std::optional<std::int64_t> at_;  // the index of the frame the decoder gave last
};

}  // namespace ps::media
