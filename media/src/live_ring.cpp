#include "live_ring.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "ffmpeg_check.h"
#include "ffmpeg_handles.h"
#include "log.h"
#include "media/ffmpeg_log.h"
#include "media/live_ring_room.h"

namespace ps::media {

namespace {

// Packets waiting for the writer; more means the disk cannot keep up, and the packet is dropped
// (the segment then ends, and the next starts at a keyframe).
constexpr std::size_t kMostQueued = 2000;
// List files kept: a reader opening one reads it whole at once.
constexpr int kListsKept = 4;


struct ParametersDeleter {
  void operator()(AVCodecParameters* p) const { avcodec_parameters_free(&p); }
};
using ParametersPtr = std::unique_ptr<AVCodecParameters, ParametersDeleter>;

struct OutputDeleter {
  void operator()(AVFormatContext* c) const {
    if (c->pb != nullptr) avio_closep(&c->pb);
    avformat_free_context(c);
  }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputDeleter>;

// The stream a connection delivers; a change of it starts a new segment, or the ring again.
struct StreamKind {
  std::shared_ptr<AVCodecParameters> parameters;
  AVRational timeBase{0, 1};
  AVRational frameRate{0, 1};
  std::shared_ptr<AVCodecParameters> sound;  // null: none kept
  AVRational soundTimeBase{0, 1};
};

struct Item {
  AVPacketPtr packet;
  std::int64_t feedOffset = 0;
  bool gapBefore = false;  // packets before it were dropped
  bool sound = false;      // of the sound stream
  std::optional<StreamKind> kind;  // the first packet of a connection carries its stream
};

struct Segment {
  std::string name;
  double start = 0;  // feed seconds
  double end = 0;
  std::uintmax_t bytes = 0;
};

// A failed call's error, not logged: the ring says once, as a warning, that it stopped (the feed
// plays on). FFmpeg's own line about it (collected on the writer's thread) is added.
Status ringChecked(int code, std::string_view call, const std::string& where) {
  if (code >= 0) return ok();
  return Error{where, std::string(call) + ": " + ffmpegErrorText(code), ""};
}

// The feed's rate is known once this much is kept: then the disk's room for the span is checked.
constexpr double kRateKnownAfterSeconds = 10.0;

bool sameStream(const AVCodecParameters& a, const AVCodecParameters& b) {
  return a.codec_id == b.codec_id && a.width == b.width && a.height == b.height && a.format == b.format &&
         a.extradata_size == b.extradata_size &&
         (a.extradata_size == 0 || std::equal(a.extradata, a.extradata + a.extradata_size, b.extradata));
}

// One list holds segments of the same streams only.
bool sameStreams(const StreamKind& a, const StreamKind& b) {
  if (!sameStream(*a.parameters, *b.parameters) || (a.sound == nullptr) != (b.sound == nullptr)) return false;
  return a.sound == nullptr || (a.sound->codec_id == b.sound->codec_id && a.sound->sample_rate == b.sound->sample_rate &&
                                a.sound->ch_layout.nb_channels == b.sound->ch_layout.nb_channels);
}

std::shared_ptr<AVCodecParameters> copyOf(const AVCodecParameters& p) {
  ParametersPtr copy(avcodec_parameters_alloc());
  if (!copy || avcodec_parameters_copy(copy.get(), &p) < 0) throw std::bad_alloc();
  return {copy.release(), ParametersDeleter{}};
}

}  // namespace

std::optional<double> secondsTheDiskHolds(std::uintmax_t keptBytes, double keptSeconds, double keepSeconds,
                                          std::uintmax_t available) {
  if (keptSeconds <= 0 || keptBytes == 0) return std::nullopt;
  const double perSecond = static_cast<double>(keptBytes) / keptSeconds;
  const double holds = (static_cast<double>(keptBytes) + static_cast<double>(available)) / perSecond;
  if (holds >= keepSeconds) return std::nullopt;
  return holds;
}

struct LiveRing::State {
  LiveRingOptions options;
  std::string url;
  bool madeFolder = false;

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Item> queue;
  bool stop = false;
  bool off = false;  // a write failed: nothing more is kept
  int lastConnection = -1;
  bool dropped = false;
  std::deque<Segment> closed;  // oldest first
  int nextList = 0;
  std::deque<std::filesystem::path> lists;
  std::thread thread;

