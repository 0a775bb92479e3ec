#include "media/proxy_scrubber.h"

#include "log.h"

namespace ps::media {

Result<ProxyScrubber> ProxyScrubber::open(const scenes::MediaRef& plate) {
  if (plate.proxyPath.empty())
    return Error{plate.pointer, "the media entry has no proxy", "run `perfectshot prep` on the master to make one"};
  // The plate's width sets the stamp scale; opening it only probes (no decode).
  DecodeOptions probeOnly;
  probeOnly.threads = 1;
  auto master = VideoSource::open(plate.path.string(), probeOnly);
  return open(plate.proxyPath.string(), master ? master->info().width : 0);
}

Result<ProxyScrubber> ProxyScrubber::open(const std::string& proxyUrl, int plateWidth) {
  // Slice threads only: with frame threads the first frame after a seek waits for as
  // many packets as there are threads, which is the cost this class exists to avoid.
  DecodeOptions options;
  options.frameThreads = false;
  auto source = VideoSource::open(proxyUrl, options);
  if (!source) return source.error();
  const StreamInfo& info = source->info();
  if (info.keyframeInterval && *info.keyframeInterval > 1)
    return Error{proxyUrl,
                 "not an all-intra proxy (a keyframe every " + std::to_string(*info.keyframeInterval) + " frames)",
                 "make it again with `perfectshot prep`"};
  if (!info.keyframeInterval) log().debug("proxy {}: keyframe interval unknown; assuming all-intra", proxyUrl);
  const double scale = plateWidth > 0 ? static_cast<double>(info.width) / plateWidth : 1.0;
  return ProxyScrubber(std::move(*source), scale);
}

}  // namespace ps::media
