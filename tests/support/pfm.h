#pragma once
// A PFM greyscale image (Pf), as the simulated runtime's capture writes the depth a view was
// given: rows bottom to top, little-endian floats. For tests; failures are gtest expectations.
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace ps::test {

struct Pfm {
  int width = 0, height = 0;
  std::vector<float> values;  // rows bottom to top, as stored
  float atTopDown(int x, int y) const { return values[static_cast<std::size_t>((height - 1 - y) * width + x)]; }
};

inline Pfm readPfm(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  Pfm p;
  std::string magic;
  double scale = 0;
  in >> magic >> p.width >> p.height >> scale;
  in.get();  // the single whitespace after the header
  EXPECT_EQ(magic, "Pf") << file;
  EXPECT_LT(scale, 0) << file << ": little-endian";
  p.values.resize(static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height));
  in.read(reinterpret_cast<char*>(p.values.data()), static_cast<std::streamsize>(p.values.size() * sizeof(float)));
  EXPECT_TRUE(in.good()) << file << ": short";
  return p;
}

}  // namespace ps::test