  // The writer's own.
  std::optional<StreamKind> ringKind;  // of the kept segments
  std::optional<StreamKind> current;   // of the connection being written
  OutputPtr out;
  Segment writing;
  double lastPts = 0;
  int nextSegment = 0;
  bool slowSaid = false;
  bool roomChecked = false;

  std::filesystem::path file(const std::string& name) const { return options.dir / name; }
  // The oldest segment within the span kept (the ones before it wait out their grace). Under mutex.
  std::size_t firstKept() const {
    std::size_t i = 0;
    while (i + 1 < closed.size() && closed.back().end - closed[i].start > options.keepSeconds) ++i;
    return i;
  }
  double frameSeconds() const {
    if (!current || current->frameRate.num <= 0) return 0;
    return 1.0 / av_q2d(current->frameRate);
  }

  void run() {
    // What FFmpeg says about a failed write goes into the ring's one warning, not lines of its own.
    FfmpegQuietScope quiet;
    for (;;) {
      Item item;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [this] { return stop || !queue.empty(); });
        if (stop) break;
        item = std::move(queue.front());
        queue.pop_front();
      }
      FfmpegLogCapture said;
      if (const Status s = write(item); !s) {
        log().warn("live: {}: the live timeline stops keeping the feed: {}{}", url, s.error().message(),
                   said.text().empty() ? "" : " (FFmpeg: " + said.text() + ")");
        closeSegment();
        std::lock_guard lock(mutex);
        off = true;
        queue.clear();
        break;
      }
    }
    closeSegment();
  }

  Status write(Item& item) {
    if (item.kind) {
      closeSegment();
      if (ringKind && !sameStreams(*ringKind, *item.kind)) {
        log().info("live: {}: the stream changed (size, codec or sound); the live timeline starts again", url);
        clearRing();
      }
      current = item.kind;
      if (!ringKind) ringKind = item.kind;
    }
    if (item.gapBefore) closeSegment();
    if (!current) return ok();
    AVPacket& p = *item.packet;
    if (item.sound) {
      if (!out || out->nb_streams < 2) return ok();  // kept from the segment's first keyframe on
      if (p.pts != AV_NOPTS_VALUE) p.pts += item.feedOffset;
      if (p.dts != AV_NOPTS_VALUE) p.dts += item.feedOffset;
      av_packet_rescale_ts(&p, current->soundTimeBase, out->streams[1]->time_base);
      p.stream_index = 1;
      p.pos = -1;
      return ringChecked(av_interleaved_write_frame(out.get(), &p), "av_interleaved_write_frame",
                         file(writing.name).string());
    }
    const bool key = (p.flags & AV_PKT_FLAG_KEY) != 0;
    if (!out && !key) return ok();  // a segment starts at a keyframe
    const double tb = av_q2d(current->timeBase);
    const double pts = p.pts == AV_NOPTS_VALUE ? lastPts : static_cast<double>(p.pts + item.feedOffset) * tb;
    if (out && key && pts - writing.start >= options.segmentSeconds) closeSegment();
    if (!out) {
      if (Status s = openSegment(pts); !s) return s;
    }
    if (p.pts != AV_NOPTS_VALUE) p.pts += item.feedOffset;
    if (p.dts != AV_NOPTS_VALUE) p.dts += item.feedOffset;
    lastPts = pts;
    writing.end = std::max(writing.end, pts + std::max(frameSeconds(), static_cast<double>(p.duration) * tb));
    av_packet_rescale_ts(&p, current->timeBase, out->streams[0]->time_base);
    p.stream_index = 0;
    p.pos = -1;
    return ringChecked(av_interleaved_write_frame(out.get(), &p), "av_interleaved_write_frame",
                       file(writing.name).string());
  }

  Status openSegment(double start) {
    writing = Segment{fmt::format("segment-{:06}.nut", nextSegment++), start, start};
    const std::string part = file(writing.name + ".part").string();
    AVFormatContext* raw = nullptr;
    if (Status s = ringChecked(avformat_alloc_output_context2(&raw, nullptr, "nut", part.c_str()),
                           "avformat_alloc_output_context2", part);
        !s)
      return s;
    OutputPtr o(raw);
    AVStream* st = avformat_new_stream(o.get(), nullptr);
    if (st == nullptr) throw std::bad_alloc();
    if (Status s = ringChecked(avcodec_parameters_copy(st->codecpar, current->parameters.get()), "avcodec_parameters_copy", part); !s)
      return s;
    st->codecpar->codec_tag = 0;
    st->time_base = current->timeBase;
    st->avg_frame_rate = current->frameRate;
    if (current->sound) {
      AVStream* sound = avformat_new_stream(o.get(), nullptr);
      if (sound == nullptr) throw std::bad_alloc();
      if (Status s = ringChecked(avcodec_parameters_copy(sound->codecpar, current->sound.get()),
                                 "avcodec_parameters_copy", part);
          !s)
        return s;
      sound->codecpar->codec_tag = 0;
      sound->time_base = current->soundTimeBase;
    }
    if (Status s = ringChecked(avio_open(&o->pb, part.c_str(), AVIO_FLAG_WRITE), "avio_open", part); !s) return s;
    if (Status s = ringChecked(avformat_write_header(o.get(), nullptr), "avformat_write_header", part); !s) return s;
    out = std::move(o);
    return ok();
  }

