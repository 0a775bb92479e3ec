#include "live_sound_decoder.h"

#include "ffmpeg_check.h"
#include "log.h"

namespace ps::media {

std::optional<LiveSoundDecoder> LiveSoundDecoder::open(AVFormatContext& fmt, const std::string& url) {
  const AVCodec* codec = nullptr;
  const int index = av_find_best_stream(&fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
  if (index < 0 || codec == nullptr) {
    log().debug("live: {}: {}", url, index == AVERROR_STREAM_NOT_FOUND ? "no sound" : "no decoder for the sound");
    return std::nullopt;
  }
  LiveSoundDecoder d;
  d.url_ = url;
  d.stream_ = fmt.streams[index];
  d.dec_.reset(avcodec_alloc_context3(codec));
  d.frame_.reset(av_frame_alloc());
  if (!d.dec_ || !d.frame_) throw std::bad_alloc();
  d.quiet_ = std::make_unique<FfmpegQuietContext>(d.dec_.get());
  auto failed = [&](const Error& e) -> std::optional<LiveSoundDecoder> {
    log().info("live: {}: the sound cannot be decoded ({}); the picture plays without it", url, e.what);
    return std::nullopt;
  };
  if (Status s = checked(avcodec_parameters_to_context(d.dec_.get(), d.stream_->codecpar),
                         "avcodec_parameters_to_context", url);
      !s)
    return failed(s.error());
  d.dec_->pkt_timebase = d.stream_->time_base;
  if (Status s = checked(avcodec_open2(d.dec_.get(), codec, nullptr), "avcodec_open2", url); !s) return failed(s.error());
  Result<SampleConverter> converter = SampleConverter::create(*d.dec_, 2, kLiveSoundRate, url);
  if (!converter) return failed(converter.error());
  d.converter_.emplace(std::move(converter).value());
  d.description_ = fmt::format("{} {} Hz {}", codec->name, d.dec_->sample_rate, describeChannels(d.dec_->ch_layout));
  return d;
}

std::vector<LiveSoundBlock> LiveSoundDecoder::decode(const AVPacket& packet, double shiftSeconds) {
  std::vector<LiveSoundBlock> out;
  int r = avcodec_send_packet(dec_.get(), &packet);
  if (r < 0 && !isAgain(r)) {
    log().debug("{}: sound: avcodec_send_packet: {}", url_, ffmpegErrorText(r));
    nextSeconds_.reset();
    return out;
  }
  for (;;) {
    r = avcodec_receive_frame(dec_.get(), frame_.get());
    if (r < 0) break;
    const std::int64_t pts = frame_->best_effort_timestamp != AV_NOPTS_VALUE ? frame_->best_effort_timestamp : frame_->pts;
    std::optional<double> seconds = nextSeconds_;
    if (pts != AV_NOPTS_VALUE) seconds = static_cast<double>(pts) * av_q2d(stream_->time_base) + shiftSeconds;
    Result<std::vector<float>> samples = converter_->convert(*frame_);
    const int frames = frame_->nb_samples;
    const int rate = frame_->sample_rate > 0 ? frame_->sample_rate : kLiveSoundRate;
    av_frame_unref(frame_.get());
    if (!samples) {
      log().debug("{}", samples.error().message());
      continue;
    }
    if (!seconds) continue;  // nowhere on the feed's time yet
    nextSeconds_ = *seconds + static_cast<double>(frames) / rate;
    if (!samples->empty()) out.push_back(LiveSoundBlock{*seconds, std::move(samples).value()});
  }
  if (r < 0 && !isAgain(r) && !isEndOfFile(r)) {
    log().debug("{}: sound: avcodec_receive_frame: {}", url_, ffmpegErrorText(r));
    nextSeconds_.reset();
  }
  return out;
}

}  // namespace ps::media
