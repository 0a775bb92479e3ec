// The sync messages' decoding (tools/sync/sync_packet.h) on any datagram: never a crash, never
// a read past the packet (ASan), a reason for every refusal, and what is taken is sane and
// travels back unchanged.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

#include "sync/sync_packet.h"

using namespace ps::sync;

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "sync_fuzz: %s\n", message.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const DecodedSync d = decodeSyncPacket({data, size});
  if (!d.message) {
    if (d.error.empty()) fail("refused without a reason");
    return 0;
  }
  if (const auto* s = std::get_if<LeaderState>(&*d.message)) {
    if (!(s->fps > 0 && s->fps <= 1000) || !std::isfinite(s->shotSeconds) || !(s->outSeconds >= s->inSeconds))
      fail("a state taken with bad numbers");
  }
  const DecodedSync again = decodeSyncPacket(encodeSyncPacket(*d.message));
  if (!again.message) fail("a message taken does not read back: " + again.error);
  if (groupOf(*again.message) != groupOf(*d.message)) fail("the group changed on the way back");
  return 0;
}
