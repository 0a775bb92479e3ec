#include "media/live_feed.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

extern "C" {
#include <libavutil/dict.h>
}

#include "ffmpeg_check.h"
#include "ffmpeg_handles.h"
#include "ffmpeg_interrupt.h"
#include "frame_view_of.h"
#include "live_ring.h"
#include "live_sound_decoder.h"
#include "log.h"
#include "media/ffmpeg_log.h"
#include "stream_probe.h"

namespace ps::media {

namespace {

constexpr std::int64_t kNoPts = AV_NOPTS_VALUE;
// The sound held for a consumer that does not take it.
constexpr double kMostSoundHeldSeconds = 2.0;
// The longest a packet is held back to the stream's pace; more is a jump in its timestamps.
constexpr double kMostPacingSeconds = 10.0;
// The longest an HLS read may wait: a few of the usual segments (2 to 6 s).
constexpr int kHlsReadTimeoutMs = 15000;

struct DictionaryDeleter {
  void operator()(AVDictionary* d) const { av_dict_free(&d); }
};

// One connection: the opened input, its video stream and decoder.
struct Connection {
  // FFmpeg's lines about this connection's demuxer and decoder go to the debug log: a live
  // transport drops data, and the feed counts the damage instead (LiveStatus). First, so they
  // are the last to go: closing the input may log too.
  std::unique_ptr<FfmpegQuietContext> quietDemuxer, quietDecoder;
  AVFormatContextPtr fmt;
  AVCodecContextPtr dec;
  AVStream* stream = nullptr;
  std::optional<LiveSoundDecoder> sound;  // empty: none asked for, or the stream has none
  StreamInfo info;
  int id = 0;
  bool keyframeSeen = false;
  // Feed time: the first keyframe's timestamp is startSeconds (the receive clock's seconds since
  // the feed's first keyframe); feedOffset maps the stream's ticks onto it.
  std::int64_t firstPts = kNoPts;
  double startSeconds = 0;
  std::int64_t feedOffset = 0;
  bool damageSaid = false;
  // HLS's pace: TimeSource seconds minus stream seconds of its decode times (waitForItsTime).
  std::optional<double> anchor;
  std::int64_t firstDts = kNoPts;
};

// The demuxer options of low-latency reading. A small probe: a live picture's parameters are in
// its first keyframe, and every probed packet is latency at the start.
Status setOptions(AVDictionary** options, const LiveInput& input, bool listen, const std::string& where) {
  auto set = [&](const char* key, const char* value) -> Status {
    return checked(av_dict_set(options, key, value, 0), "av_dict_set", where);
  };
  if (Status s = set("protocol_whitelist", input.protocolWhitelist.c_str()); !s) return s;
  if (Status s = set("fflags", "nobuffer"); !s) return s;
  if (Status s = set("probesize", "500000"); !s) return s;
  if (Status s = set("analyzeduration", "500000"); !s) return s;
  if (listen && input.protocol == LiveProtocol::Rtsp) {
    if (Status s = set("rtsp_flags", "listen"); !s) return s;
  }
  if (listen && input.protocol == LiveProtocol::Rtmp) {
    if (Status s = set("listen", "1"); !s) return s;
  }
  if (input.protocol == LiveProtocol::Udp) {
    // A burst the reader is late for is dropped, not an error that ends the connection.
    if (Status s = set("overrun_nonfatal", "1"); !s) return s;
  }
  return ok();
}

}  // namespace

struct LiveFeed::State {
  LiveInput input;
  LiveOptions options;
  const TimeSource& clock;
  StreamInfo info;

  std::atomic<bool> stop{false};
  FfmpegInterrupt interrupt{stop};
  bool permanentFailure = false;
  std::function<bool()> openQuit;  // open()'s wait, ended by the caller's quit  // the latest connect() failed in a way a retry will not mend
  std::optional<double> feedStart;  // TimeSource seconds of the feed's first keyframe
  bool infoSettled = false;
  std::int64_t nextIndex = 0;
  int connections = 0;
  bool connectedBefore = false;  // info is the first connection's
  std::unique_ptr<LiveRing> ring;  // the live timeline; null: none asked for

