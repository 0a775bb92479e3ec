#include "player/headless_loop.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "engine/render_still.h"

namespace ps::player {

Result<std::int64_t> runHeadlessLoop(
    engine::EquirectRenderer& renderer, media::PlaybackDecoder& decoder, std::span<engine::OffscreenTarget> targets,
    const HeadlessLoopOptions& options, const std::function<FramePlan(const media::DecodedFrame&)>& plan,
    const std::function<Status(const media::DecodedFrame&, std::span<engine::OffscreenTarget>)>& onStill) {
  std::int64_t frames = 0;
  engine::FrameTicket last;
  for (;;) {
    media::Popped popped = decoder.pop(std::chrono::seconds(10));
    if (popped.kind == media::Popped::Kind::EndOfStream) break;
    if (popped.kind == media::Popped::Kind::Error) return *popped.error;
    if (popped.kind == media::Popped::Kind::Empty)
      return Error{decoder.info().url, "the decoder produced nothing for 10 s", "is the file still readable?"};
    // The renderer keeps the frame until the next one, so it can copy only what the views sample.
    const auto owner = std::make_shared<const media::DecodedFrame>(std::move(*popped.frame));
    const media::DecodedFrame& frame = *owner;
    if (options.untilSeconds > 0 && frame.seconds >= options.untilSeconds) break;

    const FramePlan p = plan(frame);
    engine::FrameTicket ticket;
    try {
      ticket = renderer.beginFrame(frame.view(), options.layout, options.yawOffsetDeg, owner);
    } catch (const std::invalid_argument& e) {
      Error error = engine::frameError(e);
      error.where = decoder.info().url + "@frame " + std::to_string(frame.index);
      return error;
    }
    for (std::size_t i = 0; i < targets.size(); ++i) {
      renderer.drawView(p.view, i == 0 ? Eye::Left : Eye::Right, targets[i].target());
      if (p.readBack) renderer.recordReadback(targets[i]);
    }
    renderer.submit();
    last = ticket;
    if (p.readBack) {
      renderer.wait(ticket);
      if (auto s = onStill(frame, targets); !s) return s.error();
    }
    ++frames;
  }
  renderer.wait(last);
  return frames;
}

}  // namespace ps::player
