#include "media/wav_file.h"

#include "scenes/atomic_file.h"

namespace ps::media {

namespace {

void put(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));  // little-endian
}

}  // namespace

std::string wavBytes(int sampleRate, std::span<const std::int16_t> mono) {
  const auto data = static_cast<std::uint32_t>(mono.size() * 2);
  const auto rate = static_cast<std::uint32_t>(sampleRate);
  std::string out;
  out.reserve(44 + data);
  out += "RIFF";
  put(out, 36 + data, 4);
  out += "WAVEfmt ";
  put(out, 16, 4);        // the fmt chunk's size
  put(out, 1, 2);         // PCM
  put(out, 1, 2);         // channels
  put(out, rate, 4);
  put(out, rate * 2, 4);  // bytes per second
  put(out, 2, 2);         // bytes per sample frame
  put(out, 16, 2);        // bits per sample
  out += "data";
  put(out, data, 4);
  for (const std::int16_t s : mono) put(out, static_cast<std::uint16_t>(s), 2);
  return out;
}

Status writeWavAtomically(const std::filesystem::path& file, int sampleRate, std::span<const std::int16_t> mono) {
  if (sampleRate <= 0) return Error{file.string(), "a WAV file needs a sample rate above 0", ""};
  return scenes::writeFileAtomically(file, wavBytes(sampleRate, mono));
}

}  // namespace ps::media
