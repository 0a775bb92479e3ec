// The headset keyboard without a headset: which key a point is on, what shift and backspace do,
// the length limit, done and cancel; and the card's ray test landing on the key drawn there.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "engine/font_atlas.h"
#include "engine/view.h"
#include "ui/headset_keyboard.h"
#include "ui/headset_keyboard_geometry.h"
#include "ui/headset_menu_geometry.h"

namespace ps::ui {
namespace {

// The key that types `c` (a lower case letter or digit), or the first of `kind`.
std::size_t keyFor(char c) {
  const auto& keys = keyboardKeys();
  const auto it = std::find_if(keys.begin(), keys.end(), [&](const KeyboardKey& k) {
    return k.kind == KeyKind::Character && k.character == c;
  });
  EXPECT_NE(it, keys.end()) << c;
  return static_cast<std::size_t>(it - keys.begin());
}
std::size_t keyOf(KeyKind kind) {
  const auto& keys = keyboardKeys();
  return static_cast<std::size_t>(
      std::find_if(keys.begin(), keys.end(), [&](const KeyboardKey& k) { return k.kind == kind; }) - keys.begin());
}

TitleTyping::Outcome type(TitleTyping& t, std::string_view lowerCase) {
  TitleTyping::Outcome o = TitleTyping::Outcome::Typing;
  for (const char c : lowerCase) o = t.press(keyboardKeys()[c == ' ' ? keyOf(KeyKind::Space) : keyFor(c)]);
  return o;
}

TEST(HeadsetKeyboard, EveryLetterDigitAndControlHasOneKeyInsideTheBoard) {
  const auto& keys = keyboardKeys();
  for (const char c : std::string("abcdefghijklmnopqrstuvwxyz0123456789")) keyFor(c);
  for (const KeyKind kind : {KeyKind::Space, KeyKind::Backspace, KeyKind::Shift, KeyKind::Done, KeyKind::Cancel})
    EXPECT_LT(keyOf(kind), keys.size());
  for (const KeyboardKey& k : keys) {
    EXPECT_GE(k.x, 0);
    EXPECT_LE(k.x + k.width, kKeyboardWidth);
    EXPECT_GE(k.y, 0);
    EXPECT_LE(k.y + 1, kKeyboardRows);
  }
}

TEST(HeadsetKeyboard, APointIsOnTheKeyThatCoversIt) {
  EXPECT_EQ(keyAt({0.5f, 0.5f}), keyFor('1'));
  EXPECT_EQ(keyAt({9.99f, 0.01f}), keyFor('0'));
  EXPECT_EQ(keyAt({1.0f, 1.5f}), keyFor('w')) << "a key's left edge is its own";
  EXPECT_EQ(keyAt({0.9f, 2.5f}), keyFor('a')) << "the home row is half a key in";
  EXPECT_FALSE(keyAt({0.25f, 2.5f})) << "left of it, no key";
  EXPECT_EQ(keyAt({1.4f, 3.5f}), keyOf(KeyKind::Shift));
  EXPECT_EQ(keyAt({1.6f, 3.5f}), keyFor('z'));
  EXPECT_EQ(keyAt({9.0f, 3.5f}), keyOf(KeyKind::Backspace));
  EXPECT_EQ(keyAt({5.0f, 4.5f}), keyOf(KeyKind::Space));
  EXPECT_EQ(keyAt({9.0f, 4.5f}), keyOf(KeyKind::Done));
  EXPECT_EQ(keyAt({1.0f, 4.5f}), keyOf(KeyKind::Cancel));
  EXPECT_FALSE(keyAt({5.0f, 5.0f})) << "below the last row";
  EXPECT_FALSE(keyAt({-0.1f, 0.5f}));
  EXPECT_FALSE(keyAt({10.0f, 0.5f}));
}

TEST(HeadsetKeyboard, ShiftCapitalisesTheNextLetterAndStartsOn) {
  TitleTyping t;
  EXPECT_TRUE(t.shift()) << "a title starts with a capital";
  type(t, "dolly");
  EXPECT_EQ(t.text(), "Dolly");
  EXPECT_FALSE(t.shift());
  t.press(keyboardKeys()[keyOf(KeyKind::Shift)]);
  EXPECT_TRUE(t.shift());
  type(t, "2");
  EXPECT_TRUE(t.shift()) << "a digit has no capital: shift waits for a letter";
  type(t, "ab");
  EXPECT_EQ(t.text(), "Dolly2Ab");
  t.press(keyboardKeys()[keyOf(KeyKind::Shift)]);
  t.press(keyboardKeys()[keyOf(KeyKind::Shift)]);
  EXPECT_FALSE(t.shift()) << "pressed twice: off";
  EXPECT_EQ(keyLabel(keyboardKeys()[keyFor('q')], true), "Q");
  EXPECT_EQ(keyLabel(keyboardKeys()[keyFor('q')], false), "q");
  EXPECT_EQ(keyLabel(keyboardKeys()[keyFor('7')], true), "7");
}

TEST(HeadsetKeyboard, BackspaceTakesTheLastCharacterAndOnNothingDoesNothing) {
  TitleTyping t;
  type(t, "ab c");
  EXPECT_EQ(t.text(), "Ab c");
  const KeyboardKey& back = keyboardKeys()[keyOf(KeyKind::Backspace)];
  EXPECT_EQ(t.press(back), TitleTyping::Outcome::Typing);
  EXPECT_EQ(t.text(), "Ab ");
  for (int i = 0; i < 5; ++i) t.press(back);
  EXPECT_EQ(t.text(), "");
  EXPECT_TRUE(t.shift()) << "emptied: the next letter starts the title again";
}

TEST(HeadsetKeyboard, NothingIsTypedPastTheLimit) {
  TitleTyping t;
  for (std::size_t i = 0; i < kMaxTypedTitle + 5; ++i) type(t, i % 2 ? " " : "x");
  EXPECT_EQ(t.text().size(), kMaxTypedTitle);
  EXPECT_TRUE(t.full());
  t.press(keyboardKeys()[keyOf(KeyKind::Backspace)]);
  EXPECT_FALSE(t.full());
}

TEST(HeadsetKeyboard, DoneGivesTheTrimmedTitleAndRefusesABlankOne) {
  TitleTyping t;
  const KeyboardKey& done = keyboardKeys()[keyOf(KeyKind::Done)];
  EXPECT_EQ(t.press(done), TitleTyping::Outcome::Typing) << "nothing typed";
  type(t, "  ");
  EXPECT_EQ(t.press(done), TitleTyping::Outcome::Typing) << "spaces only";
  type(t, "crane up ");
  EXPECT_EQ(t.press(done), TitleTyping::Outcome::Done);
  EXPECT_EQ(t.title(), "Crane up");
  EXPECT_EQ(t.press(keyboardKeys()[keyOf(KeyKind::Cancel)]), TitleTyping::Outcome::Cancelled);
}

// A keyboard in front of an eye at the origin looking down -Z, 640 x 360, 90 x 60 degrees.
engine::View eyeView() {
  engine::View v;
  v.fov = {glm::radians(-45.0f), glm::radians(45.0f), glm::radians(30.0f), glm::radians(-30.0f)};
  return v;
}

HeadsetKeyboardView board() {
  HeadsetKeyboardView v;
  v.anchor = {0.3f, 0.4f, -2.5f};
  v.heading = "Title of \"m1\"";
  v.hint = "Ray: a key";
  return v;
}

TEST(HeadsetKeyboardGeometry, ARayThroughAKeysDrawnCentreHitsThatKey) {
  const ViewProjection eye(eyeView(), {640, 360});
  const HeadsetKeyboardView view = board();
  const HeadsetKeyboardLayout l = layoutHeadsetKeyboard(pixelsPerDegree(eyeView().fov, 360));
  EXPECT_LT(l.min.x, 0) << "centred on the anchor";
  EXPECT_GT(l.max.x, 0);
  EXPECT_GT(l.min.y, 0) << "below it";
  EXPECT_NEAR(l.max.x - l.min.x, kKeyboardWidth * l.keyPx + 2 * l.pad, 1e-3);
  const glm::vec2 anchorPx = *eye.pixelOfEyePoint(eye.toEye(view.anchor));
  for (const std::size_t k : {keyFor('q'), keyFor('m'), keyOf(KeyKind::Space), keyOf(KeyKind::Done)}) {
    const KeyboardKey& key = keyboardKeys()[k];
    const glm::vec2 centre = l.keys + glm::vec2(key.x + 0.5f * key.width, key.y + 0.5f) * l.keyPx;
    // From a controller below the eye, aimed through where the eye sees the key.
    const engine::Ray fromEye = eye.rayAt(anchorPx + centre);
    const glm::vec3 onCard = fromEye.origin + fromEye.direction * (2.5f / -fromEye.direction.z);
    const glm::vec3 hand(0.2f, -0.4f, -0.2f);
    const auto hit = rayOnHeadsetKeyboard({hand, glm::normalize(onCard - hand)}, view, eye);
    ASSERT_TRUE(hit) << k;
    EXPECT_EQ(hit->key, k);
    EXPECT_NEAR(hit->alongM, glm::length(onCard - hand), 1e-3);
  }
  // On the field above the keys: the card, no key; beside the card: nothing.
  const engine::Ray field = eye.rayAt(anchorPx + glm::vec2(0, l.fieldY + 2));
  const auto onField = rayOnHeadsetKeyboard(field, view, eye);
  ASSERT_TRUE(onField);
  EXPECT_FALSE(onField->key);
  EXPECT_FALSE(rayOnHeadsetKeyboard(eye.rayAt(anchorPx + glm::vec2(l.max.x + 5, l.keys.y + 5)), view, eye));
}

TEST(HeadsetKeyboardGeometry, TheHoveredKeyIsLitAndShiftShowsCapitals) {
  static const auto atlas = engine::FontAtlas::load();
  const glm::vec4 lit = engine::linearColour(90, 200, 255, 0.9f);
  const auto litVertices = [&](const HeadsetKeyboardView& v) {
    engine::OverlayGeometry g;
    buildHeadsetKeyboardGeometry(v, 6, *atlas, g);
    return std::count_if(g.vertices.begin(), g.vertices.end(), [&](const auto& x) { return x.colour == lit; });
  };
  HeadsetKeyboardView v = board();
  v.text = "Dolly";
  const auto caretOnly = litVertices(v);
  v.hovered = keyFor('g');
  EXPECT_GT(litVertices(v), caretOnly) << "the key under the ray";
  // Shift changes the labels drawn: a different set of glyphs.
  engine::OverlayGeometry lower, upper;
  v.shift = false;
  buildHeadsetKeyboardGeometry(v, 6, *atlas, lower);
  v.shift = true;
  buildHeadsetKeyboardGeometry(v, 6, *atlas, upper);
  const bool sameGlyphs = lower.vertices.size() == upper.vertices.size() &&
                          std::equal(lower.vertices.begin(), lower.vertices.end(), upper.vertices.begin(),
                                     [](const auto& a, const auto& b) { return a.uv == b.uv; });
  EXPECT_FALSE(sameGlyphs);
}

}  // namespace
}  // namespace ps::ui
