#pragma once
// The sound of one live connection: its best audio stream decoded and converted to stereo float
// at kLiveSoundRate (a reconnect may bring another rate; the consumer sees one), stamped with the
// feed's seconds. A stream that cannot be decoded leaves the feed silent, never without picture.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ffmpeg_handles.h"
#include "media/ffmpeg_log.h"
#include "media/live_feed.h"
#include "sample_converter.h"

namespace ps::media {

class LiveSoundDecoder {
 public:
  // The best audio stream of fmt (probed); empty when it has none or none FFmpeg can decode
  // (said at debug level: a feed without sound is common).
  static std::optional<LiveSoundDecoder> open(AVFormatContext& fmt, const std::string& url);

  int streamIndex() const { return stream_->index; }
  // e.g. "aac 44100 Hz stereo".
  const std::string& description() const { return description_; }

  // Decodes one packet of the stream. shiftSeconds maps its seconds (timestamp x time base) onto
  // the feed's. Damaged packets are dropped (the next timestamp keeps the time).
  std::vector<LiveSoundBlock> decode(const AVPacket& packet, double shiftSeconds);

 private:
  LiveSoundDecoder() = default;
  // FFmpeg's complaints about this decoder go to the debug log, as the video's do. First, so it
  // is the last to go.
  std::unique_ptr<FfmpegQuietContext> quiet_;
  AVStream* stream_ = nullptr;
  AVCodecContextPtr dec_;
  AVFramePtr frame_;
  std::optional<SampleConverter> converter_;
  std::string url_;
  std::string description_;
  std::optional<double> nextSeconds_;  // where the next frame starts when it has no timestamp
};

}  // namespace ps::media
