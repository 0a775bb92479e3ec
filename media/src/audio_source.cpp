#include "media/audio_source.h"

#include <cmath>
#include <limits>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

#include "ffmpeg_check.h"
#include "ffmpeg_handles.h"
#include "log.h"
#include "media/ffmpeg_log.h"
#include "media/ffmpeg_url.h"
#include "open_input.h"

namespace ps::media {

namespace {

constexpr std::int64_t kNoPts = std::numeric_limits<std::int64_t>::min();  // == AV_NOPTS_VALUE

struct SwrContextDeleter {
  void operator()(SwrContext* s) const { swr_free(&s); }
};
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;

// An AVChannelLayout that frees what it owns (custom layouts allocate).
struct ChannelLayout {
  AVChannelLayout l{};
  ChannelLayout() = default;
  ChannelLayout(const ChannelLayout&) = delete;
  ChannelLayout& operator=(const ChannelLayout&) = delete;
  ~ChannelLayout() { av_channel_layout_uninit(&l); }
};

std::string describe(const AVChannelLayout& l) {
  char buf[128] = {};
  if (av_channel_layout_describe(&l, buf, sizeof buf) < 0) return "unknown";
  return buf;
}

}  // namespace

struct AudioSource::State {
  AudioOptions options;
  AudioInfo info;
  AVFormatContextPtr fmt;
  AVCodecContextPtr dec;
  AVPacketPtr pkt;
  AVFramePtr frame;
  SwrContextPtr swr;
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
    ChannelLayout in;
    // swresample mixes only speaker layouts: an ambisonic (or custom) order said not to be
    // played as ambisonics is taken as the speakers of its channel count.
    if (av_channel_layout_copy(&in.l, &dec->ch_layout) < 0 || in.l.order != AV_CHANNEL_ORDER_NATIVE) {
      av_channel_layout_uninit(&in.l);
      av_channel_layout_default(&in.l, dec->ch_layout.nb_channels);
    }
    ChannelLayout out;
    if (info.layout == AudioLayout::AmbiX) {
      // Same channels in, same out: only the sample format changes.
      av_channel_layout_default(&out.l, 4);
      av_channel_layout_uninit(&in.l);
      av_channel_layout_default(&in.l, 4);
    } else {
      out.l = AV_CHANNEL_LAYOUT_STEREO;
    }
    SwrContext* raw = nullptr;
    if (Status st = checked(swr_alloc_set_opts2(&raw, &out.l, AV_SAMPLE_FMT_FLT, info.sampleRate, &in.l,
                                                dec->sample_fmt, info.sampleRate, 0, nullptr),
                            "swr_alloc_set_opts2", info.url);
        !st) {
      return st;
    }
    swr.reset(raw);
    return checked(swr_init(swr.get()), "swr_init", info.url);
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
    b.samples.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(info.channels));
    auto* out = reinterpret_cast<std::uint8_t*>(b.samples.data());
    const int got = swr_convert(swr.get(), &out, n, const_cast<const std::uint8_t**>(frame->extended_data), n);
    if (got < 0) return ffmpegError(info.url, "swr_convert", got);
    b.samples.resize(static_cast<std::size_t>(got) * static_cast<std::size_t>(info.channels));
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
  info.sourceLayout = describe(s->dec->ch_layout);
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
  const double t = std::max(seconds, 0.0);
  // A little early: decoders with overlapping transforms (AAC, Opus) need the
  // packet before to produce the first wanted sample right; what lies before t is dropped.
  constexpr double kPrerollSeconds = 0.1;
  const double containerSeconds = t + s.options.originSeconds - kPrerollSeconds;
  const auto ts = static_cast<std::int64_t>(std::floor(containerSeconds / av_q2d(s.stream->time_base)));
  if (Status st = checked(av_seek_frame(s.fmt.get(), s.stream->index, ts, AVSEEK_FLAG_BACKWARD), "av_seek_frame",
                          s.info.url);
      !st) {
    return st;
  }
  avcodec_flush_buffers(s.dec.get());
  s.draining = false;
  s.ended = false;
  s.nextFrame.reset();
  s.dropBefore = std::llround(t * s.info.sampleRate);
  return ok();
}

}  // namespace ps::media
