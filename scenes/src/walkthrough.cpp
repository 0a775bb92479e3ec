#include "scenes/walkthrough.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "json_reader.h"
#include "json_text.h"
#include "scenes/atomic_file.h"
#include "scenes/printable.h"
#include "scenes/text_file.h"

namespace ps::scenes {

namespace fs = std::filesystem;

namespace {

constexpr double kMostSeconds = 1e6;
constexpr double kMostMetres = 1000;
constexpr double kUnitTolerance = 1e-3;  // of a quaternion's or a direction's length
constexpr double kTimeSlack = 1e-6;      // seconds: the written precision's rounding
constexpr std::size_t kPoseNumbers = 9;     // t, shot_s, x, y, z, qx, qy, qz, qw
constexpr std::size_t kPointerNumbers = 6;  // ox, oy, oz, dx, dy, dz

constexpr TimelineAction kActions[] = {TimelineAction::Play, TimelineAction::Pause, TimelineAction::Seek,
                                       TimelineAction::Step, TimelineAction::Rate};

std::optional<TimelineAction> actionNamed(const std::string& s) {
  for (TimelineAction a : kActions)
    if (s == toString(a)) return a;
  return std::nullopt;
}

// The number rounded to `step` (10^-digits), written as its shortest text.
std::string rounded(double v, double scale) {
  const double r = std::round(v * scale) / scale;
  return formatNumber(r == 0 ? 0.0 : r);  // never "-0"
}

std::string seconds(double v) { return rounded(v, 1e4); }

// The state after the events at or before t (strictly before with `before`).
TimelineState stateAt(const Walkthrough& w, double t, bool before) {
  TimelineState s;
  double anchor = 0;
  for (const WalkthroughEvent& e : w.events) {
    if (before ? e.t >= t : e.t > t) break;
    switch (e.action) {
      case TimelineAction::Play: s.playing = true; break;
      case TimelineAction::Pause: s.playing = false; break;
      case TimelineAction::Step: s.playing = false; break;  // a step pauses, as the transport's does
      case TimelineAction::Seek: break;
      case TimelineAction::Rate: s.rate = e.rate; break;
    }
    s.shotSeconds = e.shotSeconds;
    anchor = e.t;
  }
  if (s.playing) s.shotSeconds += s.rate * (t - anchor);
  return s;
}

// Events at `t` that leave the state `s`, from the state `was`.
void restore(std::vector<WalkthroughEvent>& out, double t, const TimelineState& s, const TimelineState& was) {
  out.push_back({t, TimelineAction::Seek, s.shotSeconds, 1, 0});
  if (s.rate != was.rate) out.push_back({t, TimelineAction::Rate, s.shotSeconds, s.rate, 0});
  out.push_back({t, s.playing ? TimelineAction::Play : TimelineAction::Pause, s.shotSeconds, 1, 0});
}

Status checkSpan(const Walkthrough& w, double from, double to) {
  const std::string where = "walkthrough " + quote(w.name);
  if (!std::isfinite(from) || !std::isfinite(to)) return Error{where, "--from and --to must be finite seconds", ""};
  if (from >= to) return Error{where, "--from (" + seconds(from) + " s) must be before --to (" + seconds(to) + " s)", ""};
  if (from < 0 || to > w.durationSeconds + kTimeSlack)
    return Error{where, "the span " + seconds(from) + " s to " + seconds(to) + " s is outside the recording (0 s to " +
                            seconds(w.durationSeconds) + " s)", ""};
  return ok();
}

// The segment's end in recording seconds (infinity: the clip's end, unknown here).
double segmentEnd(const VoiceSegment& v) {
  return v.clipToSeconds ? v.atSeconds + (*v.clipToSeconds - v.clipFromSeconds) : std::numeric_limits<double>::infinity();
}

// The part of `v` heard within recording seconds [from, to), moved by `shift`; empty: none.
std::optional<VoiceSegment> voicePart(const VoiceSegment& v, double from, double to, double shift) {
  const double begin = std::max(v.atSeconds, from), end = std::min(segmentEnd(v), to);
  if (end <= begin) return std::nullopt;
  VoiceSegment part = v;
  part.atSeconds = begin + shift;
  part.clipFromSeconds = v.clipFromSeconds + (begin - v.atSeconds);
  if (std::isfinite(end)) part.clipToSeconds = v.clipFromSeconds + (end - v.atSeconds);
  return part;
}

class WalkthroughReader {
 public:
  WalkthroughReader(WalkthroughParse& out, const fs::path& root) : out_(out), r_(out.problems, root) {}

