#include "player/live_playback.h"

#include <spdlog/spdlog.h>

namespace ps::player {

Result<std::unique_ptr<ShotPlayback>> openLivePlayback(const std::string& arg, const media::LiveOptions& options,
                                                       const std::function<bool()>& keepWaiting) {
  Result<media::LiveInput> input = media::parseLiveInput(arg);
  if (!input) return input.error();
  auto p = std::make_unique<ShotPlayback>();
  Result<std::unique_ptr<media::LiveFeed>> feed = media::LiveFeed::open(*input, options, p->clock, keepWaiting);
  if (!feed) return feed.error();
  const media::StreamInfo& info = (*feed)->info();
  p->layout = info.layout;
  if (info.frameRate.valid()) {
    p->frameSeconds = 1.0 / info.frameRate.toDouble();
    p->timeline.fps = info.frameRate;
  }
  p->player = std::make_unique<media::Player>(std::move(*feed));
  return p;
}

}  // namespace ps::player
