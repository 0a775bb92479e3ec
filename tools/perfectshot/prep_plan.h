#pragma once
// What `perfectshot prep` makes from a master, decided before anything runs: the
// sizes of the playback encode, the scrub proxy and the thumbnails, the one ffmpeg
// command that makes all three in a single decode of the master, and shot.json.
#include <filesystem>
#include <string>
#include <vector>

#include "media/stream_info.h"
#include "scenes/layout.h"

namespace ps::tools {

// The playback encode's codec: H.264 for what every headset decodes, HEVC for masters wider
// than H.264 decoders take (an 8K plate at full resolution), at a third less size for the same
// picture. 10-bit masters stay 10-bit in HEVC (Main 10).
enum class PlaybackCodec { H264, Hevc };

struct PrepOptions {
  std::string title;
  int playbackWidth = 0, playbackHeight = 0;  // 0: from the master, width capped at maxWidth
  int maxWidth = 0;                           // the cap; 0: kPlaybackMaxWidth; kFullWidth: none
  PlaybackCodec codec = PlaybackCodec::H264;
  std::string preset = "medium";              // x264's (x265's) preset of the playback encode
};

struct Size {
  int width = 0, height = 0;
};

struct PrepPlan {
  Size playback;
  Size proxy;
  Size thumbnail;           // one thumbnail: the left eye of a stereo plate
  double thumbnailInterval = 1;  // seconds
  int thumbnailColumns = 10;
  int thumbnailCount = 1;
  int gop = 30;             // frames of the playback encode's GOP: one second
  // The master's soundtrack is first-order ambisonics (AmbiX): kept as 4-channel Opus in
  // ambisonic mapping (AAC has no ambisonic layout), and said in shot.json.
  bool ambisonic = false;
};

// Headset decoders: 4096 pixels wide is what the common ones take in H.264.
inline constexpr int kPlaybackMaxWidth = 4096;
// PrepOptions::maxWidth for "keep the master's width".
inline constexpr int kFullWidth = -1;
// The proxy is the master halved until at most this wide: scaling by a power of two
// keeps the frame stamp's blocks whole (tests, benchmarks) and the picture sharp.
inline constexpr int kProxyMaxWidth = 2048;

PrepPlan planPrep(const media::StreamInfo& master, const FrameLayout& layout, const PrepOptions& options);

// The file names inside a package.
inline constexpr const char* kPlaybackFile = "plate.mp4";
inline constexpr const char* kProxyFile = "proxy.mp4";
inline constexpr const char* kStripFile = "strip.png";
inline constexpr const char* kThumbnailPattern = "thumb-%05d.png";  // one file a thumbnail, before tiling

// ffmpeg's argv: reads masterUrl (from media::inputFileUrl), writes the playback
// encode, the proxy and the thumbnails (one file each) into dir, progress on stdout.
// Every path is a file: URL with only the file protocol allowed.
std::vector<std::string> prepFfmpegArgs(const std::string& masterUrl, const media::StreamInfo& info,
                                        const FrameLayout& layout, const PrepPlan& plan, const PrepOptions& options,
                                        const std::filesystem::path& dir);

// ffmpeg's argv: tiles the thumbnails in dir (plan.thumbnailCount of them) into the strip.
std::vector<std::string> stripFfmpegArgs(const PrepPlan& plan, const std::filesystem::path& dir);

// shot.json of the package.
std::string prepShotJson(const media::StreamInfo& info, const FrameLayout& layout, const PrepPlan& plan,
                         const PrepOptions& options);

}  // namespace ps::tools
