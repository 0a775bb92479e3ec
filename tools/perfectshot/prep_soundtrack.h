#pragma once
// What perfectshot prep keeps of a master's soundtrack.
#include <string>

namespace ps::tools {

// Whether the master's soundtrack is first-order ambisonics, as the player would take it:
// the container's ambisonic channel layout, or 4 channels with no layout (logged). False
// when it has none.
bool masterSoundtrackIsAmbix(const std::string& master);

}  // namespace ps::tools
