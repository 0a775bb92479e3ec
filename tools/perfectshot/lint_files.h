#pragma once
// Lint's checks for other commands: play lints an episode's playlist and every shot in it
// before it starts.
#include <filesystem>
#include <ostream>

namespace ps::tools {

// Lints `path` (a shot, or a playlist and each shot it names) as `perfectshot lint` does,
// every problem a line on `out`, then the summary line; returns the number of errors.
int lintInto(const std::filesystem::path& path, std::ostream& out);

}  // namespace ps::tools
