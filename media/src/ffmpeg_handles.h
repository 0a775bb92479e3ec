#pragma once
// FFmpeg handles in unique_ptr, so every path out of a function frees them.
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include "media/decoded_frame.h"  // AVFramePtr

namespace ps::media {

struct AVFormatContextDeleter {
  // avformat_close_input for an opened input; it also frees the context.
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct AVCodecContextDeleter {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct AVPacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};

using AVFormatContextPtr = std::unique_ptr<AVFormatContext, AVFormatContextDeleter>;
using AVCodecContextPtr = std::unique_ptr<AVCodecContext, AVCodecContextDeleter>;
using AVPacketPtr = std::unique_ptr<AVPacket, AVPacketDeleter>;

}  // namespace ps::media