  void read(const std::string& text) {
    Json doc;
    if (!parseJsonText(text, doc, out_.problems)) return;
    if (!doc.is_object()) return r_.error("", "expected a JSON object");
    Walkthrough& w = out_.walkthrough;
    if (auto f = r_.string(doc, "", "format", true); f && *f != kWalkthroughFormat)
      r_.error("/format", std::string("expected \"") + kWalkthroughFormat + "\", found " + quote(*f));
    if (auto n = r_.string(doc, "", "name", true)) {
      w.name = *n;
      if (auto named = checkWalkthroughName(*n); !named) r_.error("/name", named.error().what);
    }
    if (auto d = r_.number(doc, "", "duration_s", true, 0, kMostSeconds, "seconds")) w.durationSeconds = *d;
    if (const Json* s = r_.array(doc, "", "samples", true, "an array of samples")) samples(*s);
    if (const Json* e = r_.array(doc, "", "events", false, "an array of timeline events")) events(*e);
    if (const Json* v = r_.array(doc, "", "voice", false, "an array of voice segments")) voice(*v);
    r_.unknownMembers(doc, "", {"format", "name", "duration_s", "samples", "events", "voice"});
    if (!w.samples.empty() && w.samples.back().t > w.durationSeconds + kTimeSlack)
      r_.error("/duration_s", "the last sample is at " + seconds(w.samples.back().t) + " s, after the duration");
  }

 private:
  void samples(const Json& list) {
    double last = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = child("/samples", i);
      const Json& a = list[i];
      if (!a.is_array() || (a.size() != kPoseNumbers && a.size() != kPoseNumbers + kPointerNumbers)) {
        r_.error(at, "expected [t, shot_s, x, y, z, qx, qy, qz, qw] with, optionally, the pointer's ox, oy, oz, dx, dy, dz");
        continue;
      }
      double n[kPoseNumbers + kPointerNumbers] = {};
      bool numbers = true;
      for (std::size_t k = 0; k < a.size(); ++k) {
        if (!a[k].is_number() || !std::isfinite(a[k].get<double>())) {
          r_.error(child(at, k), "expected a finite number");
          numbers = false;
          continue;
        }
        n[k] = a[k].get<double>();
      }
      if (!numbers) continue;
      WalkthroughSample s;
      s.t = n[0];
      s.shotSeconds = n[1];
      if (s.t < 0 || s.t > kMostSeconds) r_.error(child(at, 0), "the time must be in 0..1e6 seconds");
      if (s.t < last) r_.error(child(at, 0), "the samples go back in time (" + seconds(s.t) + " s after " + seconds(last) + " s)");
      last = std::max(last, s.t);
      if (s.shotSeconds < 0 || s.shotSeconds > kMostSeconds) r_.error(child(at, 1), "the shot time must be in 0..1e6 seconds");
      s.position = glm::vec3(n[2], n[3], n[4]);
      for (int k = 2; k < 5; ++k)
        if (std::abs(n[k]) > kMostMetres) r_.error(child(at, static_cast<std::size_t>(k)), "a position must be within 1000 m");
      const glm::dquat q(n[8], n[5], n[6], n[7]);
      const double norm = glm::length(q);
      if (std::abs(norm - 1) > kUnitTolerance)
        r_.error(child(at, 5), "the orientation (qx, qy, qz, qw) is not a unit quaternion (its length is " + formatNumber(norm) + ")");
      else
        s.orientation = glm::quat(q);  // as written: normalised again, it would not write back the same
      if (a.size() > kPoseNumbers) {
        WalkthroughRay p;
        p.origin = glm::vec3(n[9], n[10], n[11]);
        const glm::dvec3 d(n[12], n[13], n[14]);
        if (std::abs(glm::length(d) - 1) > kUnitTolerance)
          r_.error(child(at, 12), "the pointer's direction (dx, dy, dz) is not a unit vector");
        else
          p.direction = glm::vec3(d);
        s.pointer = p;
      }
      out_.walkthrough.samples.push_back(s);
    }
  }

