#pragma once
// A take written as a WAV file (RIFF, 16-bit PCM, mono): what every decoder reads, FFmpeg's
// included, so a recorded voice plays back as any narration clip does.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "scenes/result.h"

namespace ps::media {

// The file's bytes.
std::string wavBytes(int sampleRate, std::span<const std::int16_t> mono);
// Written atomically (scenes/atomic_file.h): a crash leaves no half a file.
Status writeWavAtomically(const std::filesystem::path& file, int sampleRate, std::span<const std::int16_t> mono);

}  // namespace ps::media
