// The app's input router with made-up input, no display and no binary: handlers run in the
// order added, a press one of them takes is gone for the later ones, and the others still run.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "player/input_router.h"

namespace ps::player {
namespace {

TEST(InputRouter, APressTakenEarlierIsNotSeenLater) {
  InputRouter router;
  std::vector<std::string> seen;
  router.add("timeline", [&](Commands& in) {
    seen.push_back(std::string("timeline:") + (in.select ? "select" : "-"));
    return in.select ? Taken::Select : Taken::None;
  });
  router.add("commands", [&](Commands& in) {
    seen.push_back(std::string("commands:") + (in.select ? "select" : "-"));
    return Taken::None;
  });
  Commands in;
  in.select = true;
  EXPECT_EQ(router.route(in), "timeline");
  EXPECT_FALSE(in.select);
  EXPECT_EQ(seen, (std::vector<std::string>{"timeline:select", "commands:-"}));
}

TEST(InputRouter, AnUntakenPressReachesTheLastHandler) {
  InputRouter router;
  int commandsSawSelect = 0;
  router.add("timeline", [](Commands&) { return Taken::None; });
  router.add("editor", [](Commands&) { return Taken::None; });
  router.add("commands", [&](Commands& in) {
    commandsSawSelect += in.select ? 1 : 0;
    return Taken::None;
  });
  Commands in;
  in.select = true;
  EXPECT_EQ(router.route(in), "");
  EXPECT_EQ(commandsSawSelect, 1);
  EXPECT_TRUE(in.select);
}

TEST(InputRouter, TheFirstOfTwoClaimantsTakesThePress) {
  InputRouter router;
  int selectionSaw = 0;
  router.add("editor", [](Commands& in) { return in.select ? Taken::Select : Taken::None; });
  router.add("selection", [&](Commands& in) {
    selectionSaw += in.select ? 1 : 0;
    return in.select ? Taken::Select : Taken::None;
  });
  Commands in;
  in.select = true;
  EXPECT_EQ(router.route(in), "editor");
  EXPECT_EQ(selectionSaw, 0);

  // Added in the other order, the other one wins: the order is the priority.
  InputRouter reversed;
  int editorSaw = 0;
  reversed.add("selection", [](Commands& in2) { return in2.select ? Taken::Select : Taken::None; });
  reversed.add("editor", [&](Commands& in2) {
    editorSaw += in2.select ? 1 : 0;
    return Taken::None;
  });
  Commands again;
  again.select = true;
  EXPECT_EQ(reversed.route(again), "selection");
  EXPECT_EQ(editorSaw, 0);
}

TEST(InputRouter, PointerPressesAndClicksAreTakenSeparately) {
  InputRouter router;
  Commands seenByLast;
  router.add("panel", [](Commands&) { return Taken::PointerPressed; });
  router.add("picker", [](Commands& in) { return in.viewClicked ? Taken::ViewClicked : Taken::None; });
  router.add("last", [&](Commands& in) {
    seenByLast = in;
    return Taken::None;
  });
  Commands in;
  in.select = true;
  in.pointerPressed = glm::vec2{10, 700};
  in.viewClicked = glm::vec2{300, 200};
  in.stepFrames = 2;
  EXPECT_EQ(router.route(in), "");  // nobody took select
  EXPECT_TRUE(seenByLast.select);
  EXPECT_FALSE(seenByLast.pointerPressed);
  EXPECT_FALSE(seenByLast.viewClicked);
  EXPECT_EQ(seenByLast.stepFrames, 2);  // commands that are no press pass untouched
}

TEST(InputRouter, AHandlerMayChangeTheInputForThoseAfterIt) {
  InputRouter router;
  // An editor holding the keyboard: typed keys are its, not the player's.
  router.add("editor", [](Commands& in) {
    in.togglePlay = false;
    in.stepFrames = 0;
    return Taken::None;
  });
  bool commandsToggled = true;
  router.add("commands", [&](Commands& in) {
    commandsToggled = in.togglePlay || in.stepFrames != 0;
    return Taken::None;
  });
  Commands in;
  in.togglePlay = true;
  in.stepFrames = 1;
  router.route(in);
  EXPECT_FALSE(commandsToggled);
}

}  // namespace
}  // namespace ps::player
