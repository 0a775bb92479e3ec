#pragma once
// A sound file standing in for a microphone (`perfectshot play --voice-input FILE`): a room
// without one, a voice recorded elsewhere, a scripted headset test. The file's first audio
// stream is decoded whole when opened (FFmpeg: anything the soundtrack takes), mixed to mono at
// its own rate, and heard from start() on at the pace of the caller's clock; after its end the
// "microphone" hears silence, as a real one in a quiet room would.
#include <filesystem>
#include <memory>

#include "media/voice_input.h"

namespace ps::media {

// Errors name the file: missing, no audio, undecodable.
Result<std::unique_ptr<VoiceInput>> openVoiceFile(const std::filesystem::path& file);

}  // namespace ps::media
