#pragma once
// A video read by display index, for a track that follows another frame by frame (an RGB-D
// plate's background layer follows the plate): the next frame while the indexes run on, an
// exact seek otherwise, and the frame given last again for free (depth_track.h reads a depth
// video the same way, with its checks).
// Decodes on the caller's thread. One thread at a time.
#include <cstdint>
#include <memory>
#include <optional>

#include "media/decoded_frame.h"
#include "media/stream_info.h"
#include "media/video_source.h"
#include "scenes/result.h"

namespace ps::media {

class FrameByIndex;

class VideoByIndex {
 public:
  explicit VideoByIndex(VideoSource source);
  ~VideoByIndex();
  VideoByIndex(const VideoByIndex&) = delete;
  VideoByIndex& operator=(const VideoByIndex&) = delete;

  const StreamInfo& info() const;
  // Frame `index` (0: the first). Valid until the next call. An error names the file and frame.
  Result<const DecodedFrame*> frame(std::int64_t index);

 private:
  VideoSource source_;
  std::unique_ptr<FrameByIndex> reader_;  // reads source_
  std::optional<DecodedFrame> current_;
};

}  // namespace ps::media
