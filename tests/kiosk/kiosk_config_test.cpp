// The kiosk config: defaults, every field, and errors that say where and what.
#include "kiosk/kiosk_config.h"

#include <gtest/gtest.h>

namespace ps::kiosk {
namespace {

TEST(KioskConfig, AnEmptyObjectGivesTheDefaults) {
  auto c = parseKioskConfig("{}", "kiosk.json");
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->visitTimeoutSeconds, 10.0);
  EXPECT_EQ(c->presence, PresenceSource::Auto);
  EXPECT_TRUE(c->buttons.empty());
  EXPECT_FALSE(c->headLockedCaptions);
  EXPECT_EQ(c->volumeLimit, 1.0f);
  EXPECT_EQ(c->atEnd, AtEnd::Stop);
  EXPECT_EQ(c->attract.inSeconds, 0.0);
  EXPECT_FALSE(c->attract.outSeconds);
  EXPECT_TRUE(allowedControls(*c).empty());
}

TEST(KioskConfig, EveryFieldIsRead) {
  auto c = parseKioskConfig(R"({"attract": {"in": 2, "out": 8.5}, "visit_timeout_s": 4, "presence": "head_motion",
    "buttons": ["trigger", "menu", "trigger"], "captions": "head_locked", "volume_limit": 0.5, "at_end": "attract",
    "fade_s": 0.25})",
                            "kiosk.json");
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->attract.inSeconds, 2.0);
  EXPECT_EQ(c->attract.outSeconds, 8.5);
  EXPECT_EQ(c->visitTimeoutSeconds, 4.0);
  EXPECT_EQ(c->presence, PresenceSource::HeadMotion);
  EXPECT_EQ(c->buttons.size(), 2u);
  EXPECT_TRUE(c->headLockedCaptions);
  EXPECT_EQ(c->volumeLimit, 0.5f);
  EXPECT_EQ(c->atEnd, AtEnd::Attract);
  EXPECT_EQ(c->fadeSeconds, 0.25);
  const auto controls = allowedControls(*c);
  ASSERT_EQ(controls.size(), 2u);
  EXPECT_EQ(controls[0].control, player::Control::Trigger);
  EXPECT_EQ(controls[1].control, player::Control::Menu);
  EXPECT_GT(allowedStick(*c).shuttleDeadZone, 1.0f);  // no thumbstick allowed
}

TEST(KioskConfig, TheThumbstickOnlyWhenAllowed) {
  auto c = parseKioskConfig(R"({"buttons": ["thumbstick"]})", "k.json");
  ASSERT_TRUE(c);
  EXPECT_LT(allowedStick(*c).shuttleDeadZone, 1.0f);
  EXPECT_TRUE(allowedControls(*c).empty());
}

void expectError(const std::string& text, const std::string& where, const std::string& what) {
  auto c = parseKioskConfig(text, "kiosk.json");
  ASSERT_FALSE(c) << text;
  EXPECT_EQ(c.error().where, where) << c.error().message();
  EXPECT_NE(c.error().message().find(what), std::string::npos) << c.error().message();
}

TEST(KioskConfig, ErrorsSayWhereAndWhat) {
  expectError("{", "kiosk.json", "not valid JSON");
  expectError("[]", "kiosk.json", "must be a JSON object");
  expectError(R"({"visit_timeout_s": 0})", "kiosk.json#/visit_timeout_s", "> 0");
  expectError(R"({"visit_timeout_s": "10"})", "kiosk.json#/visit_timeout_s", "seconds");
  expectError(R"({"presence": "eyes"})", "kiosk.json#/presence", "user_presence");
  expectError(R"({"buttons": ["trigger", "home"]})", "kiosk.json#/buttons/1", "trigger, primary");
  expectError(R"({"buttons": "trigger"})", "kiosk.json#/buttons", "list");
  expectError(R"({"volume_limit": 1.5})", "kiosk.json#/volume_limit", "0 to 1");
  expectError(R"({"at_end": "rewind"})", "kiosk.json#/at_end", "stop, loop, attract");
  expectError(R"({"captions": true})", "kiosk.json#/captions", "head_locked");
  expectError(R"({"attract": {"in": 5, "out": 3}})", "kiosk.json#/attract/out", "after");
  expectError(R"({"attract": {"shot": "other.json"}})", "kiosk.json#/attract/shot", "not supported");
  expectError(R"({"atract": {}})", "kiosk.json#/atract", "unknown field");
  expectError(R"({"fade_s": -1})", "kiosk.json#/fade_s", ">= 0");
}

TEST(KioskConfig, AMissingFileIsAnError) {
  auto c = loadKioskConfig("/nonexistent/kiosk.json");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message().find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace ps::kiosk