  // Ends the segment being written and keeps it; the oldest go while the rest span the time kept.
  void closeSegment() {
    if (!out) return;
    const std::string part = file(writing.name + ".part").string();
    Status s = ringChecked(av_write_trailer(out.get()), "av_write_trailer", part);
    out.reset();
    std::error_code ec;
    if (s) std::filesystem::rename(part, file(writing.name), ec);
    if (!s || ec) {
      std::filesystem::remove(part, ec);
      if (s) log().warn("live: {}: keeping a segment of the live timeline failed: {}", url, ec.message());
      return;
    }
    writing.bytes = std::filesystem::file_size(file(writing.name), ec);
    std::lock_guard lock(mutex);
    closed.push_back(writing);
    while (closed.size() > 1 && closed.back().end - closed.front().end >= options.keepSeconds + options.graceSeconds) {
      std::filesystem::remove(file(closed.front().name), ec);
      closed.pop_front();
    }
    checkRoom();
  }

  // Once the feed's rate is known: whether the disk holds the whole span asked for (a warning
  // once, with what it does hold; the oldest part is then what is lost when it fills).
  void checkRoom() {
    const double span = closed.back().end - closed.front().start;
    if (roomChecked || span < std::min(kRateKnownAfterSeconds, options.keepSeconds)) return;
    roomChecked = true;
    std::uintmax_t kept = 0;
    for (const Segment& s : closed) kept += s.bytes;
    std::error_code ec;
    const std::filesystem::space_info room = std::filesystem::space(options.dir, ec);
    if (ec) return;
    const std::optional<double> holds = secondsTheDiskHolds(kept, span, options.keepSeconds, room.available);
    if (!holds) return;
    const double perSecond = static_cast<double>(kept) / span;
    log().warn("live: {}: the disk holds about {:.1f} of the {:.1f} minutes asked for ({:.1f} MB/s); once it "
               "is full the live timeline stops keeping the feed (--live-buffer, --live-buffer-dir)",
               options.dir.string(), *holds / 60.0, options.keepSeconds / 60.0, perSecond / 1e6);
  }

  void clearRing() {
    std::lock_guard lock(mutex);
    std::error_code ec;
    for (const Segment& s : closed) std::filesystem::remove(file(s.name), ec);
    closed.clear();
    ringKind.reset();
  }
};

Result<std::unique_ptr<LiveRing>> LiveRing::create(const LiveRingOptions& options, std::string url) {
  const std::string where = options.dir.string();
  if (options.keepSeconds <= 0) return Error{where, "the live timeline must keep more than 0 s", ""};
  auto s = std::make_unique<State>();
  s->options = options;
  s->url = std::move(url);
  std::error_code ec;
  if (!std::filesystem::exists(options.dir, ec)) {
    if (!std::filesystem::create_directories(options.dir, ec) || ec)
      return Error{where, "cannot create the live timeline's folder: " + ec.message(), ""};
    s->madeFolder = true;
  } else if (!std::filesystem::is_directory(options.dir, ec)) {
    return Error{where, "the live timeline's folder is not a folder", ""};
  } else if (!std::filesystem::is_empty(options.dir, ec) || ec) {
    return Error{where, "the live timeline's folder holds files already",
                 "it deletes what it writes; give it a folder of its own"};
  }
  State* state = s.get();
  s->thread = std::thread([state] { state->run(); });
  return std::unique_ptr<LiveRing>(new LiveRing(std::move(s)));
}

LiveRing::LiveRing(std::unique_ptr<State> state) : s_(std::move(state)) {}

