#include "scenes/video_times.h"

#include "json_text.h"
#include "scenes/printable.h"

namespace ps::scenes {

namespace {

std::string seconds(double s) { return formatNumber(s) + " s"; }

std::string videoEnd(const std::string& src, VideoLength video) {
  return "the end of " + quote(src) + " (" + seconds(video.seconds) + ")";
}

}  // namespace

std::vector<Problem> checkTimelineAgainstVideo(const Shot& shot, const std::string& src, VideoLength video) {
  std::vector<Problem> out;
  if (video.seconds <= 0) return out;
  const Timeline& t = shot.timeline;
  if (t.in >= video.seconds)
    out.push_back({"/timeline/in", "the timeline's in (" + seconds(t.in) + ") is not before " + videoEnd(src, video)});
  if (t.out && *t.out > video.seconds + video.frameSeconds)
    out.push_back({"/timeline/out", "the timeline's out (" + seconds(*t.out) + ") is after " + videoEnd(src, video)});
  return out;
}

std::vector<Problem> checkTimesAgainstVideo(const Shot& shot, const std::string& src, VideoLength video) {
  std::vector<Problem> out = checkTimelineAgainstVideo(shot, src, video);
  if (video.seconds <= 0 || shot.timeline.out) return out;
  const double end = video.seconds + video.frameSeconds;
  const auto check = [&](const std::string& pointer, const std::string& what, double t) {
    if (t > end)
      out.push_back({pointer, what + " at " + seconds(t) + ", after " + videoEnd(src, video) +
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
