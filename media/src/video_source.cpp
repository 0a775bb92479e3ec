#include "media/video_source.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <thread>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include "ffmpeg_check.h"
#include "frame_view_of.h"
#include "ffmpeg_handles.h"
#include "log.h"
#include "media/ffmpeg_log.h"
#include "media/ffmpeg_url.h"
#include "open_input.h"
#include "pixel_format.h"
#include "stream_probe.h"
#include "vaapi_decode.h"

namespace ps::media {

namespace {

constexpr std::int64_t kNoPts = std::numeric_limits<std::int64_t>::min();  // == AV_NOPTS_VALUE
// A stream whose packets carry no keyframe flags at all is decoded from where it starts rather
// than not at all: after this many packets without one, decoding starts anyway.
constexpr std::int64_t kMaxSkippedBeforeKeyframe = 600;
static_assert(kNoPts == AV_NOPTS_VALUE);
// Decoded frames a player holds at once beyond the decoder's own references: its prefetch queue,
// the pictures shown and in flight on the GPU, the last frame kept for a seek.
constexpr int kHeldHardwareFrames = 16;

Error unsupportedFormat(std::string where, AVPixelFormat f, bool depth) {
  const char* name = av_get_pix_fmt_name(f);
  Error e{std::move(where), fmt::format("unsupported pixel format '{}'", name != nullptr ? name : "unknown"),
          fmt::format("media/ plays {}; transcode the file", supportedPixelFormatNames(depth))};
  if (!depth && isGrayFormat(f)) {
    e.what = fmt::format("a grey picture ('{}') has no colour to show: grey video is read only as an rgbd medium's depth",
                         name != nullptr ? name : "unknown");
    e.hint = "give the shot the colour video; a depth video goes in the rgbd medium's \"depth\"";
  }
  log().error("{}", e.message());
  return e;
}

// Whether the file (a file: URL) starts like an MP4/MOV (an 'ftyp' box), to tell a
// cut-off recording from something that never was a video.
bool startsLikeMp4(std::string_view fileUrl) {
  fileUrl.remove_prefix(std::string_view("file:").size());
  std::ifstream in(std::string(fileUrl), std::ios::binary);
  char head[8] = {};
  return in.read(head, sizeof head) && std::string_view(head + 4, 4) == "ftyp";
}

Error describeOpenFailure(const std::string& url, const std::string& fileUrl, int code, const std::string& logged) {
  Error e{url, "", ""};
  if (isInvalidData(code) && startsLikeMp4(fileUrl)) {
    e.what = "truncated or unfinished MP4: its index is missing";
    e.hint = "the recording or copy was cut off; copy the file again";
  } else if (isInvalidData(code)) {
    e.what = "not a media file FFmpeg can read";
  } else {
    e.what = "cannot open: avformat_open_input: " + ffmpegErrorText(code);
  }
  if (!logged.empty()) e.what += " (FFmpeg: " + logged + ")";
  return e;
}

}  // namespace

struct VideoSource::State {
  std::string url;
  DecodeOptions options;
  StreamInfo info;
  AVFormatContextPtr fmt;
  AVCodecContextPtr dec;
  AVPacketPtr pkt;
  AVFramePtr scratch;  // receives the next decoded frame
  AVStream* stream = nullptr;
  std::int64_t ticksPerFrame = 1;  // nominal frame duration in stream ticks

  // Decoder position.
  std::optional<DecodedFrame> pending;  // decoded but not handed out yet
  std::optional<DecodedFrame> last;     // the latest frame handed out, shared: asked again, it is free
  bool draining = false;                // the demuxer hit its end; the decoder is being flushed
  std::int64_t lastReturnedPts = kNoPts;
  std::int64_t lastPacketDts = kNoPts;  // of the latest video packet read
  std::int64_t firstPacketDts = kNoPts;  // of the first video packet after the latest seek
  // Packets whose display interval ends at or before this pts (ticks) are not
  // wanted: decoding toward a seek target.
  std::int64_t unwantedBefore = kNoPts;
  // SeekIntent::Still: once the packet of the frame shown at this pts (ticks) is sent, drain.
  std::int64_t drainAfter = kNoPts;
  // The decoder was drained at a still's target: frames after it were never sent, so next()
  // must seek to go on.
  bool drainedEarly = false;
  bool damageReported = false;
  // Packets before the first keyframe since open or the latest seek (a stream joined mid-GOP)
  // reference pictures the decoder never had: they are dropped, not decoded into errors.
  bool keyframeSeen = false;
  std::int64_t skippedBeforeKeyframe = 0;

