#pragma once
// A small RGBA picture of one video frame for the scrubber's drag preview, made on the CPU
// from decoded planes (nearest sampling: a thumbnail is a few hundred pixels wide, and
// the colour matrix and range are honoured so it looks like the picture it stands for).
#include <cstdint>
#include <vector>

#include "scenes/frame_view.h"

namespace ps::ui {

struct Thumbnail {
  double seconds = 0;        // shot seconds of the frame it shows
  std::int64_t frame = 0;    // its frame number on the shot's timeline
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4, sRGB, opaque, rows top to bottom
};

// The whole frame scaled to width x height. Throws std::invalid_argument for an empty frame.
Thumbnail makeThumbnail(const FrameView& frame, std::uint32_t width, std::uint32_t height);

}  // namespace ps::ui
