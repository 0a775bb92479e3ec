#include "show/osc_packet.h"

#include <lo/lo.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace ps::show {

namespace {

struct MessageFree {
  void operator()(lo_message m) const { lo_message_free(m); }
};
using Message = std::unique_ptr<std::remove_pointer_t<lo_message>, MessageFree>;

// liblo's arguments point into the message at 4-byte alignment, short of lo_arg's own
// (8): read them as bytes, not through the union.
template <typename T>
T argument(const lo_arg* arg) {
  T v;
  std::memcpy(&v, static_cast<const void*>(arg), sizeof v);
  return v;
}

std::optional<double> number(char type, const lo_arg* arg) {
  switch (type) {
    case LO_INT32: return argument<std::int32_t>(arg);
    case LO_INT64: return static_cast<double>(argument<std::int64_t>(arg));
    case LO_FLOAT: return argument<float>(arg);
    case LO_DOUBLE: return argument<double>(arg);
    default: return std::nullopt;
  }
}

std::optional<CommandKind> kindOf(std::string_view name) {
  for (CommandKind k : {CommandKind::Play, CommandKind::Pause, CommandKind::Seek, CommandKind::Load, CommandKind::Next,
                        CommandKind::Previous, CommandKind::Volume, CommandKind::Recenter, CommandKind::Attract,
                        CommandKind::Step})
    if (commandName(k) == name) return k;
  return std::nullopt;
}

OscRequest fail(OscRequest r, std::string error) {
  r.error = std::move(error);
  return r;
}

// The packet's arguments checked against what its command takes.
OscRequest decodeArguments(OscRequest r, CommandKind kind, std::string_view types, lo_arg** argv) {
  ShowCommand c;
  c.kind = kind;
  const std::string name(commandName(kind));
  switch (kind) {
    case CommandKind::Seek:
    case CommandKind::Volume: {
      const std::optional<double> v = types.size() == 1 ? number(types[0], argv[0]) : std::nullopt;
      if (!v) return fail(std::move(r), name + " takes one number (i, h, f or d), got '," + std::string(types) + "'");
      if (!std::isfinite(*v)) return fail(std::move(r), name + ": the number is not finite");
      if (kind == CommandKind::Seek) {
        if (*v < 0) return fail(std::move(r), "seek: seconds must be 0 or more");
        c.seconds = *v;
      } else {
        if (*v < 0 || *v > 1) return fail(std::move(r), "volume must be within 0..1");
        c.volume = static_cast<float>(*v);
      }
      break;
    }
    case CommandKind::Step: {
      // Whole frames only: a float that is not one is a mistake, not a rounding.
      const std::optional<double> v = types.size() == 1 ? number(types[0], argv[0]) : std::nullopt;
      if (!v) return fail(std::move(r), "step takes one number of frames (i, h, f or d), got '," + std::string(types) + "'");
      if (!std::isfinite(*v) || *v != std::trunc(*v) || *v == 0 || std::abs(*v) > kMostStepFrames)
        return fail(std::move(r), "step: a whole number of frames, not 0, within +-" + std::to_string(kMostStepFrames));
      c.frames = static_cast<int>(*v);
      break;
    }
    case CommandKind::Load:
      if (types.size() != 1 || (types[0] != LO_STRING && types[0] != LO_SYMBOL))
        return fail(std::move(r), "load takes one string (the episode's path), got '," + std::string(types) + "'");
      c.path = reinterpret_cast<const char*>(argv[0]);  // s and S alike: the string's bytes
      if (c.path.empty()) return fail(std::move(r), "load: the path is empty");
      break;
    default:
      if (!types.empty()) return fail(std::move(r), name + " takes no arguments, got '," + std::string(types) + "'");
  }
  r.command = std::move(c);
  return r;
}

std::vector<std::uint8_t> serialise(lo_message m, const char* path) {
  std::vector<std::uint8_t> out(lo_message_length(m, path));
  std::size_t size = out.size();
  if (lo_message_serialise(m, path, out.data(), &size) == nullptr) return {};
  out.resize(size);
  return out;
}

}  // namespace

OscRequest decodeOscPacket(std::span<const std::uint8_t> bytes) {
  OscRequest r;
  if (bytes.empty()) return fail(std::move(r), "an empty packet");
  constexpr std::string_view bundle = "#bundle";
  if (bytes.size() >= bundle.size() && std::memcmp(bytes.data(), bundle.data(), bundle.size()) == 0)
    return fail(std::move(r), "OSC bundles are not taken: send each command as a message");
  // liblo's deserialiser reads (and byte-swaps) a buffer of its own, padded as OSC is.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  int result = 0;
  Message m(lo_message_deserialise(data.data(), data.size(), &result));
  if (!m) return fail(std::move(r), "not an OSC message (liblo error " + std::to_string(result) + ")");
  // A message that deserialised starts with its address: a terminated string within the data.
  r.address = reinterpret_cast<const char*>(data.data());
  const std::string_view address = r.address;
  if (!address.starts_with(kOscPrefix)) return fail(std::move(r), "not a /perfectshot/ address");
  const std::optional<CommandKind> kind = kindOf(address.substr(kOscPrefix.size()));
  if (!kind) return fail(std::move(r), "no such command");
  const char* types = lo_message_get_types(m.get());
  return decodeArguments(std::move(r), *kind, types != nullptr ? types : "", lo_message_get_argv(m.get()));
}

std::vector<std::uint8_t> encodeOscReply(const ShowReply& reply) {
  Message m(lo_message_new());
  lo_message_add_string(m.get(), reply.command.c_str());
  lo_message_add_string(m.get(), reply.ok ? "ok" : "error");
  lo_message_add_string(m.get(), reply.message.c_str());
  return serialise(m.get(), "/perfectshot/reply");
}

std::vector<std::uint8_t> encodeOscStatus(const ShowStatus& s, double uptimeSeconds) {
  const auto int32 = [](std::uint64_t v) { return static_cast<std::int32_t>(std::min<std::uint64_t>(v, INT32_MAX)); };
  Message m(lo_message_new());
  lo_message_add_string(m.get(), s.state.c_str());
  lo_message_add_string(m.get(), s.episode.value_or("").c_str());
  lo_message_add_string(m.get(), s.shot.c_str());
  lo_message_add_float(m.get(), static_cast<float>(s.shotSeconds));
  lo_message_add_float(m.get(), static_cast<float>(s.fps));
  lo_message_add_int32(m.get(), int32(s.lateFrames));
  lo_message_add_int32(m.get(), int32(s.droppedFrames));
  lo_message_add_int32(m.get(), s.visitorsToday ? int32(*s.visitorsToday) : -1);
  lo_message_add_float(m.get(), s.volume);
  lo_message_add_float(m.get(), static_cast<float>(uptimeSeconds));
  lo_message_add_string(m.get(), s.lastError.value_or("").c_str());
  return serialise(m.get(), "/perfectshot/status");
}

}  // namespace ps::show
