#pragma once
// The demo shot without its glTF set, its performer and its splats, for tests about the plate alone (the
// picture compared with FFmpeg's v360 or the engine's render of the video, frame identification):
// a package under the build tree with the demo's shot.json less its gltf, mesh-sequence and splat media,
// and its videos hard-linked (copied where links cannot be made). Built once; concurrent test
// processes each build their own copy beside it and the first rename wins.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

namespace ps::test {

inline std::string demoWithoutSets() {
  namespace fs = std::filesystem;
  const fs::path demo = fs::path(PS_SOURCE_DIR) / "scenes" / "demo";
  const fs::path target = fs::path(PS_BINARY_DIR) / "test-out" / "demo_without_sets";
  if (fs::exists(target / "shot.json")) return target.string();
  const fs::path building = target.string() + ".building." + std::to_string(getpid());
  fs::remove_all(building);
  fs::create_directories(building);
  nlohmann::json shot = nlohmann::json::parse(std::ifstream(demo / "shot.json"));
  nlohmann::json media = nlohmann::json::array();
  for (const auto& m : shot["media"])
    if (m["kind"] != "gltf" && m["kind"] != "mesh-sequence" && m["kind"] != "splats" && m["kind"] != "splat-sequence")
      media.push_back(m);
  shot["media"] = media;
  std::ofstream(building / "shot.json") << shot.dump(2);
  for (const char* f : {"plate.mp4", "plate_tb.mp4", "film.mp4"}) {
    std::error_code ec;
    fs::create_hard_link(demo / f, building / f, ec);
    if (ec) fs::copy_file(demo / f, building / f, fs::copy_options::overwrite_existing);
  }
  std::error_code ec;
  fs::rename(building, target, ec);
  if (ec) fs::remove_all(building);  // another process got there first
  return target.string();
}

}  // namespace ps::test
