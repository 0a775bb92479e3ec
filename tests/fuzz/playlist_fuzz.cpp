// Playlists, read from a folder that holds a valid shot (shots/a), a folder
// without a shot.json (shots/empty) and the package's own shot.json.
#include "fuzz_package.h"
#include "scenes/playlist.h"

using namespace ps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text(data, size);
  (void)scenes::looksLikePlaylist(text);
  const scenes::PlaylistParse parse = scenes::parsePlaylist(text, fuzz::package() / "episode.json");
  for (const auto& item : parse.playlist.items)
    if (const auto* card = std::get_if<scenes::TitleCard>(&item); card && !(card->seconds > 0))
      fuzz::fail("a title card shows for " + std::to_string(card->seconds) + " s");
  return 0;
}
