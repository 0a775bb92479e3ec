#include "shot_playback.h"

#include <spdlog/spdlog.h>

#include "input.h"
#include "media/audio_player.h"
#include "media/audio_source.h"

namespace ps::tools {

PlayerLoopOptions ShotPlayback::loopOptions() const {
  PlayerLoopOptions o;
  o.layout = layout;
  o.yawOffsetDeg = yawOffsetDeg;
  o.inSeconds = inSeconds;
  o.outSeconds = outSeconds;
  return o;
}

Result<std::unique_ptr<ShotPlayback>> openShotPlayback(const std::string& arg, const std::string& mediaId,
                                                       bool withAudio) {
  auto plate = openPlate(arg, mediaId, /*strict=*/false);
  if (!plate) return plate.error();
  auto p = std::make_unique<ShotPlayback>();
  const media::StreamInfo info = plate->source.info();
  p->layout = plate->layout;
  p->yawOffsetDeg = static_cast<float>(plate->input.yawOffsetDeg);
  p->outSeconds = info.durationSeconds > 0 ? std::optional<double>(info.durationSeconds) : std::nullopt;
  if (plate->input.shot) {
    p->inSeconds = plate->input.shot->timeline.in;
    if (plate->input.shot->timeline.out) p->outSeconds = *plate->input.shot->timeline.out;
  }
  if (info.frameRate.valid()) p->frameSeconds = 1.0 / info.frameRate.toDouble();

  std::unique_ptr<media::AudioPlayer> audio;
  if (withAudio) {
    auto source = media::AudioSource::open(plate->input.url);
    if (!source) {
      spdlog::info("play: no soundtrack ({})", source.error().message());
    } else if (auto output = media::AudioOutput::openDefault(); !output) {
      spdlog::info("play: playing without sound ({})", output.error().message());
    } else {
      p->audioOutput.emplace(std::move(*output));
      auto created = media::AudioPlayer::create(*p->audioOutput, std::move(*source), p->clock);
      if (created)
        audio = std::move(*created);
      else
        spdlog::warn("play: playing without sound ({})", created.error().message());
    }
  }
  p->player = std::make_unique<media::Player>(std::move(plate->source), std::move(audio));
  return p;
}

}  // namespace ps::tools
