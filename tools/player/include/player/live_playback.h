#pragma once
// A live feed opened for playback (media/live_feed.h): a ShotPlayback whose player shows the
// feed's newest picture with its sound (media/live_sound.h), with no shot around it (no markers,
// sets or narration).
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "media/live_feed.h"
#include "player/shot_playback.h"
#include "scenes/result.h"

namespace ps::player {

// Waits for the stream while keepWaiting() (the command's quit). The player starts playing.
// withAudio: the feed's sound plays on the default output where it has sound and one opens (else
// without, said once).
Result<std::unique_ptr<ShotPlayback>> openLivePlayback(const std::string& arg, const media::LiveOptions& options,
                                                       const std::function<bool()>& keepWaiting, bool withAudio);

}  // namespace ps::player
