#include "show/control_options.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>

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

Result<std::pair<std::string, std::string>> splitHostPort(const std::string& text) {
  std::string host;
  std::string port;
  if (text.starts_with('[')) {
    const auto close = text.find("]:");
    if (close == std::string::npos) return Error{text, "not [address]:port", ""};
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return Error{text, "not host:port", "e.g. 127.0.0.1:9001"};
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  int n = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
  if (ec != std::errc{} || end != port.data() + port.size() || n < 1 || n > 65535)
    return Error{text, "the port is not a number within 1..65535", ""};
  return std::pair{host, port};
}

}  // namespace ps::show
