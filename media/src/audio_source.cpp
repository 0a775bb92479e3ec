#include "media/audio_source.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ffmpeg_check.h"
#include "ffmpeg_handles.h"
#include "log.h"
#include "media/ffmpeg_log.h"
#include "media/ffmpeg_url.h"
#include "open_input.h"
#include "sample_converter.h"

namespace ps::media {

namespace {

constexpr std::int64_t kNoPts = std::numeric_limits<std::int64_t>::min();  // == AV_NOPTS_VALUE

}  // namespace

struct AudioSource::State {
  AudioOptions options;
  AudioInfo info;
  AVFormatContextPtr fmt;
  AVCodecContextPtr dec;
  AVPacketPtr pkt;
  AVFramePtr frame;
  std::optional<SampleConverter> converter;
  AVStream* stream = nullptr;
  bool draining = false;
  bool ended = false;
  // Sample frame (from shot 0) of the next decoded sample; unknown right
  // after open or a seek, until a frame with a timestamp arrives.
  std::optional<std::int64_t> nextFrame;
  std::int64_t dropBefore = std::numeric_limits<std::int64_t>::min();  // sample frames; seek target

  std::int64_t frameOf(std::int64_t pts) const {
    const double t = static_cast<double>(pts) * av_q2d(stream->time_base) - options.originSeconds;
    return std::llround(t * info.sampleRate);
  }

  Status initConverter() {
    Result<SampleConverter> c = SampleConverter::create(*dec, info.channels, info.sampleRate, info.url);
    if (!c) return c.error();
    converter.emplace(std::move(c).value());
    return ok();
  }

