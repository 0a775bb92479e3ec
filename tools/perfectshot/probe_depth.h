#pragma once
// probe's depth line: the RGB-D layout a shot tells for its medium (its stereo baseline and
// background layer where it names them), or, for a bare video, the one its first frame shows
// (colour stacked over a grey depth picture).
#include <string>

#include "player/plate_input.h"

namespace ps::tools {

// Reads the first frame of a bare video (the source moves on). Empty when there is neither
// an rgbd medium nor a stacked picture to report: probe then says "none".
std::string describeDepth(player::OpenedPlate& plate);

}  // namespace ps::tools
