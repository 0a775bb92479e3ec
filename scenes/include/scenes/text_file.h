#pragma once
// Reading a whole text input (shot.json, a playlist, a captions file, a script) so that
// no file can hang or flood the process: only regular files are read, and only up to a
// size cap. A FIFO would block the open() and the read forever; /dev/zero or a device
// node would never end; a huge file would be held in memory whole.
#include <cstdint>
#include <filesystem>
#include <string>

#include "scenes/result.h"

namespace ps::scenes {

// The cap for every manifest, playlist and captions file (stated in scenes/FORMAT.md).
inline constexpr std::uintmax_t kMaxTextFileBytes = 8u << 20;

// Reads `file` whole. Fails, with a sentence naming the file and the reason (errno's text,
// "is a FIFO (named pipe), not a regular file", "is larger than the 8 MiB limit"), when it
// cannot be opened, is not a regular file (checked with fstat on the opened descriptor,
// which is opened non-blocking so that a FIFO cannot stall the open), or holds more than
// maxBytes. A symlink is followed; what it leads to must be a regular file.
Result<std::string> readTextFile(const std::filesystem::path& file, std::uintmax_t maxBytes = kMaxTextFileBytes);

// Empty for a regular file; otherwise what it is, as the end of a sentence ("is a FIFO
// (named pipe), not a regular file", "is a folder, not a file").
std::string notRegularFile(unsigned mode);

// "8 MiB", "512 KiB", "100 bytes": a size for messages.
std::string describeSize(std::uintmax_t bytes);

}  // namespace ps::scenes
