// The headset editor's save (player::saveEdit after each edit) killed at any moment leaves the
// shot as it was before that save or as it is after it: the file is, byte for byte, one of the
// two versions the child process writes in turn (its marker titled "Light" or "Sound").
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <random>
#include <sstream>
#include <string>

#include "kill_mid_save.h"
#include "player/document_save.h"
#include "scenes/shot_document.h"
#include "temp_dir.h"

namespace ps::player {
namespace {

namespace fs = std::filesystem;

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A shot of a few megabytes (many markers with long texts), so that a save takes long enough
// to be killed in the middle of it; "edited" is the marker the headset renames.
void writeLargeShot(const fs::path& dir) {
  std::ofstream(dir / "plate.mp4") << "not decoded here";
  nlohmann::ordered_json shot = {
      {"format", "perfectshot/1"},
      {"title", "kill"},
      {"media", {{{"id", "plate"}, {"kind", "equirect"}, {"src", "plate.mp4"}, {"projection", "360"},
                  {"stereo", "mono"}}}},
      {"timeline", {{"fps", "30"}, {"in", 0.0}, {"out", 60.0}}},
      {"markers", nlohmann::ordered_json::array()}};
  for (int i = 0; i < 300; ++i)
    shot["markers"].push_back({{"id", i == 0 ? std::string("edited") : "m" + std::to_string(i)},
                               {"t_in", 1.0},
                               {"t_out", 5.0},
                               {"at", {{"yaw_deg", 10}, {"pitch_deg", 0}, {"distance_m", 3}}},
                               {"title", "New marker"},
                               {"category", "production"},
                               {"text", std::string(2000, static_cast<char>('a' + i % 26))}});
  std::ofstream(dir / "shot.json") << shot.dump(2) << "\n";
}

// The title of the marker "edited" in the saved file; fails the test when the file does not parse.
std::string savedTitle(const fs::path& file) {
  const auto json = nlohmann::json::parse(readAll(file), nullptr, false);
  if (json.is_discarded()) {
    ADD_FAILURE() << file << " does not parse";
    return {};
  }
  for (const auto& m : json["markers"])
    if (m["id"] == "edited") return m["title"].get<std::string>();
  ADD_FAILURE() << file << " has no marker \"edited\"";
  return {};
}

bool rename(scenes::ShotDocument& doc, const std::string& title) {
  scenes::MarkerEdit edit;
  edit.title = title;
  return doc.editMarker("edited", edit).ok() && saveEdit(doc, "renamed");
}

TEST(HeadsetSave, AKillDuringASaveLeavesTheOldOrTheNewFile) {
  spdlog::set_level(spdlog::level::warn);  // a line per save in the child would bury the test's own
  test::TempDir dir("headset_save_kill");
  writeLargeShot(dir.path());
  auto opened = scenes::ShotDocument::open(dir.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  scenes::ShotDocument doc = std::move(opened).value();
  ASSERT_TRUE(doc.problems().empty()) << doc.problems().front().message;
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(rename(doc, "Light"));
  const auto saveMicros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  const std::string light = doc.text();
  ASSERT_EQ(readAll(doc.file()), light);
  scenes::MarkerEdit soundTitle;
  soundTitle.title = "Sound";
  ASSERT_TRUE(doc.editMarker("edited", soundTitle).ok());
  const std::string sound = doc.text();
  ASSERT_TRUE(doc.undo());

  std::mt19937 rng(20261206);
  int sawLight = 0, sawSound = 0;
  for (int iteration = 0; iteration < 20; ++iteration) {
    // Rename back and forth for ever, as a director cycling titles would, a save each time.
    bool toSound = false;
    const bool killed = test::killMidSave(
        [&] {
          toSound = !toSound;
          return rename(doc, toSound ? "Sound" : "Light");
        },
        std::chrono::microseconds(2 * saveMicros.count() + 1000), rng);
    ASSERT_TRUE(killed) << "the saving child stopped by itself";

    const std::string now = readAll(doc.file());
    ASSERT_TRUE(now == light || now == sound)
        << "iteration " << iteration << ": " << now.size() << " bytes that are neither version (title \""
        << savedTitle(doc.file()) << "\")";
    (now == light ? sawLight : sawSound) += 1;
    // A killed save leaves at most its own temporary file, which is never read.
    for (const auto& entry : fs::directory_iterator(dir.path()))
      if (entry.path().filename().string().starts_with(".shot.json.")) fs::remove(entry.path());
    // The next child starts from what is on disk.
    auto next = scenes::ShotDocument::open(doc.file());
    ASSERT_TRUE(next.ok());
    doc = std::move(next).value();
  }
  EXPECT_GT(sawLight, 0);
  EXPECT_GT(sawSound, 0);
  RecordProperty("light_seen", sawLight);
  RecordProperty("sound_seen", sawSound);
}

}  // namespace
}  // namespace ps::player
