#pragma once
// How the show control listens (flags of play and kiosk: tools/perfectshot/show_options.h).
// Loopback unless an address is named; an endpoint reachable from elsewhere needs a token.
#include <optional>
#include <string>

#include "net/udp_socket.h"
#include "scenes/result.h"

namespace ps::show {

struct ControlOptions {
  std::string bind = "127.0.0.1";       // an IPv4 or IPv6 address of this machine
  std::optional<int> oscPort;           // none: no OSC; 0: a free port (logged)
  std::optional<std::string> oscReply;  // HOST:PORT ([v6]:PORT) for replies and status; none: the sender
  double statusEverySeconds = 1;        // OSC status to oscReply
  std::optional<int> httpPort;          // none: no HTTP; 0: a free port (logged)
  std::string httpToken;                // required as "Authorization: Bearer <token>" when set
};

bool isLoopback(const std::string& address);
bool anyEnabled(const ControlOptions& options);
// Refuses what cannot be honoured: a bind address that is not a numeric address, HTTP off
// loopback without a token, a reply address without OSC.
Status validate(const ControlOptions& options);

// "host:port" or "[v6]:port" into its parts.
using net::splitHostPort;

}  // namespace ps::show
