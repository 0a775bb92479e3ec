#include "open_input.h"

extern "C" {
#include <libavutil/dict.h>
}

#include "media/ffmpeg_url.h"

namespace ps::media {

int openLocalInput(AVFormatContext** fmt, const std::string& url) {
  AVDictionary* options = nullptr;
  int r = av_dict_set(&options, "protocol_whitelist", kLocalProtocols, 0);
  if (r >= 0) r = avformat_open_input(fmt, url.c_str(), nullptr, &options);
  av_dict_free(&options);  // what avformat_open_input did not take
  return r;
}

}  // namespace ps::media