  mutable std::mutex mutex;
  std::condition_variable wake;  // the back-off's wait, cut short by stop
  std::optional<LiveFrame> newest;
  std::deque<LiveSoundBlock> sound;  // decoded, not taken yet
  std::size_t soundHeldFrames = 0;
  LiveStatus status;
  std::thread thread;

  State(const LiveInput& in, const LiveOptions& opts, const TimeSource& c) : input(in), options(opts), clock(c) {}

  // Opens and probes one connection; the interrupt's deadline bounds it.
  Result<Connection> connect() {
    FfmpegQuietScope quiet;  // a stream joined mid-GOP makes the prober complain
    FfmpegLogCapture capture;
    permanentFailure = false;
    Connection c;
    c.id = ++connections;
    AVFormatContext* raw = avformat_alloc_context();
    if (raw == nullptr) throw std::bad_alloc();
    raw->interrupt_callback = interrupt.callback();
    AVDictionary* dict = nullptr;
    const Status set = setOptions(&dict, input, options.listen, input.url);
    std::unique_ptr<AVDictionary, DictionaryDeleter> demuxerOptions(dict);
    if (!set) {
      avformat_free_context(raw);
      return set.error();
    }
    const AVInputFormat* format = nullptr;
    if (!input.format.empty()) {
      format = av_find_input_format(input.format.c_str());
      if (format == nullptr) {
        avformat_free_context(raw);
        return Error{input.url, "this FFmpeg has no '" + input.format + "' demuxer", ""};
      }
    }
    interrupt.clearDeadlinePassed();
    // A listener waits for its sender as long as it is wanted (quit ends it): given up and
    // opened again, it would refuse a sender that calls in between.
    interrupt.arm(options.listen ? std::chrono::hours(24 * 365) : options.connectTimeout);
    dict = demuxerOptions.release();
    int r = avformat_open_input(&raw, input.url.c_str(), format, &dict);  // frees raw on failure
    demuxerOptions.reset(dict);
    if (r < 0) return openError("avformat_open_input", r, capture.text());
    c.fmt.reset(raw);
    c.quietDemuxer = std::make_unique<FfmpegQuietContext>(c.fmt.get());
    c.fmt->flags |= AVFMT_FLAG_NOBUFFER;
    r = avformat_find_stream_info(c.fmt.get(), nullptr);
    if (r < 0) return openError("avformat_find_stream_info", r, capture.text());

    const AVCodec* codec = nullptr;
    const int index = av_find_best_stream(c.fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    permanentFailure = index < 0 || codec == nullptr;
    if (index == AVERROR_STREAM_NOT_FOUND) return Error{input.url, "the stream carries no video", ""};
    if (index < 0 || codec == nullptr) return Error{input.url, "no decoder for the stream's video codec", ""};
    c.stream = c.fmt->streams[index];
    if (options.sound) c.sound = LiveSoundDecoder::open(*c.fmt, input.url);
    for (unsigned i = 0; i < c.fmt->nb_streams; ++i) {
      const bool wanted = static_cast<int>(i) == index || (c.sound && static_cast<int>(i) == c.sound->streamIndex());
      if (!wanted) c.fmt->streams[i]->discard = AVDISCARD_ALL;
    }
    c.dec.reset(avcodec_alloc_context3(codec));
    if (!c.dec) throw std::bad_alloc();
    c.quietDecoder = std::make_unique<FfmpegQuietContext>(c.dec.get());
    permanentFailure = true;  // from here on, what fails is the stream's, not its absence
    if (Status s = checked(avcodec_parameters_to_context(c.dec.get(), c.stream->codecpar),
                           "avcodec_parameters_to_context", input.url);
        !s)
      return s.error();
    c.dec->pkt_timebase = c.stream->time_base;
    // Frame threads hold a frame back per thread; slice threads and low delay hand each one out
    // as soon as its packet is in.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    c.dec->thread_count = options.decodeThreads > 0 ? options.decodeThreads : static_cast<int>(cores);
    c.dec->thread_type = FF_THREAD_SLICE;
    c.dec->flags |= AV_CODEC_FLAG_LOW_DELAY;
    if (Status s = checked(avcodec_open2(c.dec.get(), codec, nullptr), "avcodec_open2", input.url); !s)
      return s.error();
    // A reconnect's colour was said with the first connection.
    c.info = describeStream(input.url, *c.fmt, *c.stream, *c.dec,
                            connectedBefore ? std::optional<ColorMatrix>(info.matrix) : std::nullopt);
    c.info.durationSeconds = 0;
    c.info.layout = readLayout(*c.stream, options.layout, input.url);
    c.info.pixelFormat = toPixelFormat(static_cast<AVPixelFormat>(c.stream->codecpar->format));
    return c;
  }

  Error openError(std::string_view call, int code, const std::string& logged) const {
    Error e{input.url, "", ""};
    if (stop.load()) {
      e.what = "stopped while connecting";
    } else if (interrupt.deadlinePassed()) {
      e.what = fmt::format("nothing received within {} ms", options.connectTimeout.count());
      e.hint = "is the sender running and sending here?";
    } else {
      e.what = std::string(call) + ": " + ffmpegErrorText(code);
      if (!logged.empty()) e.what += " (FFmpeg: " + logged + ")";
    }
    return e;
  }

  // HLS hands out a whole segment at a time, seconds apart: a read waits for the next one.
  std::chrono::milliseconds readTimeout() const {
    if (input.protocol == LiveProtocol::Hls) return std::max(options.readTimeout, std::chrono::milliseconds(kHlsReadTimeoutMs));
    return options.readTimeout;
  }

  // Receives on c until the connection ends or stop; returns why it ended.
  std::string receive(Connection& c) {
    AVPacketPtr pkt(av_packet_alloc());
    AVFramePtr frame(av_frame_alloc());
    if (!pkt || !frame) throw std::bad_alloc();
    // Until the first keyframe decodes, FFmpeg's complaints are the join's, not news.
    std::optional<FfmpegQuietScope> joining(std::in_place);
    std::int64_t skipped = 0;
    for (;;) {
      interrupt.arm(readTimeout());
      int r = av_read_frame(c.fmt.get(), pkt.get());
      if (r < 0) {
        if (stop.load()) return "stopped";
        if (interrupt.deadlinePassed()) return fmt::format("nothing received for {} ms", readTimeout().count());
        return isEndOfFile(r) ? std::string("the stream ended") : "av_read_frame: " + ffmpegErrorText(r);
      }
      if (pkt->stream_index != c.stream->index) {
        // Before the first keyframe the feed has no time to put the sound on.
        if (c.sound && c.keyframeSeen && pkt->stream_index == c.sound->streamIndex()) {
          const double shift = c.startSeconds - static_cast<double>(c.firstPts) * av_q2d(c.stream->time_base);
          if (ring) {
            const AVRational tb = c.fmt->streams[pkt->stream_index]->time_base;
            ring->pushSound(*pkt, std::llround(shift / av_q2d(tb)), c.id);
          }
          publishSound(c.sound->decode(*pkt, shift));
        }
        av_packet_unref(pkt.get());
        continue;
      }
      if (!c.keyframeSeen) {
        if ((pkt->flags & AV_PKT_FLAG_KEY) == 0) {
          ++skipped;
          av_packet_unref(pkt.get());
          continue;
        }
        c.keyframeSeen = true;
        log().debug("{}: joined mid-GOP; {} packets before the first keyframe skipped", input.url, skipped);
        anchor(c, *pkt);
      }
      if (!waitForItsTime(c, *pkt)) {
        av_packet_unref(pkt.get());
        return "stopped";
      }
      r = avcodec_send_packet(c.dec.get(), pkt.get());
      // After the decoder has read it: a keyframe's parameter sets give the size a short probe may lack.
      if (ring)
        ring->push(*c.stream, *c.dec, *pkt, c.feedOffset, c.id,
                   c.sound ? c.fmt->streams[c.sound->streamIndex()] : nullptr);
      av_packet_unref(pkt.get());
      if (r < 0 && !isAgain(r)) log().debug("{}: avcodec_send_packet: {}", input.url, ffmpegErrorText(r));
      for (;;) {
        r = avcodec_receive_frame(c.dec.get(), frame.get());
        if (r < 0) break;
        joining.reset();
        publish(c, std::move(frame));
        frame.reset(av_frame_alloc());
        if (!frame) throw std::bad_alloc();
      }
      if (r < 0 && !isAgain(r) && !isEndOfFile(r))
        log().debug("{}: avcodec_receive_frame: {}", input.url, ffmpegErrorText(r));
    }
  }

  // HLS hands out a whole segment at once: its packets are held to the stream's pace (from the
  // first one's arrival), so each picture is shown in its turn rather than dropped for the
  // segment's last. Other protocols deliver at the sender's pace and are decoded at once. False
  // when stopped meanwhile.
  bool waitForItsTime(Connection& c, const AVPacket& p) {
    if (input.protocol != LiveProtocol::Hls) return true;
    const std::int64_t dts = p.dts != kNoPts ? p.dts : p.pts;
    if (dts == kNoPts) return true;
    if (c.firstDts == kNoPts) c.firstDts = dts;
    const double media = static_cast<double>(dts - c.firstDts) * av_q2d(c.stream->time_base);
    const double now = clock.now();
    // Late by more than a second (the server stalled) or far ahead (a jump in the timestamps):
    // the pace starts again from here.
    if (!c.anchor || now - (*c.anchor + media) > 1.0 || *c.anchor + media - now > kMostPacingSeconds)
      c.anchor = now - media;
    const double ahead = *c.anchor + media - now;
    if (ahead <= 1e-3) return true;
    return pause(std::chrono::milliseconds(static_cast<long>(ahead * 1e3)));
  }

  // The connection's first keyframe sets its place on the feed's time.
  void anchor(Connection& c, const AVPacket& key) {
    const double now = clock.now();
    if (!feedStart) feedStart = now;
    c.startSeconds = now - *feedStart;
    c.firstPts = key.pts != kNoPts ? key.pts : key.dts;
    if (c.firstPts == kNoPts) c.firstPts = 0;
    c.feedOffset = static_cast<std::int64_t>(std::llround(c.startSeconds / av_q2d(c.stream->time_base))) - c.firstPts;
  }

  void publish(Connection& c, AVFramePtr f) {
    const double now = clock.now();
    std::optional<FrameViewProblem> problem;
    const std::optional<FrameView> view = frameViewOf(*f, c.info, false, problem);
    if (!view) {
      std::lock_guard lock(mutex);
      if (status.lastLoss.empty() || !status.lastLoss.starts_with("unsupported")) {
        log().warn("{}: unsupported pixel format; the picture is not shown", input.url);
        status.lastLoss = "unsupported pixel format";
      }
      return;
    }
    const std::int64_t pts = f->best_effort_timestamp != kNoPts ? f->best_effort_timestamp : f->pts;
    if (!infoSettled) {
      settleInfo(*f);
      infoSettled = true;
    }
    const bool damaged = (f->flags & AV_FRAME_FLAG_CORRUPT) != 0 || f->decode_error_flags != 0;
    if (damaged && !c.damageSaid) {
      log().info("live: {}: damaged pictures arrive (the transport lost data); shown as decoded", input.url);
      c.damageSaid = true;
    }
    DecodedFrame out(std::move(f), *view);
    out.pts = pts;
    out.timeBase = c.info.timeBase;
    const AVRational rate = c.stream->avg_frame_rate.num > 0 ? c.stream->avg_frame_rate : c.stream->r_frame_rate;
    out.duration = rate.num > 0 ? std::max<std::int64_t>(1, av_rescale_q(1, av_inv_q(rate), c.stream->time_base)) : 1;
    out.seconds = pts != kNoPts ? static_cast<double>(pts + c.feedOffset) * av_q2d(c.stream->time_base)
                                : now - feedStart.value_or(now);
    out.index = nextIndex++;
    std::lock_guard lock(mutex);
    if (newest) ++status.framesDropped;
    newest = LiveFrame{std::move(out), now};
    status.lastFrameAt = now;
    status.newestSeconds = newest->frame.seconds;
    ++status.framesDecoded;
    if (damaged) ++status.framesDamaged;
  }

  void publishSound(std::vector<LiveSoundBlock> blocks) {
    if (blocks.empty()) return;
    std::lock_guard lock(mutex);
    for (LiveSoundBlock& b : blocks) {
      soundHeldFrames += b.samples.size() / 2;
      sound.push_back(std::move(b));
    }
    const auto most = static_cast<std::size_t>(kMostSoundHeldSeconds * kLiveSoundRate);
    while (soundHeldFrames > most && sound.size() > 1) {
      soundHeldFrames -= sound.front().samples.size() / 2;
      sound.pop_front();
    }
  }

  // The first picture says what a probe cut short may not have: a stream joined mid-GOP can be
  // probed before its parameter sets arrive. The layout is guessed again from the real size
  // where nothing else said it.
  void settleInfo(const AVFrame& f) {
    std::lock_guard lock(mutex);
    if (info.width == f.width && info.height == f.height) return;
    info.width = f.width;
    info.height = f.height;
    info.pixelFormat = toPixelFormat(static_cast<AVPixelFormat>(f.format));
    const FrameLayout guessed = guessLayout(f.width, f.height);
    if (info.layout.projectionSource == LayoutSource::Guess) info.layout.projection = guessed.projection;
    if (info.layout.stereoSource == LayoutSource::Guess) info.layout.stereo = guessed.stereo;
  }

  // Waits d unless stopped first; false when stopped.
  bool pause(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex);
    return !wake.wait_for(lock, d, [this] { return stop.load(); });
  }

