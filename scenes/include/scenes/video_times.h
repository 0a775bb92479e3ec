#pragma once
// A shot's times against the real length of a video it plays, which shot.json alone
// cannot tell: lint checks each video it decodes with these, and play the one it opens,
// so that what play refuses lint reports as an error.
#include <string>
#include <vector>

#include "scenes/problem.h"
#include "scenes/shot.h"

namespace ps::scenes {

struct VideoLength {
  double seconds = 0;       // the container's duration; 0 when it does not say (nothing is checked)
  double frameSeconds = 0;  // one frame: how far past the duration a time may round
};

// The video lies on shot time by its medium's start and offset (`medium`; null: start 0,
// offset 0, shot time is its media time); its end on shot time is start + length - offset.

// The timeline's in must come before the video's end and its out must not come after it.
std::vector<Problem> checkTimelineAgainstVideo(const Shot& shot, const std::string& src, VideoLength video,
                                               const MediaRef* medium = nullptr);

// The above; the medium's offset must lie before the video's end; and when the timeline has
// no out (the shot ends with the video), every marker, chapter and camera keyframe time must
// not come after the video's end either.
std::vector<Problem> checkTimesAgainstVideo(const Shot& shot, const std::string& src, VideoLength video,
                                            const MediaRef* medium = nullptr);

}  // namespace ps::scenes
