#include "probe_splats.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "media/splat_files.h"
#include "report.h"
#include "scenes/printable.h"

namespace ps::tools {
namespace {

std::string vec(const glm::vec3& v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(3) << v.x << " " << v.y << " " << v.z;
  return s.str();
}

}  // namespace

bool isSplatFileName(const std::string& input) {
  std::string ext = std::filesystem::path(input).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext == ".ply" || ext == ".spz";
}

int probeSplats(const std::string& input) {
  auto file = media::readSplatFile(input);
  if (!file) return reportError(file.error());
  const auto& cloud = file->cloud;
  const auto b = cloud.bounds();
  std::ostringstream out;
  auto row = [&](const char* key, const std::string& value) {
    out << std::left << std::setw(20) << (std::string(key) + ":") << value << "\n";
  };
  std::string format = media::toString(file->format);
  if (file->format == media::SplatFileFormat::Spz) format += " version " + std::to_string(file->version);
  row("file", scenes::printable(input));
  row("format", format);
  row("splats", std::to_string(cloud.size()));
  row("SH degree", std::to_string(cloud.shDegree));
  row("bounds min", vec(b.min));
  row("bounds max", vec(b.max));
  row("size", vec(b.max - b.min) + " (the file's own units, metres in a capture)");
  std::cout << out.str();
  return 0;
}

}  // namespace ps::tools