  std::string at(std::int64_t pts) const {
    if (pts == kNoPts) return url;
    return fmt::format("{}@frame {} ({:.3f} s)", url, info.frameIndex(pts), info.seconds(pts));
  }

  // A damaged or undecodable frame: an error in strict mode; in playback logged once.
  std::optional<Error> damaged(int code, std::string_view call, std::int64_t pts) {
    Error e{at(pts), "damaged video data: " + std::string(call) + ": " + ffmpegErrorText(code), ""};
    if (options.strict) {
      log().error("{}", e.message());
      return e;
    }
    if (!damageReported) {
      log().warn("{} (skipping what cannot be decoded; further damage in this file is not logged)", e.message());
      damageReported = true;
    }
    return std::nullopt;
  }

  Result<DecodedFrame> wrap(AVFramePtr f) {
    const auto avFormat = static_cast<AVPixelFormat>(f->format);
    std::int64_t pts = f->best_effort_timestamp != kNoPts ? f->best_effort_timestamp : f->pts;
    if (pts == kNoPts) pts = lastReturnedPts != kNoPts ? lastReturnedPts + ticksPerFrame : info.startPts;
    if (options.strict && ((f->flags & AV_FRAME_FLAG_CORRUPT) != 0 || f->decode_error_flags != 0)) {
      return Error{at(pts), "damaged video data: the decoder concealed errors in this frame", ""};
    }
    const std::int64_t duration = f->pkt_duration > 0 ? f->pkt_duration : ticksPerFrame;
    std::optional<FrameView> v;
    if (isVaapiFrame(*f)) {
      v.emplace();
      Result<AVFramePtr> mapped = exportDmaBuf(*f, info, *v, at(pts));
      if (!mapped) return mapped.error();
      f = std::move(mapped).value();
    } else {
      std::optional<FrameViewProblem> problem;
      v = frameViewOf(*f, info, options.depth, problem);
      if (!v) {
        if (problem->kind == FrameViewProblem::Kind::BottomUp) return Error{at(pts), "decoder returned a bottom-up picture", ""};
        return unsupportedFormat(at(pts), avFormat, options.depth);
      }
    }
    DecodedFrame out(std::move(f), *v);
    out.pts = pts;
    out.duration = duration;
    out.timeBase = info.timeBase;
    out.seconds = info.seconds(pts);
    out.index = info.frameIndex(pts);
    return out;
  }

  // Sets how much of the packet the decoder may skip: frames nothing will show
  // and no other frame refers to. Frame threading copies skip_frame into the
  // worker with each packet, so the setting applies per packet.
  void chooseDiscard(const AVPacket& p) {
    const std::int64_t duration = p.duration > 0 ? p.duration : ticksPerFrame;
    // A frame slot of margin: timestamps rounded by the muxer (Matroska's
    // milliseconds) can leave the frame before the target ending short of it.
    const bool unwanted =
        unwantedBefore != kNoPts && p.pts != kNoPts && p.pts + duration + ticksPerFrame <= unwantedBefore;
    dec->skip_frame = unwanted ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
  }

