#pragma once
// A live source named on the command line: a network stream (SRT, RTSP, RTMP, UDP MPEG-TS, HLS)
// or a V4L2 capture device (a 360 camera on USB appears as a UVC webcam). Everything else in
// media/ reads local files only (ffmpeg_url.h); a live input is the one deliberate way to the
// network, and each kind gets only the FFmpeg protocols it needs.
#include <optional>
#include <string>
#include <string_view>

#include "scenes/result.h"

namespace ps::media {

enum class LiveProtocol { Srt, Udp, Rtsp, Rtmp, Hls, Device };

struct LiveInput {
  LiveProtocol protocol = LiveProtocol::Udp;
  std::string url;                // as FFmpeg opens it (a device's path)
  std::string format;             // the demuxer to force ("video4linux2", "hls"); empty: probed
  std::string protocolWhitelist;  // avformat_open_input's "protocol_whitelist"
};

std::string_view protocolName(LiveProtocol protocol);

// Whether arg names a live input (a URL with a live scheme, or a path under /dev/); a plain
// file or a shot is not one.
bool isLiveArgument(std::string_view arg);

// arg as a live input. Errors name arg: an unknown scheme, an http(s) URL that is not an HLS
// playlist (.m3u8), a /dev/ path that is not a character device.
Result<LiveInput> parseLiveInput(const std::string& arg);

}  // namespace ps::media
