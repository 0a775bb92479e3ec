#pragma once
// Ties a ServiceNotifier to a player loop: every frame the loop ends reports to it (READY on
// the first, then the watchdog pings), and so does every pass of the loop in which the display
// offered no frame (the headset idle: nothing to draw, but the loop runs), so the pings stop
// when the loop stops making progress, and only then.
// The one entry point play (and any other command driving a PlayerLoop) calls.
//
// Test hook: PERFECTSHOT_TEST_FREEZE_AFTER_FRAMES=N makes the loop hang for good after N
// frames (as a renderer stuck in a driver call would), for the watchdog tests. It is logged as
// a warning, so it cannot go unnoticed in an installation's log.
#include "player/player_loop.h"
#include "service_notifier.h"

namespace ps::tools {

// Wraps options.afterFrame and options.betweenFrames (kept, called first). The notifier must
// outlive the loop.
void attachServiceHeartbeat(ServiceNotifier& notifier, player::PlayerLoopOptions& options);

}  // namespace ps::tools
