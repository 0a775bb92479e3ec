// media[].audio: what a medium's soundtrack is where its container does not say (first-order
// AmbiX in an AAC track), and each mistake with its JSON pointer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "package_fixture.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

using Json = nlohmann::ordered_json;

ShotParse parseWithAudio(const std::string& name, const Json& audio, std::size_t medium = 0) {
  test::TempPackage pkg(name);
  Json doc = Json::parse(test::validShotJson());
  if (medium >= doc["media"].size())
    doc["media"].push_back(Json::parse(R"({"id": "set", "kind": "gltf", "src": "set.glb"})"));
  doc["media"][medium]["audio"] = audio;
  return parseShot(doc.dump(), pkg.shotJson());
}

std::string describe(const std::vector<Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += "\n  " + p.pointer + ": " + toString(p.severity) + ": " + p.message;
  return s;
}

TEST(Soundtrack, WithoutAudioTheContainerSays) {
  test::TempPackage pkg("soundtrack_none");
  const ShotParse p = parseShot(test::validShotJson(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_FALSE(p.shot.media[0].audio.ambisonic);
}

TEST(Soundtrack, AmbixAndNoneAreRead) {
  ShotParse p = parseWithAudio("soundtrack_ambix", Json{{"ambisonic", "ambix"}});
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_EQ(p.shot.media[0].audio.ambisonic, Ambisonics::AmbiX);
  p = parseWithAudio("soundtrack_not", Json{{"ambisonic", "none"}});
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_EQ(p.shot.media[0].audio.ambisonic, Ambisonics::None);
}

struct Bad {
  Json audio;
  std::size_t medium;
  std::string pointer;
  std::string says;
};

TEST(Soundtrack, MistakesAreNamedWhereTheyAre) {
  const std::vector<Bad> cases{
      {Json{{"ambisonic", "fuma"}}, 0, "/media/0/audio/ambisonic", "unknown ambisonics \"fuma\""},
      {Json{{"ambisonic", true}}, 0, "/media/0/audio/ambisonic", "expected"},
      {Json("ambix"), 0, "/media/0/audio", "expected"},
      {Json{{"ambisonic", "ambix"}}, 1, "/media/1/audio", "only an \"equirect\" medium has a soundtrack"},
  };
  for (const Bad& b : cases) {
    SCOPED_TRACE(b.audio.dump());
    const ShotParse p = parseWithAudio("soundtrack_bad", b.audio, b.medium);
    bool found = false;
    for (const Problem& problem : p.problems)
      found |= problem.severity == Severity::Error && problem.pointer == b.pointer &&
               problem.message.find(b.says) != std::string::npos;
    EXPECT_TRUE(found) << describe(p.problems);
  }
  // An unknown member is a warning, as everywhere (a misspelt key is noticed).
  const ShotParse p = parseWithAudio("soundtrack_unknown", Json{{"ambisonics", "ambix"}});
  ASSERT_EQ(p.problems.size(), 1u) << describe(p.problems);
  EXPECT_EQ(p.problems[0].severity, Severity::Warning);
  EXPECT_EQ(p.problems[0].pointer, "/media/0/audio/ambisonics");
}

}  // namespace
}  // namespace ps::scenes
