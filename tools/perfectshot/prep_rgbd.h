#pragma once
// `perfectshot prep COLOUR --depth DEPTH ...` or `prep STACKED --stacked ...`: an RGB-D master
// (colour and a grey depth plane, as two videos or one top-bottom video) in, an RGB-D shot
// package out: the delivery video (colour over depth, top-bottom), an all-intra proxy of the
// same frames and shot.json with the "rgbd" medium. Built beside the target and renamed into
// place, as a plate's package is.
//
//   delivery      picture                         depth coding
//   hevc10        yuv420p10le, HEVC Main 10,      the master's (linear or inverse), 10 bits
//                 lossless
//   h264-split8   yuv444p, H.264 High 4:4:4       inverse, 16 bits split over Y and Cb (lossless)
#include <string>

namespace ps::tools {

struct RgbdPrepArgs {
  std::string colour;            // the colour video, or the stacked one
  std::string depth;             // the depth video; empty when stacked
  bool stacked = false;          // colour on top, depth below, in `colour`
  std::string encoding;          // the master depth's: linear or inverse
  double nearM = 0, farM = 0;    // the master depth's range
  std::string delivery = "hevc10";
  std::string projection;        // 360 or 180; empty: from the eye's aspect
  std::string title, preset = "medium", out;
  bool force = false;
};

int runRgbdPrep(const RgbdPrepArgs& args);

}  // namespace ps::tools
