#pragma once
// What a venue's show control asks of the player (OSC, osc_packet.h), and the player's answer.
// The network threads make commands; the player loop applies them between frames
// (command_queue.h) and answers each with a reply, which goes back to whoever asked.
#include <cstdint>
#include <string>
#include <string_view>

namespace ps::show {

enum class CommandKind { Play, Pause, Seek, Load, Next, Previous, Volume, Recenter, Attract, Step };
inline constexpr int kCommandKinds = 10;

// The OSC address's last part ("play", "seek", ...): also the name replies carry.
std::string_view commandName(CommandKind kind);

struct ShowCommand {
  CommandKind kind = CommandKind::Play;
  double seconds = 0;  // Seek: shot seconds from the shot's start (its in point)
  float volume = 1;    // Volume: linear, 0..1
  int frames = 0;      // Step: shot frames, forward (> 0) or back
  std::string path;    // Load: the episode (or shot) to load
  // Who to answer (osc_control.h): opaque to the loop, handed back with the reply.
  std::uint64_t origin = 0;
};

struct ShowReply {
  std::uint64_t origin = 0;
  std::string command;  // commandName, or the address that was not understood
  bool ok = true;
  std::string message;  // what was done, or why not
};

inline ShowReply accepted(const ShowCommand& c, std::string message) {
  return {c.origin, std::string(commandName(c.kind)), true, std::move(message)};
}
inline ShowReply refused(const ShowCommand& c, std::string message) {
  return {c.origin, std::string(commandName(c.kind)), false, std::move(message)};
}

}  // namespace ps::show
