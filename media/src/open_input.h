#pragma once
// avformat_open_input for a file: URL from inputFileUrl (media/ffmpeg_url.h), with
// FFmpeg's protocols limited to kLocalProtocols: nothing it reads, not even a
// playlist or a reference inside the file, can make it open a pipe or a socket.
#include <string>

#include "ffmpeg_handles.h"

namespace ps::media {

// avformat_open_input's return code; on success *fmt is the opened input.
int openLocalInput(AVFormatContext** fmt, const std::string& url);

}  // namespace ps::media
