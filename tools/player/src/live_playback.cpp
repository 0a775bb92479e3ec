#include "player/live_playback.h"

#include <spdlog/spdlog.h>

namespace ps::player {

Result<std::unique_ptr<ShotPlayback>> openLivePlayback(const std::string& arg, const media::LiveOptions& options,
                                                       const std::function<bool()>& keepWaiting, bool withAudio) {
  Result<media::LiveInput> input = media::parseLiveInput(arg);
  if (!input) return input.error();
  auto p = std::make_unique<ShotPlayback>();
  media::LiveOptions withSound = options;
  withSound.sound = withAudio;
  Result<std::unique_ptr<media::LiveFeed>> feed = media::LiveFeed::open(*input, withSound, p->clock, keepWaiting);
  if (!feed) return feed.error();
  const media::StreamInfo& info = (*feed)->info();
  p->layout = info.layout;
  if (info.frameRate.valid()) {
    p->frameSeconds = 1.0 / info.frameRate.toDouble();
    p->timeline.fps = info.frameRate;
  }
  std::unique_ptr<media::LiveSound> sound;
  if (withAudio && !(*feed)->status().sound.empty()) {
    if (auto opened = media::AudioOutput::openDefault(); !opened) {
      spdlog::info("play: playing the feed without sound ({})", opened.error().message());
    } else {
      p->audioOutput.emplace(std::move(*opened));
      auto created = media::LiveSound::create(*p->audioOutput, **feed, p->clock);
      if (created)
        sound = std::move(*created);
      else
        spdlog::warn("play: playing the feed without sound ({})", created.error().message());
    }
  }
  p->player = std::make_unique<media::Player>(std::move(*feed), std::move(sound));
  return p;
}

}  // namespace ps::player
