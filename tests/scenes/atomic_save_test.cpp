// A save killed at any moment leaves the old file or the new one, never a mix.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "kill_mid_save.h"
#include "package_fixture.h"
#include "scenes/atomic_file.h"
#include "scenes/shot_document.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;

using test::readFile;

// A few megabytes of markers, so that a save takes long enough to be killed in the middle.
std::string largeShot() {
  auto doc = nlohmann::ordered_json::parse(test::validShotJson());
  const auto lens = doc["markers"][0];
  for (int i = 0; i < 600; ++i) {
    auto m = lens;
    m["id"] = "m" + std::to_string(i);
    m["text"] = std::string(1000, static_cast<char>('a' + i % 26));
    doc["markers"].push_back(std::move(m));
  }
  return doc.dump(2) + "\n";
}

TEST(AtomicSave, KillDuringSaveLeavesTheOldOrTheNewFile) {
  test::TempPackage pkg("atomic_kill");
  pkg.write("shot.json", largeShot());
  auto opened = ShotDocument::open(pkg.root());
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  ShotDocument doc = std::move(opened).value();
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(doc.save().empty());
  const auto saveMicros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  const std::string versionA = doc.text();
  ASSERT_TRUE(doc.deleteMarker("m100").ok());  // the new version is shorter: a torn write would show
  const std::string versionB = doc.text();
  ASSERT_TRUE(doc.undo());

  std::mt19937 rng(20240605);
  int sawA = 0, sawB = 0;
  for (int iteration = 0; iteration < 30; ++iteration) {
    // Alternate the two versions for ever, until killed.
    bool toB = false;
    const bool killed = ps::test::killMidSave(
        [&] {
          toB = !toB;
          if (toB) doc.redo();
          else doc.undo();
          return doc.save().empty();
        },
        std::chrono::microseconds(2 * saveMicros.count() + 1000), rng);
    ASSERT_TRUE(killed) << "the saving child stopped by itself";

    const std::string now = readFile(pkg.shotJson());
    ASSERT_TRUE(now == versionA || now == versionB) << "iteration " << iteration << ": a file of " << now.size()
                                                    << " bytes that is neither version";
    (now == versionA ? sawA : sawB) += 1;
    // What a killed save leaves behind is only its own temporary file.
    for (const auto& entry : fs::directory_iterator(pkg.root()))
      if (entry.path().filename().string().starts_with(".shot.json.")) fs::remove(entry.path());
  }
  // Kills landed both after a save of the old version and after one of the new.
  EXPECT_GT(sawA, 0);
  EXPECT_GT(sawB, 0);
  RecordProperty("old_version_seen", sawA);
  RecordProperty("new_version_seen", sawB);
}

TEST(AtomicSave, ReplacesContentKeepsPermissionsAndLeavesNoTemporaryFile) {
  test::TempPackage pkg("atomic_basic");
  const fs::path file = pkg.write("shot.json", "old");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ASSERT_TRUE(writeFileAtomically(file, "new content").ok());
  EXPECT_EQ(readFile(file), "new content");
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  int entries = 0;
  for (const auto& entry : fs::directory_iterator(pkg.root())) entries += entry.path().filename() == "shot.json" ? 0 : 1;
  EXPECT_EQ(entries, 3);  // the fixture's plate, film and narration folder, and nothing new
  EXPECT_FALSE(writeFileAtomically(pkg.root() / "no_such_folder" / "shot.json", "x").ok());
}

}  // namespace
}  // namespace ps::scenes