  void run(Connection first) {
    Connection c = std::move(first);
    while (!stop.load()) {
      const std::string loss = receive(c);
      // Closed while still quiet: the decoders and the input first, their quiet entries after.
      c.sound.reset();
      c.dec.reset();
      c.fmt.reset();
      c = Connection{};
      {
        std::lock_guard lock(mutex);
        status.connected = false;
        status.lastLoss = loss;
      }
      if (stop.load()) break;
      log().info("live: {} lost ({}); reconnecting", input.url, loss);
      const double lostAt = clock.now();
      std::chrono::milliseconds backoff = options.firstBackoff;
      while (pause(backoff)) {
        Result<Connection> next = connect();
        if (next) {
          c = std::move(next).value();
          std::lock_guard lock(mutex);
          status.connected = true;
          status.sound = c.sound ? c.sound->description() : "";
          ++status.reconnects;
          break;
        }
        log().debug("live: {}: {}", input.url, next.error().message());
        backoff = std::min(backoff * 2, options.mostBackoff);
      }
      if (!stop.load()) log().info("live: {} back after {:.1f} s", input.url, clock.now() - lostAt);
    }
  }
};

Result<std::unique_ptr<LiveFeed>> LiveFeed::open(const LiveInput& input, const LiveOptions& options,
                                                 const TimeSource& clock, const std::function<bool()>& keepWaiting) {
  routeFfmpegLogToSpdlog();
  if (options.listen && input.protocol != LiveProtocol::Rtsp && input.protocol != LiveProtocol::Rtmp) {
    return Error{input.url, "listening applies to RTSP and RTMP",
                 input.protocol == LiveProtocol::Srt ? "SRT listens with mode=listener in its URL" : ""};
  }
  auto s = std::make_unique<State>(input, options, clock);
  if (options.ring) {
    Result<std::unique_ptr<LiveRing>> ring = LiveRing::create(*options.ring, input.url);
    if (!ring) return ring.error();
    s->ring = std::move(ring).value();
  }
  s->openQuit = [keepWaiting] { return !keepWaiting(); };
  s->interrupt.setQuit(&s->openQuit);
  std::chrono::milliseconds backoff = options.firstBackoff;
  bool said = false;
  std::string waitingFor;  // why the latest attempt found no stream
  for (;;) {
    Result<Connection> c = s->connect();
    if (c) {
      s->interrupt.setQuit(nullptr);
      s->info = c->info;
      s->connectedBefore = true;
      s->status.connected = true;
      s->status.sound = c->sound ? c->sound->description() : "";
      if (c->sound) log().info("live: {}: sound {}", input.url, c->sound->description());
      State* state = s.get();
      s->thread = std::thread([state, first = std::move(c).value()]() mutable { state->run(std::move(first)); });
      std::unique_ptr<LiveFeed> feed(new LiveFeed(std::move(s)));
      // The first picture settles the size (a stream joined mid-GOP waits for its keyframe).
      while (feed->status().framesDecoded == 0) {
        if (!keepWaiting()) return Error{input.url, "stopped before the first picture arrived", ""};
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      const StreamInfo& info = feed->info();
      log().info("live: {} ({}, {} {}x{}, {:.3g} fps), low-latency", input.url, protocolName(input.protocol), info.codec,
                 info.width, info.height, info.frameRate.valid() ? info.frameRate.toDouble() : 0.0);
      return feed;
    }
    // A sender not up yet (nothing arrives, a connection refused) is waited for; a stream that
    // has no picture to show is an error.
    if (s->permanentFailure) return c.error();
    if (!keepWaiting()) {
      return Error{input.url, "stopped before a stream arrived" + (waitingFor.empty() ? "" : " (" + waitingFor + ")"),
                   c.error().hint};
    }
    waitingFor = c.error().what;
    if (!said) {
      log().info("live: waiting for {} ({})", input.url, c.error().what);
      said = true;
    }
    for (auto waited = std::chrono::milliseconds(0); waited < backoff && keepWaiting();
         waited += std::chrono::milliseconds(50))
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    backoff = std::min(backoff * 2, options.mostBackoff);
  }
}

LiveFeed::LiveFeed(std::unique_ptr<State> state) : s_(std::move(state)) {}

LiveFeed::~LiveFeed() {
  {
    std::lock_guard lock(s_->mutex);
    s_->stop.store(true);
  }
  s_->wake.notify_all();
  if (s_->thread.joinable()) s_->thread.join();
}

const StreamInfo& LiveFeed::info() const { return s_->info; }
const LiveInput& LiveFeed::input() const { return s_->input; }

std::optional<LiveFrame> LiveFeed::takeNewest() {
  std::lock_guard lock(s_->mutex);
  std::optional<LiveFrame> out = std::move(s_->newest);
  s_->newest.reset();
  return out;
}

std::vector<LiveSoundBlock> LiveFeed::takeSound() {
  std::lock_guard lock(s_->mutex);
  std::vector<LiveSoundBlock> out(std::make_move_iterator(s_->sound.begin()), std::make_move_iterator(s_->sound.end()));
  s_->sound.clear();
  s_->soundHeldFrames = 0;
  return out;
}

std::optional<LiveRecording> LiveFeed::recording() {
  if (!s_->ring) return std::nullopt;
  return s_->ring->recording();
}

bool LiveFeed::keepsRecording() const { return s_->ring != nullptr; }

std::optional<LiveSpan> LiveFeed::kept() {
  if (!s_->ring) return std::nullopt;
  return s_->ring->kept();
}

LiveStatus LiveFeed::status() const {
  std::lock_guard lock(s_->mutex);
  return s_->status;
}

}  // namespace ps::media
