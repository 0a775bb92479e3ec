#include <gtest/gtest.h>

#include "scenes/caption.h"

namespace ps::scenes {
namespace {

TEST(Captions, ReadsWebVttWithIdentifiersSettingsNotesAndCrLf) {
  const std::string vtt =
      "\xEF\xBB\xBFWEBVTT - narration\r\n\r\nNOTE written by the team\r\n\r\nintro\r\n00:00.000 --> 00:01.500\r\n"
      "Hello\r\n\r\n01:00:02.250 --> 01:00:04.000 line:80%\r\nTwo\r\nlines\r\n";
  const CaptionParse p = parseCaptions(vtt, CaptionFormat::WebVtt);
  ASSERT_TRUE(p.problems.empty()) << p.problems[0].line << ": " << p.problems[0].message;
  ASSERT_EQ(p.cues.size(), 2u);
  EXPECT_EQ(p.cues[0], (CaptionCue{0, 1.5, "Hello"}));
  EXPECT_EQ(p.cues[1], (CaptionCue{3602.25, 3604, "Two\nlines"}));
}

TEST(Captions, ReadsSubRip) {
  const std::string srt = "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:05,500\nTwo\n";
  const CaptionParse p = parseCaptions(srt, CaptionFormat::Srt);
  ASSERT_TRUE(p.problems.empty());
  ASSERT_EQ(p.cues.size(), 2u);
  EXPECT_EQ(p.cues[1], (CaptionCue{3, 5.5, "Two"}));
  EXPECT_EQ(cuesAt(p.cues, 4).size(), 1u);
  EXPECT_TRUE(cuesAt(p.cues, 2.5).empty());
}

TEST(Captions, ReportsEachBadCueWithItsLineAndKeepsTheGoodOnes) {
  const std::string vtt =
      "WEBVTT\n\n00:01.000 --> 00:00.500\nbackwards\n\n00:61.000 --> 00:62.000\nbad seconds\n\n"
      "no timing here\nat all\n\n00:02.000 --> 00:03.000\ngood\n";
  const CaptionParse p = parseCaptions(vtt, CaptionFormat::WebVtt);
  ASSERT_EQ(p.problems.size(), 3u);
  EXPECT_EQ(p.problems[0].line, 3);
  EXPECT_EQ(p.problems[1].line, 6);
  EXPECT_EQ(p.problems[2].line, 10);
  ASSERT_EQ(p.cues.size(), 1u);
  EXPECT_EQ(p.cues[0].text, "good");
  EXPECT_EQ(parseCaptions("1\n00:00:01,000 --> 00:00:02,000\nx\n", CaptionFormat::WebVtt).problems.at(0).line, 1);
}

TEST(Captions, FormatComesFromTheExtension) {
  CaptionFormat f{};
  EXPECT_TRUE(captionFormatFromPath("a/b.vtt", f));
  EXPECT_EQ(f, CaptionFormat::WebVtt);
  EXPECT_TRUE(captionFormatFromPath("b.srt", f));
  EXPECT_EQ(f, CaptionFormat::Srt);
  EXPECT_FALSE(captionFormatFromPath("b.txt", f));
}

}  // namespace
}  // namespace ps::scenes
