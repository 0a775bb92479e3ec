#pragma once
// Whether a disk holds the live timeline's span (live_feed.h's LiveRingOptions), judged from
// what is kept so far: the feed's rate is what its kept segments took per second.
#include <cstdint>
#include <optional>

namespace ps::media {

// The seconds of the feed the disk holds in all (kept plus room), when fewer than keepSeconds;
// empty when the whole span fits or nothing is known (no time kept).
std::optional<double> secondsTheDiskHolds(std::uintmax_t keptBytes, double keptSeconds, double keepSeconds,
                                          std::uintmax_t available);

}  // namespace ps::media
