#include "scenes/soundtrack.h"
#include "scenes/printable.h"
#include "shot_reader.h"

namespace ps::scenes {

std::optional<Ambisonics> parseAmbisonics(std::string_view name) {
  if (name == "none") return Ambisonics::None;
  if (name == "ambix") return Ambisonics::AmbiX;
  return std::nullopt;
}

std::string_view toString(Ambisonics a) { return a == Ambisonics::AmbiX ? "ambix" : "none"; }

Soundtrack readSoundtrack(JsonReader& r, const Json& entry, const std::string& pointer, MediaKind kind) {
  Soundtrack out;
  const Json* a = r.object(entry, pointer, "audio", false, "an object with ambisonic");
  if (!a) return out;
  const std::string ptr = child(pointer, "audio");
  // Only the plate (an equirect video) has its soundtrack played.
  if (kind != MediaKind::Equirect) {
    r.error(ptr, "only an \"equirect\" medium has a soundtrack");
    return out;
  }
  r.unknownMembers(*a, ptr, {"ambisonic"});
  if (auto name = r.string(*a, ptr, "ambisonic", false)) {
    out.ambisonic = parseAmbisonics(*name);
    if (!out.ambisonic)
      r.error(child(ptr, "ambisonic"), "unknown ambisonics " + quote(*name) +
                                           " (expected \"ambix\": first-order ACN/SN3D, or \"none\")");
  }
  return out;
}

}  // namespace ps::scenes
