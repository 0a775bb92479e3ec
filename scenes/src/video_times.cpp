#include "scenes/video_times.h"

#include "json_text.h"
#include "scenes/printable.h"

namespace ps::scenes {

namespace {

std::string seconds(double s) { return formatNumber(s) + " s"; }

bool placed(const MediaRef* m) { return m != nullptr && (m->startSeconds != 0 || m->offsetSeconds != 0); }

// The video's end on shot time.
double endOnShot(VideoLength video, const MediaRef* m) {
  return placed(m) ? m->startSeconds + video.seconds - m->offsetSeconds : video.seconds;
}

std::string videoEnd(const std::string& src, VideoLength video, const MediaRef* m) {
  std::string s = "the end of " + quote(src) + " (" + seconds(video.seconds);
  if (placed(m))
    s += " long; on shot time at " + seconds(endOnShot(video, m)) + ", from its start " + seconds(m->startSeconds) +
         " and offset " + seconds(m->offsetSeconds);
  return s + ")";
}

}  // namespace

std::vector<Problem> checkTimelineAgainstVideo(const Shot& shot, const std::string& src, VideoLength video,
                                               const MediaRef* medium) {
  std::vector<Problem> out;
  if (video.seconds <= 0) return out;
  const Timeline& t = shot.timeline;
  const double end = endOnShot(video, medium);
  if (t.in >= end)
    out.push_back({"/timeline/in", "the timeline's in (" + seconds(t.in) + ") is not before " + videoEnd(src, video, medium)});
  if (t.out && *t.out > end + video.frameSeconds)
    out.push_back({"/timeline/out", "the timeline's out (" + seconds(*t.out) + ") is after " + videoEnd(src, video, medium)});
  return out;
}

std::vector<Problem> checkTimesAgainstVideo(const Shot& shot, const std::string& src, VideoLength video,
                                            const MediaRef* medium) {
  std::vector<Problem> out;
  if (medium != nullptr && video.seconds > 0 && medium->offsetSeconds >= video.seconds) {
    // Nothing of the video would ever show; the times below would only repeat it.
    out.push_back({medium->pointer + "/offset", "the offset (" + seconds(medium->offsetSeconds) +
                                                    ") is not before the end of " + quote(src) + " (" +
                                                    seconds(video.seconds) + "); the video would never show"});
    return out;
  }
  out = checkTimelineAgainstVideo(shot, src, video, medium);
  if (video.seconds <= 0 || shot.timeline.out) return out;
  const double end = endOnShot(video, medium) + video.frameSeconds;
  const auto check = [&](const std::string& pointer, const std::string& what, double t) {
    if (t > end)
      out.push_back({pointer, what + " at " + seconds(t) + ", after " + videoEnd(src, video, medium) +
                                  "; without a timeline out the shot ends with its video"});
  };
  // Pointers by position: a shot whose lists hold anything but objects has errors already.
  for (std::size_t i = 0; i < shot.markers.size(); ++i) {
    const Marker& m = shot.markers[i];
    const std::string at = "/markers/" + std::to_string(i);
    check(at + "/t_in", "marker " + quote(m.id) + " starts", m.tIn);
    check(at + "/t_out", "marker " + quote(m.id) + " ends", m.tOut);
  }
  for (std::size_t i = 0; i < shot.timeline.chapters.size(); ++i)
    check("/timeline/chapters/" + std::to_string(i) + "/t",
          "chapter " + quote(shot.timeline.chapters[i].title) + " starts", shot.timeline.chapters[i].t);
  if (shot.camera)
    for (std::size_t i = 0; i < shot.camera->track.size(); ++i)
      check("/camera/track/" + std::to_string(i) + "/t", "the camera keyframe", shot.camera->track[i].t);
  return out;
}

}  // namespace ps::scenes