  void events(const Json& list) {
    double last = 0;
    r_.eachObject(list, "/events", "a timeline event object", [&](const Json& e, const std::string& at) {
      WalkthroughEvent ev;
      if (auto t = r_.number(e, at, "t", true, 0, kMostSeconds, "recording seconds")) {
        ev.t = *t;
        if (ev.t < last) r_.error(child(at, "t"), "the events go back in time (" + seconds(ev.t) + " s after " + seconds(last) + " s)");
        if (ev.t > out_.walkthrough.durationSeconds + kTimeSlack) r_.error(child(at, "t"), "after the recording's duration");
        last = std::max(last, ev.t);
      }
      if (auto s = r_.number(e, at, "shot_s", true, 0, kMostSeconds, "shot seconds")) ev.shotSeconds = *s;
      if (auto a = r_.string(e, at, "action", true)) {
        if (auto named = actionNamed(*a)) ev.action = *named;
        else r_.error(child(at, "action"), "expected play, pause, seek, step or rate, found " + quote(*a));
      }
      if (ev.action == TimelineAction::Rate)
        if (auto rate = r_.number(e, at, "rate", true, 0.25, 2.0, "a speed factor in 0.25..2")) ev.rate = *rate;
      if (ev.action == TimelineAction::Step)
        if (auto f = r_.number(e, at, "frames", true, -1e6, 1e6, "a whole number of frames")) {
          if (*f == 0 || *f != std::floor(*f)) r_.error(child(at, "frames"), "expected a whole number of frames other than 0");
          ev.frames = static_cast<int>(*f);
        }
      r_.unknownMembers(e, at, {"t", "action", "shot_s", "rate", "frames"});
      out_.walkthrough.events.push_back(ev);
    });
  }

  void voice(const Json& list) {
    r_.eachObject(list, "/voice", "a voice segment object", [&](const Json& v, const std::string& at) {
      VoiceSegment s;
      s.path = r_.file(v, at, "src", true, &s.src);
      if (auto a = r_.number(v, at, "at_s", true, 0, kMostSeconds, "recording seconds")) s.atSeconds = *a;
      if (auto f = r_.number(v, at, "clip_from_s", false, 0, kMostSeconds, "clip seconds")) s.clipFromSeconds = *f;
      if (auto t = r_.number(v, at, "clip_to_s", false, 0, kMostSeconds, "clip seconds")) {
        if (*t <= s.clipFromSeconds) r_.error(child(at, "clip_to_s"), "must be after clip_from_s");
        s.clipToSeconds = *t;
      }
      r_.unknownMembers(v, at, {"src", "at_s", "clip_from_s", "clip_to_s"});
      out_.walkthrough.voice.push_back(std::move(s));
    });
  }

  WalkthroughParse& out_;
  JsonReader r_;
};

}  // namespace

const char* toString(TimelineAction a) {
  switch (a) {
    case TimelineAction::Play: return "play";
    case TimelineAction::Pause: return "pause";
    case TimelineAction::Seek: return "seek";
    case TimelineAction::Step: return "step";
    case TimelineAction::Rate: return "rate";
  }
  return "?";
}

TimelineState timelineStateAt(const Walkthrough& w, double t) { return stateAt(w, t, false); }

std::optional<WalkthroughSample> sampleAt(const Walkthrough& w, double t) {
  const auto& s = w.samples;
  if (s.empty()) return std::nullopt;
  const auto after = std::upper_bound(s.begin(), s.end(), t, [](double v, const WalkthroughSample& x) { return v < x.t; });
  if (after == s.begin()) return s.front();
  if (after == s.end()) return s.back();
  const WalkthroughSample& a = *(after - 1);
  const WalkthroughSample& b = *after;
  const double span = b.t - a.t;
  const float f = span > 0 ? static_cast<float>((t - a.t) / span) : 0.0f;
  WalkthroughSample out = f < 0.5f ? a : b;  // the pointer of the nearer one
  out.t = t;
  out.shotSeconds = a.shotSeconds + (b.shotSeconds - a.shotSeconds) * static_cast<double>(f);
  out.position = a.position + (b.position - a.position) * f;
  out.orientation = glm::slerp(a.orientation, b.orientation, f);
  return out;
}

