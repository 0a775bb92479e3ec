#pragma once
// Numbers on the command line. CLI11's Range and PositiveNumber let "nan" through (every
// comparison with NaN is false) and take "inf" or "1e308" as numbers; these validators
// refuse anything that is not a finite number inside the range, with the option's name.
// Every floating-point option uses them; integer options use CLI::Range, which cannot
// be fooled because "nan" is no integer.
#include <CLI/CLI.hpp>
#include <array>
#include <cstdint>
#include <string>

#include "scenes/result.h"

namespace ps::tools {

// A finite number in [lo, hi].
CLI::Validator finiteIn(double lo, double hi);
// A finite number > 0 and at most hi.
CLI::Validator finitePositive(double hi);

struct PictureSize {
  std::uint32_t width = 0, height = 0;
};

// "WIDTHxHEIGHT" with each side a whole number in [lo, hi]; the error names `option`.
Result<PictureSize> parsePictureSize(const std::string& text, std::uint32_t lo, std::uint32_t hi,
                                     const std::string& option);

// "X,Y,Z": three finite numbers, each in [-limit, limit]; the error names `option`.
Result<std::array<double, 3>> parseTriple(const std::string& text, double limit, const std::string& option);

}  // namespace ps::tools
