#include <fmt/format.h>

#include "frame_by_index.h"
#include "media/splat_video.h"
#include "media/video_source.h"

namespace ps::media {

struct SplatVideo::Decoder {
  explicit Decoder(VideoSource s) : source(std::move(s)), reader(source) {}
  VideoSource source;
  FrameByIndex reader;  // holds a reference to source: declared after it
};

Result<std::unique_ptr<SplatVideo>> SplatVideo::open(const std::filesystem::path& folder) {
  auto layout = readSplatVideoManifest(folder / kSplatVideoManifest);
  if (!layout) return layout.error();
  const std::filesystem::path video = folder / layout->video;
  DecodeOptions options;
  options.threads = 1;  // frames are read one by one, by index
  options.frameThreads = false;
  options.strict = true;
  auto source = VideoSource::open(video.string(), options);
  if (!source) return source.error();
  const StreamInfo& info = source->info();
  if (info.width != static_cast<int>(layout->width) || info.height != static_cast<int>(layout->pictureHeight()))
    return Error{video.string(),
                 fmt::format("the video is {}x{}; the manifest's layout is {}x{}", info.width, info.height, layout->width,
                             layout->pictureHeight()),
                 ""};
  if (info.frameCount && *info.frameCount < static_cast<std::int64_t>(layout->frames))
    return Error{video.string(), fmt::format("holds {} frames; the manifest says {}", *info.frameCount, layout->frames), ""};
  auto decoder = std::make_unique<Decoder>(std::move(source).value());
  return std::unique_ptr<SplatVideo>(new SplatVideo(std::move(*layout), video, std::move(decoder)));
}

SplatVideo::SplatVideo(SplatVideoLayout layout, std::filesystem::path video, std::unique_ptr<Decoder> decoder)
    : layout_(std::move(layout)), video_(std::move(video)), decoder_(std::move(decoder)) {}

SplatVideo::~SplatVideo() = default;

Result<scenes::SplatCloud> SplatVideo::frame(std::size_t index) {
  const std::string where = fmt::format("{}@frame {}", video_.string(), index);
  if (index >= layout_.frames) return Error{where, fmt::format("past the last of {} frames", layout_.frames), ""};
  bool sequential = false;
  auto f = decoder_->reader.read(static_cast<std::int64_t>(index), sequential);
  if (!f) return f.error();
  if (!sequential) ++seeks_;
  return unpackSplatFrame(f->view(), layout_, where);
}

}  // namespace ps::media