std::optional<VoicePlace> voiceAt(const Walkthrough& w, double t, const std::vector<double>& clipLengths) {
  for (std::size_t i = 0; i < w.voice.size(); ++i) {
    const VoiceSegment& s = w.voice[i];
    const double into = t - s.atSeconds;
    if (into < 0) continue;
    const double length = i < clipLengths.size() ? clipLengths[i] : std::numeric_limits<double>::infinity();
    const double clip = s.clipFromSeconds + into;
    if (clip < std::min(s.clipToSeconds.value_or(length), length)) return VoicePlace{i, clip};
  }
  return std::nullopt;
}

Status checkWalkthroughName(const std::string& name) {
  const bool allowed = !name.empty() && name.size() <= 64 && name.front() != '-' &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                       });
  if (!allowed)
    return Error{"walkthrough name " + quote(name), "a name is 1 to 64 letters, digits, '_' or '-', not starting with '-'",
                 "it names a file in the shot package's walkthroughs/ folder"};
  return ok();
}

fs::path walkthroughFile(const fs::path& packageRoot, const std::string& name) {
  return packageRoot / kWalkthroughFolder / (name + ".json");
}

Status checkNewWalkthrough(const fs::path& packageRoot, const std::string& name) {
  if (auto named = checkWalkthroughName(name); !named) return named.error();
  const fs::path file = walkthroughFile(packageRoot, name);
  std::error_code ec;
  if (fs::exists(file, ec))
    return Error{file.string(), "this shot already has a walkthrough named " + quote(name),
                 "record under another name, or remove it first; walkthrough trim and cut edit it"};
  return ok();
}

WalkthroughParse parseWalkthrough(const std::string& text, const fs::path& packageRoot) {
  WalkthroughParse out;
  WalkthroughReader(out, packageRoot).read(text);
  return out;
}

Result<Walkthrough> readWalkthrough(const fs::path& packageRoot, const std::string& name) {
  if (auto named = checkWalkthroughName(name); !named) return named.error();
  const fs::path file = walkthroughFile(packageRoot, name);
  std::error_code ec;
  if (!fs::exists(file, ec))
    return Error{file.string(), "no walkthrough named " + quote(name) + " in this shot",
                 "perfectshot walkthrough list shows the recorded ones"};
  auto text = readTextFile(file, kMaxWalkthroughBytes);
  if (!text) return text.error();
  WalkthroughParse parse = parseWalkthrough(*text, packageRoot);
  for (const Problem& p : parse.problems)
    if (p.severity == Severity::Error) return Error{diagnosticPlace(file.string(), p.pointer), p.message, ""};
  return std::move(parse.walkthrough);
}

