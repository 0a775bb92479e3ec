// The show control's OSC decoding (tools/show/osc_packet.h) on any datagram: never a crash,
// never a read past the packet (ASan), and a command only when it is one the player can take.
#include <lo/lo.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "show/osc_packet.h"

using namespace ps::show;

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "osc_fuzz: %s\n", message.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const OscRequest r = decodeOscPacket({data, size});
  if (!r.command) {
    if (r.error.empty()) fail("refused without a reason");
  } else {
    const ShowCommand& c = *r.command;
    if (!r.address.starts_with(kOscPrefix)) fail("a command from the address '" + r.address + "'");
    if (c.kind == CommandKind::Seek && !(std::isfinite(c.seconds) && c.seconds >= 0)) fail("seek to a bad time");
    if (c.kind == CommandKind::Volume && !(c.volume >= 0 && c.volume <= 1)) fail("a volume outside 0..1");
    if (c.kind == CommandKind::Load && c.path.empty()) fail("load of an empty path");
  }
  // The reply carries what came in (the address): it must still be a message liblo reads.
  std::vector<std::uint8_t> reply = encodeOscReply({0, r.address, r.command.has_value(), r.error});
  int result = 0;
  lo_message m = lo_message_deserialise(reply.data(), reply.size(), &result);
  if (m == nullptr) fail("a reply liblo cannot read (error " + std::to_string(result) + ")");
  lo_message_free(m);
  return 0;
}