  // The next frame out of the decoder, in display order, reading packets as
  // needed; std::nullopt at the end.
  Result<std::optional<DecodedFrame>> decode() {
    if (pending) {
      std::optional<DecodedFrame> f = std::move(pending);
      pending.reset();
      return f;
    }
    for (;;) {
      if (!scratch) scratch.reset(av_frame_alloc());
      if (!scratch) throw std::bad_alloc();
      int r = avcodec_receive_frame(dec.get(), scratch.get());
      if (r >= 0) {
        Result<DecodedFrame> w = wrap(std::move(scratch));
        if (!w) return w.error();
        return std::optional<DecodedFrame>(std::move(w).value());
      }
      if (isEndOfFile(r)) return std::optional<DecodedFrame>();
      if (!isAgain(r)) {
        const std::int64_t next = lastReturnedPts != kNoPts ? lastReturnedPts + ticksPerFrame : info.startPts;
        if (auto e = damaged(r, "avcodec_receive_frame", next)) return *e;
        continue;
      }
      if (draining) return std::optional<DecodedFrame>();  // the decoder has nothing more

      r = av_read_frame(fmt.get(), pkt.get());
      if (r < 0) {
        if (!isEndOfFile(r)) {
          Error e{at(lastPacketDts), "cannot read further: av_read_frame: " + ffmpegErrorText(r),
                  "the file may be truncated or the connection lost"};
          if (options.strict) {
            log().error("{}", e.message());
            return e;
          }
          log().warn("{}; playing what was read", e.message());
        }
        draining = true;
        // With frame threads this may return an earlier packet's error; the
        // decoder is draining all the same.
        r = avcodec_send_packet(dec.get(), nullptr);
        if (r < 0 && !isEndOfFile(r)) {
          if (auto e = damaged(r, "avcodec_send_packet", lastPacketDts)) return *e;
        }
        continue;
      }
      if (pkt->stream_index != stream->index) {
        av_packet_unref(pkt.get());
        continue;
      }
      if (!keyframeSeen) {
        if ((pkt->flags & AV_PKT_FLAG_KEY) == 0 && skippedBeforeKeyframe < kMaxSkippedBeforeKeyframe) {
          ++skippedBeforeKeyframe;
          av_packet_unref(pkt.get());
          continue;
        }
        keyframeSeen = true;
        if (skippedBeforeKeyframe > 0)
          log().debug("{}: joined mid-GOP; {} packets before the first keyframe skipped", url, skippedBeforeKeyframe);
      }
      if (pkt->dts != kNoPts) {
        lastPacketDts = pkt->dts;
        if (firstPacketDts == kNoPts) firstPacketDts = pkt->dts;
      }
      chooseDiscard(*pkt);
      const std::int64_t pts = pkt->pts;
      const std::int64_t duration = pkt->duration > 0 ? pkt->duration : ticksPerFrame;
      r = avcodec_send_packet(dec.get(), pkt.get());
      av_packet_unref(pkt.get());
      if (r < 0 && !isAgain(r)) {
        if (auto e = damaged(r, "avcodec_send_packet", pts)) return *e;
      }
      // The target's packet is in, and every frame it refers to came before it in decode
      // order: draining now hands it out without decoding the frames that the decoder's
      // reorder and thread delays would otherwise pull in after it.
      if (drainAfter != kNoPts && pts != kNoPts && pts <= drainAfter && drainAfter < pts + duration) {
        drainAfter = kNoPts;
        drainedEarly = true;
        draining = true;
        r = avcodec_send_packet(dec.get(), nullptr);
        if (r < 0 && !isEndOfFile(r)) {
          if (auto e = damaged(r, "avcodec_send_packet", pts)) return *e;
        }
      }
    }
  }

  void handOut(const DecodedFrame& f) {
    lastReturnedPts = f.pts;
    last = f.clone();
  }

  Result<std::optional<DecodedFrame>> next() {
    if (drainedEarly && last) {
      // Land on the still's frame again, this time leaving the decoder ready to go on. Not
      // "the frame at its end time": rounded timestamps (Matroska's ms) can put that back in it.
      const std::int64_t shown = last->pts;
      last.reset();
      if (Result<DecodedFrame> f = frameAtTicks(shown, SeekIntent::Continue); !f) return f.error();
    }
    Result<std::optional<DecodedFrame>> f = decode();
    if (f && f.value()) handOut(**f);
    return f;
  }

