#include "prep_soundtrack.h"

#include <spdlog/spdlog.h>

#include "media/audio_source.h"

namespace ps::tools {

bool masterSoundtrackIsAmbix(const std::string& master) {
  auto source = media::AudioSource::open(master);
  if (!source || source->info().layout != media::AudioLayout::AmbiX) return false;
  spdlog::info("prep: {}: the soundtrack is first-order ambisonics ({}); kept as 4-channel AmbiX Opus", master,
               source->info().sourceLayout);
  return true;
}

}  // namespace ps::tools
