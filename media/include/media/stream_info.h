#pragma once
// What a video source is, as probed when it is opened: the facts a player,
// `perfectshot info` and the renderer need before the first frame.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scenes/rational.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::media {

// Where the keyframe interval was learned.
enum class KeyframeIntervalSource {
  Index,    // the demuxer's index (MP4 sample table, Matroska cues)
  Scan,     // the first packets of the stream, read at open
  Unknown,  // fewer than two keyframes seen
};
std::string_view toString(KeyframeIntervalSource s);

struct StreamInfo {
  std::string url;        // as given to open()
  std::string container;  // FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string codec;      // FFmpeg decoder name, e.g. "h264"
  int streamIndex = -1;   // the chosen video stream in the container
  int width = 0;          // pixels
  int height = 0;

  std::string pixelFormatName;             // FFmpeg's name, e.g. "yuv420p10le"
  std::optional<PixelFormat> pixelFormat;  // empty when media/ cannot hand it out as is

  // Colour as used for the frames. When the stream does not say, the matrix is
  // BT.709 for HD and larger (height >= 720), BT.601 below, the range limited
  // (full for the yuvj formats), and the *Assumed flag is set.
  ColorMatrix matrix = ColorMatrix::Bt709;
  bool matrixAssumed = false;
  std::string matrixTag;  // what FFmpeg said, e.g. "bt709", "unknown"
  ColorRange range = ColorRange::Limited;
  bool rangeAssumed = false;
  std::string rangeTag;  // "tv", "pc" or "unknown"

  Rational frameRate;  // frames per second (average, as FFmpeg reports it)
  Rational timeBase;   // seconds per pts tick of this stream
  std::int64_t startPts = 0;  // pts of the first frame, in timeBase ticks; display time 0
  double durationSeconds = 0.0;            // seconds; 0 when unknown
  std::optional<std::int64_t> frameCount;  // frames, when the container says
  std::optional<int> keyframeInterval;     // frames, the longest distance between keyframes seen
  KeyframeIntervalSource keyframeIntervalSource = KeyframeIntervalSource::Unknown;
  bool hasBFrames = false;  // frames are decoded out of display order

  FrameLayout layout;  // projection and stereo, each with where it came from
  // How the frames are decoded: "software", or the device ("VAAPI on /dev/dri/renderD128"),
  // whose frames are in GPU memory (FrameView::dmaBuf).
  std::string decodePath = "software";

  // Display time in seconds of a pts of this stream (0 at the first frame).
  double seconds(std::int64_t pts) const;
  // Display-order index of the frame starting at pts (0 at the first frame);
  // exact for constant frame rate, the nearest frame slot otherwise.
  std::int64_t frameIndex(std::int64_t pts) const;
};

}  // namespace ps::media
