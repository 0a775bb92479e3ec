#pragma once
// probe of a Gaussian splat file (.ply, .spz): its format, splat count, SH degree and bounds.
#include <string>

namespace ps::tools {

// True for a name probe hands to probeSplats (.ply or .spz, any case); the reader itself then
// tells the format by the content.
bool isSplatFileName(const std::string& input);

// Prints the splat file's facts; the exit code (an unreadable file is reported as an error).
int probeSplats(const std::string& input);

}  // namespace ps::tools