LiveRing::~LiveRing() {
  {
    std::lock_guard lock(s_->mutex);
    s_->stop = true;
  }
  s_->wake.notify_all();
  if (s_->thread.joinable()) s_->thread.join();
  std::error_code ec;
  for (const Segment& seg : s_->closed) std::filesystem::remove(s_->file(seg.name), ec);
  for (const std::filesystem::path& list : s_->lists) std::filesystem::remove(list, ec);
  if (s_->madeFolder) std::filesystem::remove(s_->options.dir, ec);  // only when empty
}

void LiveRing::push(const AVStream& stream, const AVCodecContext& decoder, const AVPacket& packet,
                    std::int64_t feedOffset, int connection, const AVStream* sound) {
  Item item;
  item.feedOffset = feedOffset;
  std::lock_guard lock(s_->mutex);
  if (s_->off || s_->stop) return;
  if (s_->queue.size() >= kMostQueued) {
    s_->dropped = true;
    if (!s_->slowSaid) {
      log().warn("live: {}: the disk cannot keep up with the feed; the live timeline has gaps", s_->url);
      s_->slowSaid = true;
    }
    return;
  }
  item.packet.reset(av_packet_clone(&packet));
  if (!item.packet) throw std::bad_alloc();
  if (connection != s_->lastConnection) {
    // Not until the decoder knows the picture's size: a segment's header needs it.
    if (decoder.width <= 0 || decoder.height <= 0) return;
    std::shared_ptr<AVCodecParameters> copy = copyOf(*stream.codecpar);
    if (copy->width <= 0 || copy->height <= 0) {
      copy->width = decoder.width;
      copy->height = decoder.height;
    }
    if (copy->format < 0) copy->format = decoder.pix_fmt;
    const AVRational rate = stream.avg_frame_rate.num > 0 ? stream.avg_frame_rate : stream.r_frame_rate;
    item.kind = StreamKind{copy, stream.time_base, rate, nullptr, AVRational{0, 1}};
    if (sound != nullptr) {
      item.kind->sound = copyOf(*sound->codecpar);
      item.kind->soundTimeBase = sound->time_base;
    }
    s_->lastConnection = connection;
  }
  item.gapBefore = s_->dropped;
  s_->dropped = false;
  s_->queue.push_back(std::move(item));
  s_->wake.notify_one();
}

void LiveRing::pushSound(const AVPacket& packet, std::int64_t feedOffset, int connection) {
  Item item;
  item.feedOffset = feedOffset;
  item.sound = true;
  std::lock_guard lock(s_->mutex);
  // Before the first picture of a connection there is no segment to keep it in; a full queue
  // drops it (the pictures say so).
  if (s_->off || s_->stop || connection != s_->lastConnection || s_->queue.size() >= kMostQueued) return;
  item.packet.reset(av_packet_clone(&packet));
  if (!item.packet) throw std::bad_alloc();
  s_->queue.push_back(std::move(item));
  s_->wake.notify_one();
}

std::optional<LiveSpan> LiveRing::kept() {
  std::lock_guard lock(s_->mutex);
  if (s_->closed.empty() || s_->off) return std::nullopt;
  return LiveSpan{s_->closed[s_->firstKept()].start, s_->closed.back().end};
}

std::optional<LiveRecording> LiveRing::recording() {
  std::unique_lock lock(s_->mutex);
  if (s_->closed.empty() || s_->off) return std::nullopt;
  std::string text = "ffconcat version 1.0\n";
  const std::size_t first = s_->firstKept();
  for (std::size_t i = first; i < s_->closed.size(); ++i) {
    const Segment& seg = s_->closed[i];
    const double end = i + 1 < s_->closed.size() ? s_->closed[i + 1].start : seg.end;
    text += fmt::format("file {}\ninpoint {:.6f}\nduration {:.6f}\n", seg.name, seg.start, end - seg.start);
  }
  LiveRecording r;
  r.startSeconds = s_->closed[first].start;
  r.endSeconds = s_->closed.back().end;
  r.list = s_->file(fmt::format("recording-{:06}.ffconcat", s_->nextList++));
  lock.unlock();
  // A fresh name each time, read only after this returns: nothing can see it half written, so
  // no fsync (this runs on the player loop, where a seek asks for it).
  {
    std::ofstream out(r.list, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      log().warn("live: {}: cannot write the list of what is kept", r.list.string());
      return std::nullopt;
    }
  }
  lock.lock();
  s_->lists.push_back(r.list);
  std::error_code ec;
  while (s_->lists.size() > kListsKept) {
    std::filesystem::remove(s_->lists.front(), ec);
    s_->lists.pop_front();
  }
  return r;
}

}  // namespace ps::media
