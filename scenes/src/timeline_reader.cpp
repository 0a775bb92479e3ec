#include "shot_reader.h"

namespace ps::scenes {

void checkInsideTimeline(JsonReader& r, const Timeline& timeline, const std::string& pointer, double t,
                         Severity severity) {
  if (t < timeline.in)
    r.report(pointer, formatNumber(t) + " s is before the timeline's in (" + formatNumber(timeline.in) + " s)", severity);
  else if (timeline.out && t > *timeline.out)
    r.report(pointer, formatNumber(t) + " s is after the timeline's out (" + formatNumber(*timeline.out) + " s)", severity);
}

void readTimeline(JsonReader& r, const Json& doc, Timeline& t) {
  const Json* tl = r.object(doc, "", "timeline", false, "an object with fps, in and out");
  if (!tl) return;
  r.unknownMembers(*tl, "/timeline", {"fps", "in", "out", "chapters"});
  if (const Json* fps = r.member(*tl, "/timeline", "fps", false)) {
    std::optional<Rational> rate;
    if (fps->is_string()) rate = parseRational(fps->get<std::string>());
    else if (fps->is_number_unsigned() && fps->get<std::uint64_t>() > 0 && fps->get<std::uint64_t>() < 1'000'000)
      rate = Rational{static_cast<std::int64_t>(fps->get<std::uint64_t>()), 1};
    if (rate) t.fps = *rate;
    else r.error("/timeline/fps", "expected a frame rate like \"24000/1001\" or 30");
  }
  t.in = r.number(*tl, "/timeline", "in", false, 0, 1e9, "seconds").value_or(0);
  if (auto out = r.number(*tl, "/timeline", "out", false, 0, 1e9, "seconds")) {
    if (*out <= t.in) r.error("/timeline/out", "expected seconds after \"in\" (" + formatNumber(t.in) + " s)");
    else t.out = *out;
  }
  const Json* chapters = r.array(*tl, "/timeline", "chapters", false, "an array of {t, title}");
  if (!chapters) return;
  double previous = -1;
  r.eachObject(*chapters, "/timeline/chapters", "an object {t, title}", [&](const Json& c, const std::string& ptr) {
    r.unknownMembers(c, ptr, {"t", "title"});
    Chapter ch;
    if (auto time = r.number(c, ptr, "t", true, 0, 1e9, "seconds")) {
      ch.t = *time;
      checkInsideTimeline(r, t, ptr + "/t", ch.t);
      if (ch.t <= previous) r.error(ptr + "/t", "chapters must be in time order; this one is not after the one before");
      previous = ch.t;
    }
    ch.title = r.string(c, ptr, "title", true).value_or("");
    t.chapters.push_back(std::move(ch));
  });
}

}  // namespace ps::scenes
