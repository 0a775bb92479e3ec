// perfectshot prep keeps a first-order ambisonic soundtrack: 4 channels, still ambisonics to
// FFmpeg (Opus, channel mapping family 2), the field's direction unchanged, and marked so in
// shot.json; the package lints clean.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>

#include "media/audio_source.h"
#include "process.h"
#include "scenes/shot_loader.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMedia = PS_TEST_MEDIA_DIR "/prep";

TEST(PrepAmbisonics, KeepsFourChannelsOfAmbixAndMarksThem) {
  TempDir dir("prep_ambisonic");
  const fs::path pkg = dir.path() / "pkg";
  const ProcessResult r =
      run({kPerfectshot, "--log-level", "warn", "prep", kMedia + "/ambix-master.mp4", "-o", pkg.string()});
  ASSERT_EQ(r.exitCode, 0) << r.output;

  auto shot = scenes::loadShot(pkg);
  ASSERT_TRUE(shot) << shot.error().message();
  const scenes::MediaRef* plate = shot->plate();
  ASSERT_NE(plate, nullptr);
  EXPECT_EQ(plate->audio.ambisonic, scenes::Ambisonics::AmbiX);

  // The container still says ambisonics, without the manifest's word.
  Result<media::AudioSource> audio = media::AudioSource::open(plate->path.string());
  ASSERT_TRUE(audio) << audio.error().message();
  EXPECT_NE(audio->info().codec.find("opus"), std::string::npos) << audio->info().codec;
  EXPECT_EQ(audio->info().layout, media::AudioLayout::AmbiX) << audio->info().sourceLayout;
  EXPECT_EQ(audio->info().channels, 4);
  EXPECT_FALSE(audio->info().layoutGuessed);

  // The field as it was: a source at the left, W and Y alike, nothing in Z or X.
  std::array<double, 4> energy{};
  for (int blocks = 0; blocks < 50; ++blocks) {
    Result<std::optional<media::AudioBlock>> b = audio->next();
    ASSERT_TRUE(b) << b.error().message();
    if (!*b) break;
    const std::vector<float>& s = (*b)->samples;
    for (std::size_t i = 0; i + 3 < s.size(); i += 4)
      for (std::size_t c = 0; c < 4; ++c) energy[c] += static_cast<double>(s[i + c]) * s[i + c];
  }
  std::printf("W %.1f Y %.1f Z %.3f X %.3f\n", energy[0], energy[1], energy[2], energy[3]);
  EXPECT_GT(energy[0], 1.0);
  EXPECT_NEAR(energy[1] / energy[0], 1.0, 0.1);
  EXPECT_LT(energy[2], 0.01 * energy[0]);
  EXPECT_LT(energy[3], 0.01 * energy[0]);

  const ProcessResult lint = run({kPerfectshot, "lint", pkg.string()});
  EXPECT_EQ(lint.exitCode, 0) << lint.output;
  EXPECT_NE(lint.output.find("0 error(s), 0 warning(s)"), std::string::npos) << lint.output;
}

}  // namespace
}  // namespace ps::test
