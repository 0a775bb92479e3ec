#include "media/live_input.h"

#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "media/ffmpeg_url.h"

namespace ps::media {

namespace {

struct Scheme {
  std::string_view prefix;
  LiveProtocol protocol;
  std::string_view whitelist;
};

// RTSP's media arrives over RTP on UDP, or interleaved on its TCP connection; SRT and UDP carry
// MPEG-TS themselves. HLS fetches its playlist and segments over HTTP(S), never from files.
constexpr std::array<Scheme, 7> kSchemes{{
    {"srt://", LiveProtocol::Srt, "srt"},
    {"udp://", LiveProtocol::Udp, "udp"},
    {"rtsp://", LiveProtocol::Rtsp, "rtsp,rtp,udp,tcp"},
    {"rtmp://", LiveProtocol::Rtmp, "rtmp,tcp"},
    {"http://", LiveProtocol::Hls, "hls,http,tcp,crypto"},
    {"https://", LiveProtocol::Hls, "hls,http,https,tcp,tls,crypto"},
    {"hls+http://", LiveProtocol::Hls, "hls,http,tcp,crypto"},
}};

constexpr std::string_view kDevicePrefix = "/dev/";

bool hasPlaylistPath(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  return url.ends_with(".m3u8") || url.ends_with(".m3u");
}

}  // namespace

std::string_view protocolName(LiveProtocol protocol) {
  switch (protocol) {
    case LiveProtocol::Srt: return "SRT";
    case LiveProtocol::Udp: return "UDP";
    case LiveProtocol::Rtsp: return "RTSP";
    case LiveProtocol::Rtmp: return "RTMP";
    case LiveProtocol::Hls: return "HLS";
    case LiveProtocol::Device: return "V4L2";
  }
  return "?";
}

bool isLiveArgument(std::string_view arg) {
  if (arg.starts_with(kDevicePrefix)) return true;
  if (!isUrl(arg)) return false;
  for (const Scheme& s : kSchemes)
    if (arg.starts_with(s.prefix)) return true;
  return false;
}

Result<LiveInput> parseLiveInput(const std::string& arg) {
  if (arg.starts_with(kDevicePrefix)) {
    struct stat st {};
    if (::stat(arg.c_str(), &st) != 0)
      return Error{arg, std::string("no such capture device: stat: ") + std::strerror(errno),
                   "list the cameras with `v4l2-ctl --list-devices`"};
    if (!S_ISCHR(st.st_mode)) return Error{arg, "not a capture device (not a character device)", ""};
    return LiveInput{LiveProtocol::Device, arg, "video4linux2", "file"};
  }
  for (const Scheme& s : kSchemes) {
    if (!arg.starts_with(s.prefix)) continue;
    if (arg.size() == s.prefix.size()) return Error{arg, "the URL names no host", ""};
    LiveInput in{s.protocol, arg, "", std::string(s.whitelist)};
    if (s.protocol == LiveProtocol::Hls) {
      if (!hasPlaylistPath(arg))
        return Error{arg, "an http(s) URL is read only as an HLS playlist (.m3u8)", "give the stream's .m3u8 URL"};
      if (arg.starts_with("hls+")) in.url = arg.substr(4);
      in.format = "hls";
    }
    return in;
  }
  return Error{arg, "not a live input", "live inputs: srt://, udp://, rtsp://, rtmp://, an HLS .m3u8 URL, or /dev/videoN"};
}

}  // namespace ps::media
