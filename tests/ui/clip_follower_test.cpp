// The film clip that follows the playhead: what it shows for a clip time is the frame an
// independent exact decode gives for that time, playing forward, jumping back, and nothing
// outside the clip.
#include <gtest/gtest.h>

#include <chrono>

#include "media/video_source.h"
#include "ui/clip_follower.h"
#include "ui/thumbnail.h"

namespace ps::ui {
namespace {

using namespace std::chrono_literals;

const std::string kFilm = PS_SOURCE_DIR "/scenes/demo/film.mp4";  // 478x200, 24 fps, 10 s

// The reference: the clip's own frame for t, decoded on its own and scaled the same way.
Thumbnail reference(double t, std::uint32_t w, std::uint32_t h) {
  auto source = media::VideoSource::open(kFilm);
  EXPECT_TRUE(source.ok());
  auto frame = source->frameAt(t);
  EXPECT_TRUE(frame.ok());
  return makeThumbnail(frame->view(), w, h);
}

TEST(ClipFollower, ShowsTheClipsFrameForEachTimeForwardAndBack) {
  auto clip = ClipFollower::open(kFilm, {}, 240);
  ASSERT_TRUE(clip.ok()) << clip.error().message();
  ClipFollower& f = **clip;
  EXPECT_NEAR(f.durationSeconds(), 10.0, 0.05);
  // Forward as playback asks (every 1/30 s), then a jump back.
  for (double t : {0.0, 1.0 / 30, 2.0 / 30, 3.0 / 30, 4.0, 4.0 + 1.0 / 30, 1.5}) {
    auto shown = f.wait(t, 10s);
    ASSERT_TRUE(shown) << "t " << t;
    EXPECT_EQ(shown->frame, static_cast<std::int64_t>(t * 24 + 1e-6)) << "t " << t;
    const Thumbnail expected = reference(t, shown->width, shown->height);
    EXPECT_EQ(shown->rgba, expected.rgba) << "t " << t;
    EXPECT_EQ(f.latest(), shown);
  }
  // Before the clip starts and after it ends: nothing in the frame.
  EXPECT_EQ(f.wait(-0.5, 1s), nullptr);
  EXPECT_EQ(f.latest(), nullptr);
  EXPECT_EQ(f.wait(10.5, 1s), nullptr);
  EXPECT_EQ(f.latest(), nullptr);
  EXPECT_NE(f.wait(2.0, 10s), nullptr);
}

// The clip as a track of the transport: placed on shot time by its start and offset, and
// nothing before it starts or after its end (its duration, set by open()).
TEST(ClipFollower, FollowsShotTimeThroughItsTiming) {
  auto clip = ClipFollower::open(kFilm, media::TrackTiming{.startSeconds = 5.0, .offsetSeconds = 1.0, .rate = 1.0, .mediaEndSeconds = std::nullopt}, 240);
  ASSERT_TRUE(clip.ok()) << clip.error().message();
  ClipFollower& f = **clip;
  ASSERT_TRUE(f.timing().mediaEndSeconds.has_value());
  EXPECT_NEAR(*f.timing().mediaEndSeconds, f.durationSeconds(), 1e-9);
  EXPECT_EQ(f.followAndWait(4.9, 1s), nullptr) << "before its start";
  auto shown = f.followAndWait(7.0, 10s);  // clip time 3 s
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->frame, 3 * 24);
  EXPECT_EQ(f.followAndWait(5.0 + f.durationSeconds() - 1.0 + 0.1, 1s), nullptr) << "after its end";
}

}  // namespace
}  // namespace ps::ui
