#pragma once
// Small glTF files written by the tests: a valid one-triangle document to break one field at a
// time, GLB packing, base64, and a temporary package folder.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ps::test {

// Debian's assimp-testmodels: the Khronos glTF samples, broken ones included.
inline const std::filesystem::path kKhronosModels = "/usr/share/assimp/models/glTF2";

// A fresh folder (mkdtemp) removed when the object goes.
class TempPackage {
 public:
  TempPackage();
  ~TempPackage();
  TempPackage(const TempPackage&) = delete;
  TempPackage& operator=(const TempPackage&) = delete;
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path write(const std::string& name, const std::vector<std::uint8_t>& bytes) const;
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path dir_;
};

// One triangle: POSITION (0,0,0) (1,0,0) (0,1,0) in accessor 0, u16 indices 0 1 2 in accessor
// 1; views 0 (36 bytes) and 1 (6 bytes) of buffer 0 (44 bytes, uri "tri.bin"); mesh 0 under node
// 0 of scene 0.
nlohmann::json triangleDocument();
std::vector<std::uint8_t> triangleBin();

// A green unlit triangle (a .gltf's text) facing +Z, towards an eye at the capture point 1.6 m
// up, with its centroid at (0, 1.6, -2); with `animated`, animation 0 ("slide") moves node 0
// from x = 0 at 0 s to x = 1 at 1 s.
std::string slidingTriangle(bool animated = true);

std::string base64(const std::vector<std::uint8_t>& bytes);
// The GLB of `doc` with `bin` as its BIN chunk (none when empty).
std::vector<std::uint8_t> glb(const nlohmann::json& doc, const std::vector<std::uint8_t>& bin);
// A PNG of w x h pixels of one colour.
std::vector<std::uint8_t> png(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b);

// The JSON of a .gltf or a .glb file.
nlohmann::json readDocument(const std::filesystem::path& file);

}  // namespace ps::test