  // Seeks the demuxer to the keyframe at or before ts (stream ticks), or to the
  // start of the stream when there is none; resets the decoder.
  Status seekTo(std::int64_t ts, bool& atStart) {
    FfmpegLogCapture capture;
    int r = atStart ? -1 : av_seek_frame(fmt.get(), stream->index, ts, AVSEEK_FLAG_BACKWARD);
    if (r < 0) {
      atStart = true;
      r = avformat_seek_file(fmt.get(), stream->index, std::numeric_limits<std::int64_t>::min(), info.startPts,
                             info.startPts, 0);
      if (r < 0) r = av_seek_frame(fmt.get(), -1, 0, AVSEEK_FLAG_BYTE);
      if (r < 0) return ffmpegError(url, "av_seek_frame", r, capture.text());
    }
    avcodec_flush_buffers(dec.get());
    pending.reset();
    last.reset();
    draining = false;
    drainedEarly = false;
    firstPacketDts = kNoPts;
    lastPacketDts = kNoPts;
    lastReturnedPts = kNoPts;
    keyframeSeen = false;
    skippedBeforeKeyframe = 0;
    return ok();
  }

  // Whether decoding on from where the decoder stands reaches target no later
  // than a seek would: it is ahead, and no keyframe lies between.
  bool canDecodeForwardTo(std::int64_t target) const {
    if (lastReturnedPts == kNoPts || draining || target < lastReturnedPts) return false;
    if (pending && pending->pts > target) return false;
    if (lastPacketDts == kNoPts) return false;
    const AVIndexEntry* key = avformat_index_get_entry_from_timestamp(stream, target, AVSEEK_FLAG_BACKWARD);
    return key != nullptr && key->timestamp <= lastPacketDts;
  }

  Result<DecodedFrame> frameAt(double seconds, SeekIntent intent) {
    if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
    // The nearest tick: muxers round pts to their time base (Matroska: 1 ms),
    // so a frame meant to start at n/fps may be stamped up to half a tick late.
    const long double ticks = static_cast<long double>(seconds) * static_cast<long double>(info.timeBase.den) /
                              static_cast<long double>(info.timeBase.num);
    return frameAtTicks(info.startPts + std::llround(ticks), intent);
  }

  // A drain saves the decoder's reorder delay (a few frames) now, but leaves nothing to decode
  // on from: the next request after it seeks. With short GOPs that re-seek costs little; with
  // long ones it would throw away a position that a later request (a scrub or step forward)
  // reuses, which costs far more than the drain saves (measured: GOP 250 seeks 0.55 of the
  // CLI's time with drains, 0.48 without; GOP 30 0.44 with, 0.54 without).
  bool drainPays() const {
    constexpr int kLongGopFrames = 60;
    return info.keyframeInterval && *info.keyframeInterval <= kLongGopFrames;
  }

