#include "package_fixture.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace ps::scenes::test {

namespace fs = std::filesystem;

TempPackage::TempPackage(const std::string& name)
    : root_(fs::temp_directory_path() / ("ps_scenes_" + std::to_string(::getpid()) + "_" + name)) {
  fs::remove_all(root_);
  fs::create_directories(root_);
  write("plate.mp4", "not decoded by scenes");
  write("film.mp4", "not decoded by scenes");
  write("narration/lens.ogg", "not decoded by scenes");
  write("narration/lens.vtt", validCaptionsVtt());
}

TempPackage::~TempPackage() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

fs::path TempPackage::write(const std::string& relative, const std::string& content) const {
  const fs::path p = root_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::string validShotJson() {
  return R"({
  "format": "perfectshot/1",
  "title": "Test shot",
  "film": "A film",
  "director": "A director",
  "media": [
    { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono", "yaw_offset_deg": 0 }
  ],
  "timeline": { "fps": "24000/1001", "in": 1.0, "out": 12.0,
                "chapters": [ { "t": 1.0, "title": "Start" }, { "t": 6.0, "title": "Turn" } ] },
  "markers": [
    { "id": "lens", "t_in": 3.0, "t_out": 9.5, "fade_in": 0.5, "fade_out": 1.0,
      "at": { "yaw_deg": 30, "pitch_deg": -5, "distance_m": 3 },
      "title": "The lens", "text": "A 40 mm anamorphic.", "category": "camera",
      "audio": "narration/lens.ogg", "captions": "narration/lens.vtt" },
    { "id": "mark", "t_in": 1.0, "t_out": 12.0, "stage": { "x": 1.5, "y": 0, "z": -2 },
      "title": "First mark", "category": "performance" }
  ],
  "camera": {
    "position": { "x": 0, "y": 1.6, "z": 0.5 }, "orientation": { "yaw_deg": 10, "pitch_deg": -2, "roll_deg": 0 },
    "hfov_deg": 40, "aspect": 2.39,
    "track": [ { "t": 2.0, "orientation": { "yaw_deg": 170 }, "hfov_deg": 40 },
               { "t": 8.0, "position": { "x": 1, "y": 1.6, "z": 0.5 }, "orientation": { "yaw_deg": -170 }, "hfov_deg": 30 } ],
    "clip": { "src": "film.mp4", "offset": 1.0 }
  },
  "blocking": {
    "marks": [ { "id": "start-mark", "name": "Rick starts", "colour": [1, 0.8, 0], "x": 1.5, "z": -2, "yaw_deg": 180 },
               { "id": "door-mark", "name": "Door", "x": -1, "z": -3.5 } ],
    "actors": [ { "id": "rick", "actor": "Rick", "colour": [0.2, 0.6, 1], "figure_height_m": 1.8, "trail_seconds": 1.5,
                  "keys": [ { "t": 2.0, "x": 1.5, "z": -2 }, { "t": 4.0, "x": -0.5, "z": -2 }, { "t": 8.0, "x": -0.5, "z": -4 } ] },
                { "id": "ilsa", "actor": "Ilsa", "keys": [ { "t": 1.0, "x": 0, "z": -1 } ] } ],
    "dolly": { "name": "Main track", "points": [ { "x": -2, "z": 1 }, { "x": 2, "z": 1 }, { "x": 3, "z": 0 } ] },
    "measurements": [ { "id": "door-height", "name": "Door frame",
                        "a": { "x": -1, "y": 0, "z": -4 }, "b": { "x": -1, "y": 2.1, "z": -4 } } ]
  }
}
)";
}

std::string validCaptionsVtt() {
  return "WEBVTT\n\n1\n00:00.000 --> 00:02.000\nThis lens was built for the film.\n\n"
         "00:00:02.500 --> 00:00:04.000 align:center\nIt weighs\nseven kilos.\n";
}

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string withoutWhitespace(const std::string& json) {
  std::string out;
  bool inString = false, escaped = false;
  for (char c : json) {
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
      out += c;
    } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      out += c;
    }
  }
  return out;
}

}  // namespace ps::scenes::test
