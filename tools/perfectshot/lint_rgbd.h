#pragma once
// lint's checks of an rgbd medium's videos (the colour video itself is checked as any plate's):
// the depth picture is where the shot says (a stacked frame splits; a separate depth video has
// the colour's frame count, rate and size) and carries what it declares (bits, inverse-split8's
// 4:4:4, hue's colour); a background medium's video can follow it frame by frame.
#include <vector>

#include "scenes/problem.h"
#include "scenes/shot.h"

namespace ps::tools {

// Problems placed at the medium's pointers (src, depth, depth/src). Nothing when the colour
// video does not open (lint's video check says so at src).
std::vector<scenes::Problem> lintRgbd(const scenes::MediaRef& m);
// Problems at m's background pointer: the background's video runs at another frame rate or has
// another frame count than m's. Nothing when either video does not open (reported elsewhere).
std::vector<scenes::Problem> lintRgbdBackground(const scenes::Shot& shot, const scenes::MediaRef& m);

}  // namespace ps::tools
