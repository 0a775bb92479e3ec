// The headset editor's save (player::saveEdit after each edit) killed at any moment leaves the
// shot as it was before that save or as it is after it: the file parses, and its marker has one
// of the two titles the child process writes in turn.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <random>
#include <sstream>
#include <string>

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

  std::mt19937 rng(20261206);
  int sawLight = 0, sawSound = 0;
  for (int iteration = 0; iteration < 20; ++iteration) {
    int progress[2];
    ASSERT_EQ(::pipe(progress), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(progress[0]);
      // Rename back and forth for ever, as a director cycling titles would, a save each time.
      for (bool sound = true;; sound = !sound) {
        if (!rename(doc, sound ? "Sound" : "Light")) ::_exit(2);
        const char tick = 1;
        if (::write(progress[1], &tick, 1) != 1) ::_exit(3);
      }
    }
    ::close(progress[1]);
    // Let it save 0 to 3 times, then kill it at a random moment of the next two saves.
    const int saves = std::uniform_int_distribution<int>(0, 3)(rng);
    char tick = 0;
    for (int k = 0; k < saves; ++k) ASSERT_EQ(::read(progress[0], &tick, 1), 1);
    const auto window = static_cast<unsigned>(2 * saveMicros.count() + 1000);
    ::usleep(std::uniform_int_distribution<unsigned>(0, window)(rng));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(progress[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the saving child stopped by itself: " << status;

    const std::string title = savedTitle(doc.file());
    ASSERT_TRUE(title == "Light" || title == "Sound") << "iteration " << iteration << ": title \"" << title << "\"";
    (title == "Light" ? sawLight : sawSound) += 1;
    // The whole file is one version: the other markers are untouched.
    auto reread = scenes::ShotDocument::open(doc.file());
    ASSERT_TRUE(reread.ok());
    EXPECT_TRUE(reread->problems().empty()) << "iteration " << iteration;
    EXPECT_EQ(reread->shot().markers.size(), 300u);
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