  Result<DecodedFrame> frameAtTicks(std::int64_t target, SeekIntent intent) {
    const double seconds = info.seconds(target);
    if (last && last->pts <= target && target < last->pts + last->duration) return last->clone();

    bool seeked = false;
    bool atStart = false;
    std::int64_t seekTs = target;
    if (!canDecodeForwardTo(target)) {
      if (const Status s = seekTo(seekTs, atStart); !s) return s.error();
      seeked = true;
    }
    unwantedBefore = target;
    if (intent == SeekIntent::Still && drainPays()) drainAfter = target;
    bool keySeen = !seeked;
    std::optional<DecodedFrame> candidate;  // the latest frame starting at or before target
    for (int stepsBack = 0;;) {
      Result<std::optional<DecodedFrame>> r = decode();
      if (!r) {
        unwantedBefore = kNoPts;
        drainAfter = kNoPts;
        return r.error();
      }
      std::optional<DecodedFrame>& f = r.value();
      if (!f && !candidate && seeked && !atStart) {
        // Nothing decodable from that keyframe on (a truncated or damaged
        // file): try from the keyframe before.
        seekTs = (firstPacketDts != kNoPts ? firstPacketDts : seekTs) - 1;
        atStart = ++stepsBack > 8;
        if (const Status s = seekTo(seekTs, atStart); !s) return s.error();
        keySeen = false;
        continue;
      }
      if (!f) break;
      if (!keySeen) {
        // Frames shown before the keyframe we landed on are leading pictures of
        // an open GOP; they refer to frames before it and cannot be trusted.
        if (f->av()->key_frame == 0 && !atStart) continue;
        keySeen = true;
        if (f->pts > target && !atStart) {
          // Seeking by decode time landed past the target (B-frames: the
          // keyframe's pts is after its dts): go one keyframe further back.
          seekTs = (firstPacketDts != kNoPts ? firstPacketDts : seekTs) - 1;
          atStart = ++stepsBack > 8;
          if (const Status s = seekTo(seekTs, atStart); !s) return s.error();
          keySeen = false;
          continue;
        }
      }
      if (f->pts <= target) {
        const bool contains = target < f->pts + f->duration;
        candidate = std::move(f);
        if (contains) break;
        continue;
      }
      // f starts after target: the candidate is the answer, f comes next.
      if (!candidate && !seeked && last) candidate = last->clone();  // target in a gap after it
      if (!candidate) {
        candidate = std::move(f);  // target lies before the first frame
      } else {
        pending = std::move(f);
      }
      break;
    }
    unwantedBefore = kNoPts;
    drainAfter = kNoPts;
    dec->skip_frame = AVDISCARD_DEFAULT;
    // A frame past the target that came out of the drain may be one whose predecessors in
    // display order were never sent; next() seeks instead.
    if (drainedEarly) pending.reset();
    // Decoding on from the last frame handed out found nothing more: it was the last.
    if (!candidate && !seeked && last) candidate = last->clone();
    if (drainedEarly && intent == SeekIntent::Still &&
        !(candidate && candidate->pts <= target && target < candidate->pts + candidate->duration)) {
      // The drain did not bring the target out (an open GOP's decoder holds frames back after a
      // seek; a target in a gap): land on it the ordinary way instead.
      last.reset();
      pending.reset();
      return frameAtTicks(target, SeekIntent::Continue);
    }
    if (!candidate) {
      return Error{url, fmt::format("no frame could be decoded at {:.3f} s", seconds), ""};
    }
    handOut(*candidate);
    return std::move(*candidate);
  }
};

Result<VideoSource> VideoSource::open(const std::string& url, const DecodeOptions& options) {
  routeFfmpegLogToSpdlog();
  auto s = std::make_unique<State>();
  s->url = url;
  s->options = options;
  Result<std::string> file = inputFileUrl(url);
  if (!file) {
    log().error("{}", file.error().message());
    return file.error();
  }

  FfmpegLogCapture capture;
  AVFormatContext* raw = nullptr;
  int r = openLocalInput(&raw, *file);
  if (r < 0) {
    Error e = describeOpenFailure(url, *file, r, capture.text());
    log().error("{}", e.message());
    return e;
  }
  s->fmt.reset(raw);
  r = avformat_find_stream_info(s->fmt.get(), nullptr);
  if (r < 0) return ffmpegError(url, "cannot read the streams: avformat_find_stream_info", r, capture.text());

  const AVCodec* codec = nullptr;
  const int index = av_find_best_stream(s->fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
  if (index == AVERROR_STREAM_NOT_FOUND) return Error{url, "no video stream", "is this an audio-only file?"};
  if (index == AVERROR_DECODER_NOT_FOUND || codec == nullptr) {
    return Error{url, "no decoder for the video stream's codec", "transcode to H.264 or HEVC"};
  }
  if (index < 0) return ffmpegError(url, "av_find_best_stream", index);
  s->stream = s->fmt->streams[index];
  for (unsigned i = 0; i < s->fmt->nb_streams; ++i) {
    if (static_cast<int>(i) != index) s->fmt->streams[i]->discard = AVDISCARD_ALL;  // demux video only
  }
  const AVCodecParameters& par = *s->stream->codecpar;
  if (!toPixelFormat(static_cast<AVPixelFormat>(par.format), options.depth)) {
    return unsupportedFormat(url, static_cast<AVPixelFormat>(par.format), options.depth);
  }

  s->dec.reset(avcodec_alloc_context3(codec));
  if (!s->dec) throw std::bad_alloc();
  if (const Status st = checked(avcodec_parameters_to_context(s->dec.get(), &par), "avcodec_parameters_to_context",
                                url);
      !st) {
    return st.error();
  }
  s->dec->pkt_timebase = s->stream->time_base;
  const unsigned cores = std::thread::hardware_concurrency();
  s->dec->thread_count = options.threads > 0 ? options.threads : static_cast<int>(cores > 0 ? cores : 1);
  s->dec->thread_type = options.frameThreads ? FF_THREAD_FRAME | FF_THREAD_SLICE : FF_THREAD_SLICE;
  if (options.strict) s->dec->err_recognition |= AV_EF_EXPLODE;
  std::string decodePath = "software";
  if (options.hardware != HardwareDecode::Off) {
    Result<VaapiDevice> device = VaapiDevice::open();
    if (device) {
      if (auto cannot = vaapiCannotDecode(*codec)) device = Error{"VAAPI", *cannot, ""};
    }
    if (device) {
      decodeOnVaapi(*s->dec, *device, kHeldHardwareFrames);
      decodePath = device->description();
    } else if (options.hardware == HardwareDecode::Vaapi) {
      Error e{url, "cannot decode on the GPU: " + device.error().message(), "decode in software"};
      log().error("{}", e.message());
      return e;
    } else {
      decodePath = "software (" + device.error().message() + ")";
    }
  }
  if (const Status st = checked(avcodec_open2(s->dec.get(), codec, nullptr), "avcodec_open2", url); !st) {
    return st.error();
  }
  s->pkt.reset(av_packet_alloc());
  if (!s->pkt) throw std::bad_alloc();

  s->info = describeStream(url, *s->fmt, *s->stream, *s->dec, options.untaggedMatrix);
  s->info.layout = readLayout(*s->stream, options.manifestLayout, url);
  s->info.pixelFormat = toPixelFormat(static_cast<AVPixelFormat>(par.format), options.depth);
  s->info.decodePath = decodePath;
  const AVRational perFrame = av_inv_q(s->stream->avg_frame_rate.num > 0 ? s->stream->avg_frame_rate
                                                                           : s->stream->r_frame_rate);
  s->ticksPerFrame = std::max<std::int64_t>(1, av_rescale_q(1, perFrame, s->stream->time_base));
  if (const Status st = readKeyframeInterval(*s->fmt, *s->stream, s->info); !st) return st.error();
  if (const auto cut = truncatedAt(*s->fmt, *s->stream, s->info)) {
    Error e{url, fmt::format("truncated: the file ends before the data of the frame at {:.3f} s", *cut),
            "copy the file again"};
    if (options.strict) {
      log().error("{}", e.message());
      return e;
    }
    log().warn("{}; playing up to there", e.message());
  }
  return VideoSource(std::move(s));
}

VideoSource::VideoSource(std::unique_ptr<State> state) : s_(std::move(state)) {}
VideoSource::VideoSource(VideoSource&&) noexcept = default;
VideoSource& VideoSource::operator=(VideoSource&&) noexcept = default;
VideoSource::~VideoSource() = default;

const StreamInfo& VideoSource::info() const { return s_->info; }
Result<std::optional<DecodedFrame>> VideoSource::next() { return s_->next(); }
Result<DecodedFrame> VideoSource::frameAt(double seconds, SeekIntent intent) { return s_->frameAt(seconds, intent); }

}  // namespace ps::media
