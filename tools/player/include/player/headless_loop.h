#pragma once
// The player loop without a display: decode ahead, upload, render each frame into
// offscreen targets, as fast as decode allows. Used by `play` (stills) and by
// `bench playback` (throughput).
#include <functional>
#include <span>

#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/view.h"
#include "media/playback_decoder.h"
#include "scenes/layout.h"
#include "scenes/result.h"

namespace ps::player {

// What to do with one decoded frame.
struct FramePlan {
  engine::View view;      // the same head view for every eye target
  bool readBack = false;  // wait for the render and hand the pixels to onStill
};

struct HeadlessLoopOptions {
  FrameLayout layout;
  float yawOffsetDeg = 0;
  double untilSeconds = 0;  // media seconds; frames starting at or after it end the loop (0: to the end)
};

// targets: one per eye to render (Eye::Left for targets[0], Eye::Right for targets[1]).
// onStill gets the targets after a frame planned with readBack has finished. Returns once the
// last frame has finished rendering, with the number of frames rendered. The caller makes the
// renderer (and may prepare its pipelines) before starting the decoder, so that a timed loop
// times playback, not set-up.
Result<std::int64_t> runHeadlessLoop(
    engine::EquirectRenderer& renderer, media::PlaybackDecoder& decoder, std::span<engine::OffscreenTarget> targets,
    const HeadlessLoopOptions& options, const std::function<FramePlan(const media::DecodedFrame&)>& plan,
    const std::function<Status(const media::DecodedFrame&, std::span<engine::OffscreenTarget>)>& onStill);

}  // namespace ps::player
