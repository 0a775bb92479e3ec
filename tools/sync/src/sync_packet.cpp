#include "sync/sync_packet.h"

#include <lo/lo.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>

namespace ps::sync {

namespace {

struct MessageFree {
  void operator()(lo_message m) const { lo_message_free(m); }
};
using Message = std::unique_ptr<std::remove_pointer_t<lo_message>, MessageFree>;

constexpr std::string_view kState = "/perfectshot/sync/state", kHello = "/perfectshot/sync/hello",
                           kPing = "/perfectshot/sync/ping", kPong = "/perfectshot/sync/pong";
constexpr std::string_view kStateTypes = "sshddididddsiffffff", kHelloTypes = "ss", kPingTypes = "sid",
                           kPongTypes = "siddd";

// liblo's arguments lie at 4-byte alignment, short of lo_arg's own (8): read them as bytes.
template <typename T>
T at(lo_arg** argv, int i) {
  T v;
  std::memcpy(&v, static_cast<const void*>(argv[i]), sizeof v);
  return v;
}
std::string text(lo_arg** argv, int i) { return reinterpret_cast<const char*>(argv[i]); }

DecodedSync fail(std::string error) { return DecodedSync{std::nullopt, std::move(error)}; }

std::vector<std::uint8_t> serialise(lo_message m, std::string_view path) {
  const std::string p(path);
  std::vector<std::uint8_t> out(lo_message_length(m, p.c_str()));
  std::size_t size = out.size();
  if (lo_message_serialise(m, p.c_str(), out.data(), &size) == nullptr) return {};
  out.resize(size);
  return out;
}

DecodedSync decodeState(lo_arg** argv) {
  LeaderState s;
  s.group = text(argv, 0);
  s.shot = text(argv, 1);
  s.sequence = static_cast<std::uint64_t>(at<std::int64_t>(argv, 2));
  s.clockSeconds = at<double>(argv, 3);
  s.shotSeconds = at<double>(argv, 4);
  s.playing = at<std::int32_t>(argv, 5) != 0;
  s.rate = at<double>(argv, 6);
  s.loop = at<std::int32_t>(argv, 7) != 0;
  s.inSeconds = at<double>(argv, 8);
  s.outSeconds = at<double>(argv, 9);
  s.fps = at<double>(argv, 10);
  s.selectedMarker = text(argv, 11);
  if (at<std::int32_t>(argv, 12) != 0) {
    SyncPointer p;
    p.origin = {at<float>(argv, 13), at<float>(argv, 14), at<float>(argv, 15)};
    p.direction = {at<float>(argv, 16), at<float>(argv, 17), at<float>(argv, 18)};
    s.pointer = p;
  }
  for (double v : {s.clockSeconds, s.shotSeconds, s.rate, s.inSeconds, s.outSeconds, s.fps})
    if (!std::isfinite(v)) return fail("state: a number is not finite");
  if (s.pointer)
    for (float v : {s.pointer->origin.x, s.pointer->origin.y, s.pointer->origin.z, s.pointer->direction.x,
                    s.pointer->direction.y, s.pointer->direction.z})
      if (!std::isfinite(v)) return fail("state: the pointer is not finite");
  if (!(s.fps > 0.0 && s.fps <= 1000.0)) return fail("state: fps is outside (0, 1000]");
  if (!(s.outSeconds >= s.inSeconds)) return fail("state: the timeline's out is before its in");
  if (!(std::abs(s.rate) <= 64.0)) return fail("state: the rate is outside [-64, 64]");
  return DecodedSync{SyncMessage{std::move(s)}, ""};
}

}  // namespace

const std::string& groupOf(const SyncMessage& message) {
  return std::visit([](const auto& m) -> const std::string& { return m.group; }, message);
}

DecodedSync decodeSyncPacket(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return fail("an empty packet");
  constexpr std::string_view bundle = "#bundle";
  if (bytes.size() >= bundle.size() && std::memcmp(bytes.data(), bundle.data(), bundle.size()) == 0)
    return fail("OSC bundles are not taken");
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  int result = 0;
  Message m(lo_message_deserialise(data.data(), data.size(), &result));
  if (!m) return fail("not an OSC message (liblo error " + std::to_string(result) + ")");
  const std::string address = reinterpret_cast<const char*>(data.data());
  const char* typesOrNull = lo_message_get_types(m.get());
  const std::string_view types = typesOrNull != nullptr ? typesOrNull : "";
  lo_arg** argv = lo_message_get_argv(m.get());
  const auto expect = [&](std::string_view want) { return types == want; };
  const auto wrongTypes = [&](std::string_view want) {
    return fail(address + " takes '," + std::string(want) + "', got '," + std::string(types) + "'");
  };
  if (address == kState) return expect(kStateTypes) ? decodeState(argv) : wrongTypes(kStateTypes);
  if (address == kHello) {
    if (!expect(kHelloTypes)) return wrongTypes(kHelloTypes);
    return DecodedSync{SyncMessage{Hello{text(argv, 0), text(argv, 1)}}, ""};
  }
  if (address == kPing) {
    if (!expect(kPingTypes)) return wrongTypes(kPingTypes);
    Ping p{text(argv, 0), at<std::int32_t>(argv, 1), at<double>(argv, 2)};
    if (!std::isfinite(p.sent)) return fail("ping: the time is not finite");
    return DecodedSync{SyncMessage{std::move(p)}, ""};
  }
  if (address == kPong) {
    if (!expect(kPongTypes)) return wrongTypes(kPongTypes);
    Pong p{text(argv, 0), at<std::int32_t>(argv, 1), at<double>(argv, 2), at<double>(argv, 3), at<double>(argv, 4)};
    if (!std::isfinite(p.sent) || !std::isfinite(p.received) || !std::isfinite(p.answered))
      return fail("pong: a time is not finite");
    return DecodedSync{SyncMessage{std::move(p)}, ""};
  }
  return fail("not a sync message: " + address);
}

std::vector<std::uint8_t> encodeSyncPacket(const SyncMessage& message) {
  Message m(lo_message_new());
  lo_message raw = m.get();
  return std::visit(
      [&](const auto& msg) -> std::vector<std::uint8_t> {
        using T = std::decay_t<decltype(msg)>;
        lo_message_add_string(raw, msg.group.c_str());
        if constexpr (std::is_same_v<T, LeaderState>) {
          lo_message_add_string(raw, msg.shot.c_str());
          lo_message_add_int64(raw, static_cast<std::int64_t>(msg.sequence));
          lo_message_add_double(raw, msg.clockSeconds);
          lo_message_add_double(raw, msg.shotSeconds);
          lo_message_add_int32(raw, msg.playing ? 1 : 0);
          lo_message_add_double(raw, msg.rate);
          lo_message_add_int32(raw, msg.loop ? 1 : 0);
          lo_message_add_double(raw, msg.inSeconds);
          lo_message_add_double(raw, msg.outSeconds);
          lo_message_add_double(raw, msg.fps);
          lo_message_add_string(raw, msg.selectedMarker.c_str());
          const SyncPointer p = msg.pointer.value_or(SyncPointer{});
          lo_message_add_int32(raw, msg.pointer ? 1 : 0);
          for (float v : {p.origin.x, p.origin.y, p.origin.z, p.direction.x, p.direction.y, p.direction.z})
            lo_message_add_float(raw, v);
          return serialise(raw, kState);
        } else if constexpr (std::is_same_v<T, Hello>) {
          lo_message_add_string(raw, msg.shot.c_str());
          return serialise(raw, kHello);
        } else if constexpr (std::is_same_v<T, Ping>) {
          lo_message_add_int32(raw, msg.id);
          lo_message_add_double(raw, msg.sent);
          return serialise(raw, kPing);
        } else {
          lo_message_add_int32(raw, msg.id);
          lo_message_add_double(raw, msg.sent);
          lo_message_add_double(raw, msg.received);
          lo_message_add_double(raw, msg.answered);
          return serialise(raw, kPong);
        }
      },
      message);
}

}  // namespace ps::sync
