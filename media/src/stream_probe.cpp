#include "stream_probe.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <vector>

extern "C" {
#include <libavutil/pixdesc.h>
#include <libavutil/spherical.h>
#include <libavutil/stereo3d.h>
}

#include "ffmpeg_check.h"
#include "log.h"
#include "pixel_format.h"

namespace ps::media {

namespace {

Rational toRational(AVRational r) { return {r.num, r.den}; }

std::optional<Projection> projectionFrom(const AVSphericalMapping& m) {
  if (m.projection != AV_SPHERICAL_EQUIRECTANGULAR && m.projection != AV_SPHERICAL_EQUIRECTANGULAR_TILE) {
    return std::nullopt;
  }
  // Bounds are 0.32 fixed-point fractions of the full sphere cropped away on
  // each side; VR180 keeps half of the longitude.
  const double cropped = (static_cast<double>(m.bound_left) + static_cast<double>(m.bound_right)) / 4294967296.0;
  return cropped > 0.4 ? Projection::Equirect180 : Projection::Equirect360;
}

std::optional<StereoLayout> stereoFrom(const AVStereo3D& s) {
  switch (s.type) {
    case AV_STEREO3D_2D: return StereoLayout::Mono;
    case AV_STEREO3D_TOPBOTTOM: return StereoLayout::TopBottom;
    case AV_STEREO3D_SIDEBYSIDE: return StereoLayout::LeftRight;
    default: return std::nullopt;
  }
}

template <typename T>
const T* sideData(const AVStream& stream, AVPacketSideDataType type) {
  for (int i = 0; i < stream.nb_side_data; ++i) {
    const AVPacketSideData& sd = stream.side_data[i];
    if (sd.type == type && sd.size >= sizeof(T)) return reinterpret_cast<const T*>(sd.data);
  }
  return nullptr;
}

// The metadata's value, else the manifest's, else what value already holds (the guess).
template <typename T>
void choose(const std::optional<T>& metadata, const std::optional<T>& manifest, T& value, LayoutSource& source) {
  if (metadata) {
    value = *metadata;
    source = LayoutSource::Metadata;
  } else if (manifest) {
    value = *manifest;
    source = LayoutSource::Manifest;
  }
}

}  // namespace

FrameLayout readLayout(const AVStream& stream, const std::optional<FrameLayout>& manifest, const std::string& url) {
  const int w = stream.codecpar->width;
  const int h = stream.codecpar->height;
  const FrameLayout guess = guessLayout(w, h);
  FrameLayout l = guess;

  std::optional<Projection> projection;
  if (const auto* m = sideData<AVSphericalMapping>(stream, AV_PKT_DATA_SPHERICAL)) {
    projection = projectionFrom(*m);
    if (!projection) {
      log().warn("{}: spherical metadata says {}, which is not equirect; ignored", url,
                 av_spherical_projection_name(m->projection));
    }
  }
  std::optional<StereoLayout> stereo;
  if (const auto* s = sideData<AVStereo3D>(stream, AV_PKT_DATA_STEREO3D)) {
    stereo = stereoFrom(*s);
    if (!stereo) log().warn("{}: stereo metadata says {}; ignored", url, av_stereo3d_type_name(s->type));
  }

  choose(projection, manifest ? std::optional(manifest->projection) : std::nullopt, l.projection, l.projectionSource);
  choose(stereo, manifest ? std::optional(manifest->stereo) : std::nullopt, l.stereo, l.stereoSource);
  return l;
}

Status readKeyframeInterval(AVFormatContext& fmt, AVStream& stream, StreamInfo& info) {
  const double ticksPerFrame = info.frameRate.valid() && info.timeBase.valid()
                                   ? 1.0 / (info.frameRate.toDouble() * info.timeBase.toDouble())
                                   : 0.0;
  // Index timestamps are in stream ticks (decode time for MP4); distances between
  // keyframes are the same in decode and display time.
  std::vector<std::int64_t> keys;
  const int n = avformat_index_get_entries_count(&stream);
  for (int i = 0; i < n; ++i) {
    const AVIndexEntry* e = avformat_index_get_entry(&stream, i);
    if (e != nullptr && (e->flags & AVINDEX_KEYFRAME) != 0) keys.push_back(e->timestamp);
  }
  KeyframeIntervalSource source = KeyframeIntervalSource::Index;

  if (keys.size() < 2 && fmt.pb != nullptr && (fmt.pb->seekable & AVIO_SEEKABLE_NORMAL) != 0) {
    // No usable index: read the first packets (a few seconds' worth) and rewind.
    keys.clear();
    source = KeyframeIntervalSource::Scan;
    AVPacketPtr pkt(av_packet_alloc());
    if (!pkt) throw std::bad_alloc();
    int seen = 0;
    while (seen < 600 && av_read_frame(&fmt, pkt.get()) >= 0) {
      if (pkt->stream_index == stream.index) {
        if ((pkt->flags & AV_PKT_FLAG_KEY) != 0) {
          keys.push_back(pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts);
        }
        ++seen;
      }
      av_packet_unref(pkt.get());
    }
    int r = av_seek_frame(&fmt, stream.index, info.startPts, AVSEEK_FLAG_BACKWARD);
    if (r < 0) r = av_seek_frame(&fmt, -1, 0, AVSEEK_FLAG_BYTE);
    if (r < 0) return ffmpegError(info.url, "rewinding after reading the first packets: av_seek_frame", r);
  }
  if (keys.size() < 2 || ticksPerFrame <= 0) {
    info.keyframeIntervalSource = KeyframeIntervalSource::Unknown;
    return ok();
  }
  std::int64_t longest = 0;
  for (std::size_t i = 1; i < keys.size(); ++i) longest = std::max(longest, keys[i] - keys[i - 1]);
  info.keyframeInterval = static_cast<int>(std::lround(static_cast<double>(longest) / ticksPerFrame));
  info.keyframeIntervalSource = source;
  return ok();
}

std::optional<double> truncatedAt(AVFormatContext& fmt, AVStream& stream, const StreamInfo& info) {
  if (fmt.pb == nullptr) return std::nullopt;
  const std::int64_t size = avio_size(fmt.pb);
  if (size <= 0) return std::nullopt;
  const int n = avformat_index_get_entries_count(&stream);
  for (int i = 0; i < n; ++i) {
    const AVIndexEntry* e = avformat_index_get_entry(&stream, i);
    if (e != nullptr && e->pos >= 0 && e->size > 0 && e->pos + e->size > size) {
      return std::max(0.0, info.seconds(e->timestamp));
    }
  }
  return std::nullopt;
}

StreamInfo describeStream(const std::string& url, const AVFormatContext& fmt, const AVStream& stream,
                          const AVCodecContext& decoder, std::optional<ColorMatrix> untaggedMatrix) {
  const AVCodecParameters& par = *stream.codecpar;
  StreamInfo info;
  info.url = url;
  info.container = fmt.iformat != nullptr ? fmt.iformat->name : "";
  info.codec = decoder.codec != nullptr ? decoder.codec->name : avcodec_get_name(par.codec_id);
  info.streamIndex = stream.index;
  info.width = par.width;
  info.height = par.height;

  const auto pixfmt = static_cast<AVPixelFormat>(par.format);
  const char* pixName = av_get_pix_fmt_name(pixfmt);
  info.pixelFormatName = pixName != nullptr ? pixName : "unknown";
  info.pixelFormat = toPixelFormat(pixfmt);

  const ResolvedColor c = resolveColor(par.color_space, par.color_range, pixfmt, par.height);
  info.matrix = c.matrix;
  info.matrixAssumed = c.matrixAssumed;
  info.matrixTag = av_color_space_name(par.color_space) != nullptr ? av_color_space_name(par.color_space) : "unknown";
  info.range = c.range;
  info.rangeAssumed = c.rangeAssumed;
  info.rangeTag = av_color_range_name(par.color_range) != nullptr ? av_color_range_name(par.color_range) : "unknown";
  if (c.matrixAssumed && untaggedMatrix) {
    info.matrix = *untaggedMatrix;
  } else if (c.matrixAssumed) {
    log().info("{}: colour matrix not tagged ({}); assuming {}", url, info.matrixTag, toString(info.matrix));
  }

  AVRational rate = stream.avg_frame_rate;
  if (rate.num <= 0 || rate.den <= 0) rate = stream.r_frame_rate;
  info.frameRate = toRational(rate);
  info.timeBase = toRational(stream.time_base);
  info.startPts = stream.start_time != AV_NOPTS_VALUE ? stream.start_time : 0;
  if (stream.duration != AV_NOPTS_VALUE && stream.duration > 0) {
    info.durationSeconds = static_cast<double>(stream.duration) * info.timeBase.toDouble();
  } else if (fmt.duration != AV_NOPTS_VALUE && fmt.duration > 0) {
    info.durationSeconds = static_cast<double>(fmt.duration) / AV_TIME_BASE;
  }
  if (stream.nb_frames > 0) info.frameCount = stream.nb_frames;
  info.hasBFrames = par.video_delay > 0 || decoder.has_b_frames > 0;
  return info;
}

}  // namespace ps::media
