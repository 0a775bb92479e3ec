#include "splat_video_write.h"

#include <fmt/format.h>

#include <vector>

#include "make_rgbd/ffmpeg_pipe.h"
#include "scenes/atomic_file.h"

namespace ps::tools {

Result<SplatVideoWritten> writeSplatVideo(std::size_t frames,
                                          const std::function<Result<scenes::SplatCloud>(std::size_t)>& frameAt,
                                          const std::filesystem::path& folder, double fps,
                                          const std::function<void(double)>& progress,
                                          const std::function<bool()>& shouldStop) {
  SplatVideoWritten out;
  if (frames == 0) return Error{folder.string(), "a splat video needs at least one frame", ""};
  media::SplatVideoPlanner planner;
  for (std::size_t i = 0; i < frames; ++i) {
    if (shouldStop()) return SplatVideoWritten{.interrupted = true, .layout = {}};
    auto frame = frameAt(i);
    if (!frame) return frame.error();
    planner.add(*frame);
    progress(0.5 * static_cast<double>(i + 1) / static_cast<double>(frames));
  }
  out.layout = planner.layout(kSplatVideoGop);
  const media::SplatVideoLayout& l = out.layout;
  if (static_cast<std::uint64_t>(l.pictureHeight()) > 16384 || l.width > 16384)
    return Error{folder.string(),
                 fmt::format("{} splats of SH degree {} make a {}x{} picture, over the 16384 a video may hold", l.slots,
                             l.shDegree, l.width, l.pictureHeight()),
                 "write per-frame SPZ instead"};
  const std::filesystem::path video = folder / l.video;
  // Lossless H.264 4:4:4: the bytes packed are the bytes decoded. No B-frames, so display order
  // is decode order and a frame is reached by decoding forward from its GOP's keyframe.
  auto pipe = make_rgbd::FfmpegPipe::start(
      {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv444p", "-s",
       fmt::format("{}x{}", l.width, l.pictureHeight()), "-r", fmt::format("{}", fps), "-i", "pipe:0", "-an", "-c:v",
       "libx264", "-preset", "medium", "-qp", "0", "-g", std::to_string(l.gop), "-bf", "0", "-pix_fmt", "yuv444p",
       "-movflags", "+faststart", video.string()},
      make_rgbd::FfmpegPipe::Direction::ToChild);
  if (!pipe) return pipe.error();
  std::vector<std::uint8_t> picture;
  for (std::size_t i = 0; i < frames; ++i) {
    if (shouldStop()) return SplatVideoWritten{.interrupted = true, .layout = {}};
    auto frame = frameAt(i);
    if (!frame) return frame.error();
    media::packSplatFrame(*frame, l, picture);
    if (!pipe->write(picture)) break;  // finish() says why
    progress(0.5 + 0.5 * static_cast<double>(i + 1) / static_cast<double>(frames));
  }
  if (auto s = pipe->finish(); !s) return Error{video.string(), "ffmpeg could not encode the splat video", s.error().message()};
  if (auto s = scenes::writeFileAtomically(folder / media::kSplatVideoManifest, media::splatVideoManifestJson(l)); !s)
    return s.error();
  return out;
}

}  // namespace ps::tools
