#include "show/control_options.h"

#include <arpa/inet.h>
#include <netinet/in.h>


namespace ps::show {

bool isLoopback(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, address.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool anyEnabled(const ControlOptions& o) { return o.oscPort.has_value() || o.httpPort.has_value(); }

Status validate(const ControlOptions& o) {
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, o.bind.c_str(), &v4) != 1 && inet_pton(AF_INET6, o.bind.c_str(), &v6) != 1)
    return Error{"--control-bind", "'" + o.bind + "' is not an IP address", "name the address of the interface to listen on, e.g. 192.168.1.20"};
  if (o.httpPort && !isLoopback(o.bind) && o.httpToken.empty())
    return Error{"--http-port", "the status endpoint on " + o.bind + " would be open to the network without a token",
                 "give --http-token, or leave --control-bind on loopback"};
  if (!o.httpToken.empty() && !o.httpPort) return Error{"--http-token", "given without --http-port", ""};
  if (!anyEnabled(o) && o.bind != ControlOptions{}.bind)
    return Error{"--control-bind", "given without --osc-port or --http-port", ""};
  if (!o.oscReply && o.statusEverySeconds != ControlOptions{}.statusEverySeconds)
    return Error{"--osc-status-every", "given without --osc-reply (the status goes only there)", ""};
  if (o.oscReply && !o.oscPort) return Error{"--osc-reply", "given without --osc-port", ""};
  if (o.oscReply)
    if (auto hp = splitHostPort(*o.oscReply); !hp) return hp.error();
  if (!(o.statusEverySeconds > 0)) return Error{"--osc-status-every", "must be more than 0 seconds", ""};
  return ok();
}

}  // namespace ps::show
