#pragma once
// The show control's OSC vocabulary (README.md, "Show control"), decoded from and encoded to
// the bytes of one UDP datagram through liblo's message (de)serialiser. Pure functions: no
// sockets, no state; any bytes are decoded safely (a libFuzzer target runs them).
//   in:  /perfectshot/play, /pause, /seek <seconds>, /load <path>, /next, /previous,
//        /volume <0..1>, /recenter, /attract (numbers as i, h, f or d; a path as s)
//   out: /perfectshot/reply <command s> <"ok"|"error" s> <message s>
//        /perfectshot/status <state s> <episode s> <shot s> <shot_seconds f> <fps f>
//                            <late_frames i> <dropped_frames i> <visitors_today i (-1: none)>
//                            <volume f> <uptime_seconds f> <last_error s>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "show/show_command.h"
#include "show/status_board.h"

namespace ps::show {

inline constexpr std::string_view kOscPrefix = "/perfectshot/";
// A step of more frames than this is a seek, and asked for as one.
inline constexpr int kMostStepFrames = 10000;

struct OscRequest {
  std::string address;  // as received; empty when the packet has none
  std::optional<ShowCommand> command;
  std::string error;  // with no command: what is wrong with the packet
};

OscRequest decodeOscPacket(std::span<const std::uint8_t> bytes);

std::vector<std::uint8_t> encodeOscReply(const ShowReply& reply);
std::vector<std::uint8_t> encodeOscStatus(const ShowStatus& status, double uptimeSeconds);

}  // namespace ps::show
