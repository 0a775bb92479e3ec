#pragma once
// A loopback live sender for tests: the ffmpeg CLI sending a stamped picture (media/frame_stamp.h),
// and a wait on real time (the network runs on it).
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace ps::media {

// The frame stamp (media/frame_stamp.h, tools/media/stamp.sh) as an ffmpeg filter chain.
inline std::string stampFilter() {
  std::string chain = "drawbox=x=0:y=0:w=256:h=16:color=black:t=fill";
  for (int k = 0; k < 16; ++k)
    chain += ",drawbox=x=" + std::to_string(16 * k) + ":y=0:w=16:h=16:color=white:t=fill:enable='bitand(n," +
             std::to_string(1 << k) + ")'";
  return chain;
}

// A sender of a stamped 320x160 picture at 30 fps, H.264 without B-frames, a keyframe a second.
inline std::vector<std::string> senderArgs(const std::string& url) {
  return {"ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi", "-i",
          "testsrc2=size=320x160:rate=30", "-vf", stampFilter(), "-c:v", "libx264", "-preset", "ultrafast",
          "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-f", "mpegts", url};
}

// Polls until pred holds or limit passes (the network runs on real time).
template <typename Pred>
bool within(std::chrono::milliseconds limit, Pred pred) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

}  // namespace ps::media
