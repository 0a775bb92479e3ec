#include "media/video_by_index.h"

#include "frame_by_index.h"

namespace ps::media {

VideoByIndex::VideoByIndex(VideoSource source)
    : source_(std::move(source)), reader_(std::make_unique<FrameByIndex>(source_)) {}

VideoByIndex::~VideoByIndex() = default;

const StreamInfo& VideoByIndex::info() const { return source_.info(); }

Result<const DecodedFrame*> VideoByIndex::frame(std::int64_t index) {
  if (current_ && current_->index == index) return &*current_;
  bool sequential = false;
  auto f = reader_->read(index, sequential);
  if (!f) return f.error();
  current_ = std::move(f).value();
  return &*current_;
}

}  // namespace ps::media
