#pragma once
// Decoded audio to interleaved 32-bit float, through libswresample: stereo (mono spread, larger
// beds downmixed) or four channels as they are (first-order ambisonics), at a rate of the
// caller's (the stream's own, or a fixed one where the stream may change it).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
}

#include "scenes/result.h"

struct SwrContext;

namespace ps::media {

struct SwrContextDeleter {
  void operator()(SwrContext* s) const;
};
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;

// FFmpeg's description of a channel layout, e.g. "5.1"; "unknown" where it has none.
std::string describeChannels(const AVChannelLayout& layout);

class SampleConverter {
 public:
  // From what dec decodes to `channels` (2: stereo; 4: the four channels unchanged) at outRate.
  // Errors name url and the call.
  static Result<SampleConverter> create(const AVCodecContext& dec, int channels, int outRate, const std::string& url);

  int channels() const { return channels_; }
  // Converts frame's samples; with a rate change, some may come out with a later call.
  Result<std::vector<float>> convert(const AVFrame& frame);

 private:
  SampleConverter(SwrContextPtr swr, int channels, std::string url)
      : swr_(std::move(swr)), channels_(channels), url_(std::move(url)) {}
  SwrContextPtr swr_;
  int channels_;
  std::string url_;
};

}  // namespace ps::media
