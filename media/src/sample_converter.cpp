#include "sample_converter.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

#include "ffmpeg_check.h"

namespace ps::media {

namespace {

// An AVChannelLayout that frees what it owns (custom layouts allocate).
struct ChannelLayout {
  AVChannelLayout l{};
  ChannelLayout() = default;
  ChannelLayout(const ChannelLayout&) = delete;
  ChannelLayout& operator=(const ChannelLayout&) = delete;
  ~ChannelLayout() { av_channel_layout_uninit(&l); }
};

}  // namespace

void SwrContextDeleter::operator()(SwrContext* s) const { swr_free(&s); }

std::string describeChannels(const AVChannelLayout& layout) {
  char buf[128] = {};
  if (av_channel_layout_describe(&layout, buf, sizeof buf) < 0) return "unknown";
  return buf;
}

Result<SampleConverter> SampleConverter::create(const AVCodecContext& dec, int channels, int outRate,
                                                const std::string& url) {
  ChannelLayout in;
  // swresample mixes only speaker layouts: an ambisonic (or custom) order not played as
  // ambisonics is taken as the speakers of its channel count.
  if (av_channel_layout_copy(&in.l, &dec.ch_layout) < 0 || in.l.order != AV_CHANNEL_ORDER_NATIVE) {
    av_channel_layout_uninit(&in.l);
    av_channel_layout_default(&in.l, dec.ch_layout.nb_channels);
  }
  ChannelLayout out;
  if (channels == 4) {
    // Same channels in, same out: only the sample format (and rate) changes.
    av_channel_layout_default(&out.l, 4);
    av_channel_layout_uninit(&in.l);
    av_channel_layout_default(&in.l, 4);
  } else {
    out.l = AV_CHANNEL_LAYOUT_STEREO;
  }
  SwrContext* raw = nullptr;
  if (Status st = checked(swr_alloc_set_opts2(&raw, &out.l, AV_SAMPLE_FMT_FLT, outRate, &in.l, dec.sample_fmt,
                                              dec.sample_rate, 0, nullptr),
                          "swr_alloc_set_opts2", url);
      !st) {
    return st.error();
  }
  SwrContextPtr swr(raw);
  if (Status st = checked(swr_init(swr.get()), "swr_init", url); !st) return st.error();
  return SampleConverter(std::move(swr), channels, url);
}

Result<std::vector<float>> SampleConverter::convert(const AVFrame& frame) {
  const int n = frame.nb_samples;
  // What a rate change can make of n, and what it held back before.
  const int most = swr_get_out_samples(swr_.get(), n);
  if (most < 0) return ffmpegError(url_, "swr_get_out_samples", most);
  std::vector<float> samples(static_cast<std::size_t>(most) * static_cast<std::size_t>(channels_));
  auto* out = reinterpret_cast<std::uint8_t*>(samples.data());
  const int got = swr_convert(swr_.get(), &out, most, const_cast<const std::uint8_t**>(frame.extended_data), n);
  if (got < 0) return ffmpegError(url_, "swr_convert", got);
  samples.resize(static_cast<std::size_t>(got) * static_cast<std::size_t>(channels_));
  return samples;
}

}  // namespace ps::media