  // Converts the decoded frame; trims what lies before a seek target.
  Result<std::optional<AudioBlock>> convert() {
    if (!nextFrame) {
      const std::int64_t pts = frame->best_effort_timestamp != kNoPts ? frame->best_effort_timestamp : frame->pts;
      nextFrame = pts != kNoPts ? frameOf(pts) : std::max<std::int64_t>(dropBefore, 0);
    }
    AudioBlock b;
    b.firstFrame = *nextFrame;
    const int n = frame->nb_samples;
    *nextFrame += n;
    Result<std::vector<float>> samples = converter->convert(*frame);
    if (!samples) return samples.error();
    b.samples = std::move(samples).value();
    const auto got = static_cast<std::int64_t>(b.samples.size()) / info.channels;
    if (b.firstFrame < dropBefore) {
      const std::int64_t drop = std::min<std::int64_t>(dropBefore - b.firstFrame, got);
      b.samples.erase(b.samples.begin(), b.samples.begin() + drop * info.channels);
      b.firstFrame += drop;
    }
    if (b.samples.empty()) return std::optional<AudioBlock>();
    return std::optional<AudioBlock>(std::move(b));
  }
};

Result<AudioSource> AudioSource::open(const std::string& url, const AudioOptions& options) {
  routeFfmpegLogToSpdlog();
  auto s = std::make_unique<State>();
  s->options = options;
  s->info.url = url;
  Result<std::string> file = inputFileUrl(url);
  if (!file) {
    log().error("{}", file.error().message());
    return file.error();
  }
  FfmpegLogCapture capture;
  AVFormatContext* raw = nullptr;
  if (int r = openLocalInput(&raw, *file); r < 0) {
    Error e{url, "cannot open the soundtrack: avformat_open_input: " + ffmpegErrorText(r), ""};
    if (!capture.text().empty()) e.what += " (FFmpeg: " + capture.text() + ")";
    log().error("{}", e.message());
    return e;
  }
  s->fmt.reset(raw);
  if (Status st = checked(avformat_find_stream_info(s->fmt.get(), nullptr), "avformat_find_stream_info", url); !st) {
    return st.error();
  }
  const AVCodec* codec = nullptr;
  const int index = av_find_best_stream(s->fmt.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
  if (index < 0 || codec == nullptr) {
    // A video without sound is common: the caller says what it does about it.
    Error e{url, "no audio stream FFmpeg can decode", "give the soundtrack as a separate file, or play without sound"};
    log().debug("{}", e.message());
    return e;
  }
  s->stream = s->fmt->streams[index];
  for (unsigned i = 0; i < s->fmt->nb_streams; ++i) {
    if (static_cast<int>(i) != index) s->fmt->streams[i]->discard = AVDISCARD_ALL;
  }
  s->dec.reset(avcodec_alloc_context3(codec));
  if (!s->dec) throw std::bad_alloc();
  if (Status st = checked(avcodec_parameters_to_context(s->dec.get(), s->stream->codecpar),
                          "avcodec_parameters_to_context", url);
      !st) {
    return st.error();
  }
  s->dec->pkt_timebase = s->stream->time_base;
  if (Status st = checked(avcodec_open2(s->dec.get(), codec, nullptr), "avcodec_open2", url); !st) return st.error();

  AudioInfo& info = s->info;
  info.codec = codec->name;
  info.streamIndex = index;
  info.sampleRate = s->dec->sample_rate;
  info.sourceLayout = describeChannels(s->dec->ch_layout);
  const int channels = s->dec->ch_layout.nb_channels;
  info.sourceChannels = channels;
  const bool ambisonicOrder = s->dec->ch_layout.order == AV_CHANNEL_ORDER_AMBISONIC;
  const bool unlabelled4 = channels == 4 && s->dec->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC;
  const bool ambix = options.ambisonic.value_or(ambisonicOrder || unlabelled4) && channels == 4;
  info.layout = ambix ? AudioLayout::AmbiX : AudioLayout::Stereo;
  info.channels = ambix ? 4 : 2;
  info.layoutGuessed = ambix && !options.ambisonic && !ambisonicOrder;
  if (options.ambisonic.value_or(false) && channels != 4) {
    log().warn("{}: said to be first-order ambisonics but has {} channels; playing it as stereo", url, channels);
  }
  if (info.layoutGuessed) log().info("{}: 4 unlabelled channels, assumed AmbiX (ACN/SN3D)", url);
  if (s->stream->duration > 0) {
    info.durationSeconds = static_cast<double>(s->stream->duration) * av_q2d(s->stream->time_base);
  } else if (s->fmt->duration > 0) {
    info.durationSeconds = static_cast<double>(s->fmt->duration) / AV_TIME_BASE;
  }
  if (Status st = s->initConverter(); !st) return st.error();
  s->pkt.reset(av_packet_alloc());
  s->frame.reset(av_frame_alloc());
  if (!s->pkt || !s->frame) throw std::bad_alloc();
  log().debug("{}: audio {} {} Hz, {} -> {}", url, info.codec, info.sampleRate, info.sourceLayout,
              ambix ? "AmbiX" : "stereo");
  return AudioSource(std::move(s));
}

AudioSource::AudioSource(std::unique_ptr<State> state) : s_(std::move(state)) {}
AudioSource::AudioSource(AudioSource&&) noexcept = default;
AudioSource& AudioSource::operator=(AudioSource&&) noexcept = default;
AudioSource::~AudioSource() = default;

const AudioInfo& AudioSource::info() const { return s_->info; }

Result<std::optional<AudioBlock>> AudioSource::next() {
  State& s = *s_;
  while (!s.ended) {
    int r = avcodec_receive_frame(s.dec.get(), s.frame.get());
    if (r >= 0) {
      Result<std::optional<AudioBlock>> b = s.convert();
      av_frame_unref(s.frame.get());
      if (!b || b.value()) return b;
      continue;  // all of it before the seek target
    }
    if (isEndOfFile(r)) {
      s.ended = true;
      break;
    }
    if (!isAgain(r)) {
      // A damaged packet: its samples are lost, the timeline is kept by the next timestamp.
      log().warn("{}: damaged audio: avcodec_receive_frame: {}", s.info.url, ffmpegErrorText(r));
      s.nextFrame.reset();
      continue;
    }
    if (s.draining) {
      s.ended = true;
      break;
    }
    r = av_read_frame(s.fmt.get(), s.pkt.get());
    if (r < 0) {
      if (!isEndOfFile(r)) log().warn("{}: cannot read further: av_read_frame: {}", s.info.url, ffmpegErrorText(r));
      s.draining = true;
      if (Status st = checked(avcodec_send_packet(s.dec.get(), nullptr), "avcodec_send_packet", s.info.url); !st) {
        return st.error();
      }
      continue;
    }
    if (s.pkt->stream_index == s.stream->index) {
      r = avcodec_send_packet(s.dec.get(), s.pkt.get());
      if (r < 0 && !isAgain(r)) log().warn("{}: damaged audio: avcodec_send_packet: {}", s.info.url, ffmpegErrorText(r));
    }
    av_packet_unref(s.pkt.get());
  }
  return std::optional<AudioBlock>();
}

Status AudioSource::seek(double seconds) {
  State& s = *s_;
  std::optional<FfmpegQuietScope> quiet;
  if (s.options.quietSeeks) quiet.emplace();
  const double t = std::max(seconds, 0.0);
  // A little early: decoders with overlapping transforms (AAC, Opus) need the
  // packet before to produce the first wanted sample right; what lies before t is dropped.
  constexpr double kPrerollSeconds = 0.1;
  const double containerSeconds = t + s.options.originSeconds - kPrerollSeconds;
  const auto ts = static_cast<std::int64_t>(std::floor(containerSeconds / av_q2d(s.stream->time_base)));
  int r = av_seek_frame(s.fmt.get(), s.stream->index, ts, AVSEEK_FLAG_BACKWARD);
  if (r < 0) {
    // A demuxer may find no sound packet at or before the time asked though there is one (the
    // concat demuxer over a live feed's kept NUT segments, whose sound starts a little after
    // their first picture): seek by the container's own time instead, at or before it (its
    // start at the latest); what lies before t is dropped as it decodes.
    const auto us = static_cast<std::int64_t>(std::floor(std::max(0.0, containerSeconds) * AV_TIME_BASE));
    r = avformat_seek_file(s.fmt.get(), -1, std::numeric_limits<std::int64_t>::min(), us, us, 0);
  }
  if (r < 0) return ffmpegError(s.info.url, "av_seek_frame", r);
  avcodec_flush_buffers(s.dec.get());
  s.draining = false;
  s.ended = false;
  s.nextFrame.reset();
  s.dropBefore = std::llround(t * s.info.sampleRate);
  return ok();
}

}  // namespace ps::media