std::vector<std::string> walkthroughNames(const fs::path& packageRoot) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(packageRoot / kWalkthroughFolder, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) names.push_back(it->path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string walkthroughJson(const Walkthrough& w) {
  std::string out = "{\n  \"format\": \"" + std::string(kWalkthroughFormat) + "\",\n";
  out += "  \"name\": " + Json(w.name).dump() + ",\n";
  out += "  \"duration_s\": " + seconds(w.durationSeconds) + ",\n";
  out += "  \"voice\": [";
  for (std::size_t i = 0; i < w.voice.size(); ++i) {
    const VoiceSegment& v = w.voice[i];
    out += i == 0 ? "\n" : ",\n";
    // Exact: a few numbers, and a clip's ends rounded alike could meet.
    out += "    {\"src\": " + Json(v.src).dump() + ", \"at_s\": " + formatNumber(v.atSeconds) +
           ", \"clip_from_s\": " + formatNumber(v.clipFromSeconds);
    if (v.clipToSeconds) out += ", \"clip_to_s\": " + formatNumber(*v.clipToSeconds);
    out += "}";
  }
  out += w.voice.empty() ? "],\n" : "\n  ],\n";
  out += "  \"events\": [";
  for (std::size_t i = 0; i < w.events.size(); ++i) {
    const WalkthroughEvent& e = w.events[i];
    out += i == 0 ? "\n" : ",\n";
    out += "    {\"t\": " + seconds(e.t) + ", \"action\": \"" + toString(e.action) + "\", \"shot_s\": " + seconds(e.shotSeconds);
    if (e.action == TimelineAction::Rate) out += ", \"rate\": " + rounded(e.rate, 1e6);
    if (e.action == TimelineAction::Step) out += ", \"frames\": " + std::to_string(e.frames);
    out += "}";
  }
  out += w.events.empty() ? "],\n" : "\n  ],\n";
  out += "  \"samples\": [";
  for (std::size_t i = 0; i < w.samples.size(); ++i) {
    const WalkthroughSample& s = w.samples[i];
    const glm::quat& q = s.orientation;
    out += i == 0 ? "\n    [" : ",\n    [";
    out += seconds(s.t) + "," + seconds(s.shotSeconds);
    for (int k = 0; k < 3; ++k) out += "," + rounded(s.position[k], 1e4);
    for (float c : {q.x, q.y, q.z, q.w}) out += "," + rounded(c, 1e6);
    if (s.pointer) {
      for (int k = 0; k < 3; ++k) out += "," + rounded(s.pointer->origin[k], 1e4);
      for (int k = 0; k < 3; ++k) out += "," + rounded(s.pointer->direction[k], 1e6);
    }
    out += "]";
  }
  out += w.samples.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Status writeWalkthrough(const fs::path& packageRoot, const Walkthrough& w) {
  if (auto named = checkWalkthroughName(w.name); !named) return named.error();
  const fs::path file = walkthroughFile(packageRoot, w.name);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return Error{file.parent_path().string(), "cannot make the walkthroughs folder: " + ec.message(), ""};
  return writeFileAtomically(file, walkthroughJson(w));
}

Result<Walkthrough> trimWalkthrough(const Walkthrough& w, double from, double to) {
  if (auto span = checkSpan(w, from, to); !span) return span.error();
  Walkthrough out;
  out.name = w.name;
  out.durationSeconds = to - from;
  for (const WalkthroughSample& s : w.samples)
    if (s.t >= from - kTimeSlack && s.t <= to + kTimeSlack) {
      out.samples.push_back(s);
      out.samples.back().t = std::max(0.0, s.t - from);
    }
  restore(out.events, 0, timelineStateAt(w, from), TimelineState{});
  for (const WalkthroughEvent& e : w.events)
    if (e.t > from && e.t <= to) {
      out.events.push_back(e);
      out.events.back().t = e.t - from;
    }
  for (const VoiceSegment& v : w.voice)
    if (auto part = voicePart(v, from, to, -from)) out.voice.push_back(*part);
  return out;
}

Result<Walkthrough> cutWalkthrough(const Walkthrough& w, double from, double to) {
  if (auto span = checkSpan(w, from, to); !span) return span.error();
  if (from <= kTimeSlack && to >= w.durationSeconds - kTimeSlack)
    return Error{"walkthrough " + quote(w.name), "cutting all of it would leave nothing", ""};
  const double gap = to - from;
  Walkthrough out;
  out.name = w.name;
  out.durationSeconds = w.durationSeconds - gap;
  for (const WalkthroughSample& s : w.samples)
    if (s.t < from || s.t >= to) {
      out.samples.push_back(s);
      if (s.t >= to) out.samples.back().t = s.t - gap;
    }
  for (const WalkthroughEvent& e : w.events)
    if (e.t < from) out.events.push_back(e);
  restore(out.events, from, stateAt(w, to, /*before=*/true), stateAt(w, from, /*before=*/true));
  for (const WalkthroughEvent& e : w.events)
    if (e.t >= to) {
      out.events.push_back(e);
      out.events.back().t = e.t - gap;
    }
  for (const VoiceSegment& v : w.voice) {
    if (auto before = voicePart(v, 0, from, 0)) out.voice.push_back(*before);
    if (auto after = voicePart(v, to, std::numeric_limits<double>::infinity(), -gap)) out.voice.push_back(*after);
  }
  return out;
}

}  // namespace ps::scenes
