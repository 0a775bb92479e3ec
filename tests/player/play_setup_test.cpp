// How `perfectshot play` sets up the loop, without the binary: the offscreen tour of a shot
// and the loop's options on each kind of display.
#include <gtest/gtest.h>

#include "loop_harness.h"
#include "player/play_setup.h"
#include "player/still_scene.h"

namespace ps::test {
namespace {

std::unique_ptr<player::ShotPlayback> openLoopShot() {
  auto shot = player::openShotPlayback(kLoopShot, "", /*withAudio=*/false);
  EXPECT_TRUE(shot) << shot.error().message();
  return shot ? std::move(*shot) : nullptr;
}

TEST(PlaySetup, TheOffscreenTourStepsEveryFrameTurnsOnceAroundAndReadsBackEverySoOften) {
  auto playback = openLoopShot();
  ASSERT_TRUE(playback);
  const xr::OffscreenDisplayOptions off = player::offscreenTour(*playback, {64, 32, 90, 60, 0.5});
  EXPECT_EQ(off.width, 64u);
  EXPECT_EQ(off.height, 32u);
  EXPECT_EQ(off.eyes, 1) << "a mono plate";
  EXPECT_NEAR(off.step, kFrameSeconds, 1e-9);
  ASSERT_TRUE(off.readBack);
  EXPECT_TRUE(off.readBack(0));
  EXPECT_FALSE(off.readBack(1));
  EXPECT_TRUE(off.readBack(15)) << "every half second of a 30 fps shot";
  ASSERT_TRUE(off.view);
  // The shot is 2 s: half way through, the head has turned half around, from ahead to behind.
  const glm::vec3 start = off.view(0, 0.0).orientation * glm::vec3(0, 0, -1);
  const glm::vec3 half = off.view(30, 1.0).orientation * glm::vec3(0, 0, -1);
  EXPECT_NEAR(start.z, -1, 1e-4) << "looking ahead at the start";
  EXPECT_NEAR(half.z, 1, 1e-4) << "looking back half way";
}

TEST(PlaySetup, EachDisplayGetsWhatItCanUse) {
  auto playback = openLoopShot();
  ASSERT_TRUE(playback);
  const player::PlayChoices defaults;

  const player::PlayerLoopOptions offscreen = player::playOptions(*playback, {}, /*offscreen=*/true, defaults);
  EXPECT_FALSE(offscreen.loop) << "offscreen plays the shot once";
  EXPECT_GT(offscreen.decodeWait.count(), 0) << "and waits for every frame";
  EXPECT_FALSE(offscreen.timeline);
  EXPECT_FALSE(offscreen.editor) << "no mouse and keys";
  EXPECT_TRUE(offscreen.overlay) << "the shot has a marker";

  xr::DisplayCapabilities window;
  window.pointer = window.keyboard = window.mouseLook = true;
  const player::PlayerLoopOptions inWindow = player::playOptions(*playback, window, false, defaults);
  EXPECT_TRUE(inWindow.loop);
  EXPECT_TRUE(inWindow.timeline);
  EXPECT_FALSE(inWindow.gazeDwell);
  ASSERT_TRUE(inWindow.editor) << "E turns it on";
  EXPECT_FALSE(inWindow.editor->startActive);

  xr::DisplayCapabilities headset;
  headset.headTracked = headset.worldPanels = true;
  const player::PlayerLoopOptions inHeadset = player::playOptions(*playback, headset, false, defaults);
  EXPECT_TRUE(inHeadset.gazeDwell);
  EXPECT_FALSE(inHeadset.editor) << "no keys to edit with unless asked";
  player::PlayChoices edit;
  edit.edit = true;
  const player::PlayerLoopOptions editing = player::playOptions(*playback, headset, false, edit);
  ASSERT_TRUE(editing.editor);
  EXPECT_TRUE(editing.editor->startActive);

  player::PlayChoices clean;
  clean.overlay = false;
  clean.timeline = false;
  clean.scripted = true;
  clean.maxFrames = 9;
  const player::PlayerLoopOptions plain = player::playOptions(*playback, window, false, clean);
  EXPECT_FALSE(plain.overlay);
  EXPECT_FALSE(plain.editor) << "a clean picture: no editor unless asked for";
  EXPECT_FALSE(plain.timeline);
  EXPECT_FALSE(plain.autoplay) << "a script's keys land on known frames";
  EXPECT_EQ(plain.maxFrames, 9u);
}

TEST(StillScene, TheMarkerIsDrawnOverThePlate) {
  auto device = engine::Device::create();
  ASSERT_TRUE(device) << device.error().message();
  auto video = media::VideoSource::open(kLoopShot + "/plate.mp4");
  ASSERT_TRUE(video) << video.error().message();
  auto frame = video->frameAt(0.5, media::SeekIntent::Still);
  ASSERT_TRUE(frame) << frame.error().message();
  const FrameView plate = frame->view();
  engine::StillRequest request;
  request.view = lookAt(30, -5);
  request.width = 96;
  request.height = 64;

  player::StillScene bare;
  bare.plate = &plate;
  auto without = player::renderStillScene(*device, std::move(bare), request);
  ASSERT_TRUE(without) << without.error().message();

  player::ViewOverlayOptions o;
  auto shot = scenes::loadShot(kLoopShot);
  ASSERT_TRUE(shot) << shot.error().message();
  o.markers = shot->markers;
  player::ViewOverlay overlay(o);
  player::StillScene marked;
  marked.plate = &plate;
  marked.overlay = &overlay;
  marked.shotSeconds = 0.5;
  auto with = player::renderStillScene(*device, std::move(marked), request);
  ASSERT_TRUE(with) << with.error().message();
  EXPECT_GT(differingPixels(*without, *with), 20);
  EXPECT_EQ(device->validationMessageCount(), 0u);
}

}  // namespace
}  // namespace ps::test
