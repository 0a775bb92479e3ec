#include "headless_loop.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "engine/equirect_renderer.h"

namespace ps::tools {

Result<HeadlessLoopStats> runHeadlessLoop(
    const engine::Device& device, media::PlaybackDecoder& decoder, std::span<engine::OffscreenTarget> targets,
    const HeadlessLoopOptions& options, const std::function<FramePlan(const media::DecodedFrame&)>& plan,
    const std::function<Status(const media::DecodedFrame&, std::span<engine::OffscreenTarget>)>& onStill) {
  engine::EquirectRenderer renderer(device, {options.framesInFlight});
  HeadlessLoopStats stats;
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    media::Popped popped = decoder.pop(std::chrono::seconds(10));
    if (popped.kind == media::Popped::Kind::EndOfStream) break;
    if (popped.kind == media::Popped::Kind::Error) return *popped.error;
    if (popped.kind == media::Popped::Kind::Empty)
      return Error{decoder.info().url, "the decoder produced nothing for 10 s", "is the file still readable?"};
    const media::DecodedFrame& frame = *popped.frame;
    if (options.untilSeconds > 0 && frame.seconds >= options.untilSeconds) break;

    const FramePlan p = plan(frame);
    // beginFrame copies the planes, so the decoded frame can go back to the decoder right after.
    const engine::FrameTicket ticket = renderer.beginFrame(frame.view(), options.layout, options.yawOffsetDeg);
    for (std::size_t i = 0; i < targets.size(); ++i) {
      renderer.drawView(p.view, i == 0 ? Eye::Left : Eye::Right, targets[i].target());
      if (p.readBack) renderer.recordReadback(targets[i]);
    }
    renderer.submit();
    if (p.readBack) {
      renderer.wait(ticket);
      if (auto s = onStill(frame, targets); !s) return s.error();
    }
    ++stats.frames;
  }
  stats.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace ps::tools
