// The headset menu's logic without a headset: its entries, the thumbstick's highlight, a
// retime by frames and what stays selected after a delete or an undo.
#include <gtest/gtest.h>

#include <cmath>

#include "ui/headset_marker_menu.h"

namespace ps::ui {
namespace {

TEST(HeadsetMarkerMenu, OffersThePresetsTypingRecordingDeleteUndoAndCloseWithAMarkerSelected) {
  const std::vector<MenuEntry> e = headsetMenuEntries(true, true);
  ASSERT_EQ(e.size(), kMarkerTitlePresets.size() + 5);
  for (std::size_t i = 0; i < kMarkerTitlePresets.size(); ++i) {
    EXPECT_EQ(e[i].kind, MenuEntryKind::Title);
    EXPECT_EQ(e[i].label, kMarkerTitlePresets[i]);
  }
  EXPECT_EQ(e[kMarkerTitlePresets.size()].kind, MenuEntryKind::TypeTitle);
  EXPECT_EQ(e[kMarkerTitlePresets.size() + 1].kind, MenuEntryKind::RecordVoice);
  EXPECT_EQ(e[kMarkerTitlePresets.size() + 2].kind, MenuEntryKind::Delete);
  EXPECT_EQ(e[kMarkerTitlePresets.size() + 3].kind, MenuEntryKind::Undo);
  EXPECT_EQ(e.back().kind, MenuEntryKind::Close);
  EXPECT_EQ(headsetMenuEntries(true, false).size(), kMarkerTitlePresets.size() + 4) << "nothing to undo: no Undo";
}

TEST(HeadsetMarkerMenu, WhileRecordingOnlyStopIsOffered) {
  const std::vector<MenuEntry> e = headsetMenuEntries(true, true, true);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, MenuEntryKind::StopRecording);
}

TEST(HeadsetMarkerMenu, WithoutAMarkerOnlyUndoAndCloseAreLeft) {
  const std::vector<MenuEntry> e = headsetMenuEntries(false, true);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, MenuEntryKind::Undo);
  EXPECT_EQ(e[1].kind, MenuEntryKind::Close);
  ASSERT_EQ(headsetMenuEntries(false, false).size(), 1u);
}

TEST(HeadsetMarkerMenu, TheHighlightCyclesAndWrapsBothWays) {
  EXPECT_EQ(cycledIndex(0, 1, 5), 1u);
  EXPECT_EQ(cycledIndex(4, 1, 5), 0u) << "past the last: the first";
  EXPECT_EQ(cycledIndex(0, -1, 5), 4u) << "before the first: the last";
  EXPECT_EQ(cycledIndex(2, -7, 5), 0u);
  EXPECT_EQ(cycledIndex(2, 13, 5), 0u);
  EXPECT_EQ(cycledIndex(9, 0, 5), 4u) << "an index past a list that shrank stays inside it";
  EXPECT_EQ(cycledIndex(3, 1, 0), 0u);
}

TEST(HeadsetMarkerMenu, OpensOnTheMarkersPresetElseTheFirstEntry) {
  const std::vector<MenuEntry> e = headsetMenuEntries(true, false);
  EXPECT_EQ(initialHighlight(e, "Light"), 2u);
  EXPECT_EQ(initialHighlight(e, "New marker"), 0u);
  EXPECT_EQ(initialHighlight(e, "Close"), 0u) << "only titles are matched";
}

TEST(HeadsetMarkerMenu, RetimeSnapsToFramesAndMovesBothEnds) {
  const Rational fps{30, 1};
  TimeSpan s = retimedByFrames({0.2, 5.2}, 1, fps, 0);
  EXPECT_DOUBLE_EQ(s.tIn, 7.0 / 30) << "0.2 s is frame 6; one later is 7";
  EXPECT_DOUBLE_EQ(s.tOut, 157.0 / 30);
  s = retimedByFrames({0.21, 5.0}, 0, fps, 0);
  EXPECT_DOUBLE_EQ(s.tIn, 6.0 / 30) << "0.21 s snaps to frame 6";
  EXPECT_DOUBLE_EQ(s.tOut, 150.0 / 30);
  s = retimedByFrames({1.0, 2.0}, -3, fps, 0);
  EXPECT_DOUBLE_EQ(s.tIn, 27.0 / 30);
  EXPECT_DOUBLE_EQ(s.tOut, 57.0 / 30);
  // Many nudges stay on the grid: frame numbers are moved, not seconds.
  TimeSpan walk{0.5, 1.5};
  for (int i = 0; i < 100; ++i) walk = retimedByFrames(walk, 1, {24000, 1001}, 0);
  EXPECT_DOUBLE_EQ(walk.tIn, 112.0 * 1001 / 24000);
}

TEST(HeadsetMarkerMenu, RetimeStopsAtTheTimelinesInAndOut) {
  const Rational fps{30, 1};
  TimeSpan s = retimedByFrames({0.1, 1.1}, -10, fps, 0);
  EXPECT_DOUBLE_EQ(s.tIn, 0.0);
  EXPECT_DOUBLE_EQ(s.tOut, 30.0 / 30) << "the duration is kept";
  s = retimedByFrames({2.0, 3.0}, -100, fps, 1.01);
  EXPECT_DOUBLE_EQ(s.tIn, 31.0 / 30) << "the in snapped up to a frame";
  EXPECT_DOUBLE_EQ(s.tOut, 61.0 / 30);
  s = retimedByFrames({1.0, 1.0}, 1, fps, 0);
  EXPECT_NEAR(s.tOut - s.tIn, 1.0 / 30, 1e-12) << "an empty window becomes a frame long";
  s = retimedByFrames({1.0, 1.9}, 10, fps, 0, 2.0);
  EXPECT_DOUBLE_EQ(s.tOut, 2.0) << "stops at the timeline's out";
  EXPECT_DOUBLE_EQ(s.tIn, 33.0 / 30);
  s = retimedByFrames({0.5, 2.0}, 1, fps, 0, 2.0);
  EXPECT_EQ(s, (TimeSpan{0.5, 2.0})) << "ends at the out already: stays";
  s = retimedByFrames({0.0, 5.0}, -1, fps, 0, 2.0);
  EXPECT_DOUBLE_EQ(s.tIn, 0.0) << "longer than the timeline: kept at the in";
  s = retimedByFrames({1.0, 2.0}, 1, Rational{0, 1}, 0);
  EXPECT_EQ(s, (TimeSpan{1.0, 2.0})) << "no frame rate: unchanged";
}

TEST(HeadsetMarkerMenu, SelectionAfterDeleteAndUndo) {
  const std::vector<std::string> ab{"a", "b"}, b{"b"}, abc{"a", "b", "c"};
  EXPECT_EQ(selectionAfterChange(std::string("a"), ab, b), std::nullopt) << "deleted: none";
  EXPECT_EQ(selectionAfterChange(std::nullopt, b, ab), "a") << "an undone delete: the one that came back";
  EXPECT_EQ(selectionAfterChange(std::string("b"), ab, ab), "b") << "a rename undone: it stays";
  EXPECT_EQ(selectionAfterChange(std::string("c"), abc, ab), std::nullopt) << "a placement undone: none";
  EXPECT_EQ(selectionAfterChange(std::nullopt, std::vector<std::string>{}, ab), std::nullopt)
      << "two came back: neither is the obvious one";
  EXPECT_EQ(selectionAfterChange(std::string("b"), b, ab), "b") << "the selected one stays over one that came back";
}

}  // namespace
}  // namespace ps::ui
