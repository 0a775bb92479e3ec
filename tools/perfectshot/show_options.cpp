#include "show_options.h"

#include "cli_numbers.h"

namespace ps::tools {

void addShowOptions(CLI::App& command, ShowArgs& args) {
  command.add_option("--osc-port", args.oscPort,
                     "show control: take OSC commands on this UDP port (0: a free one, logged); see README.md")
      ->check(CLI::Range(0, 65535));
  command.add_option("--osc-reply", args.oscReply,
                     "show control: HOST:PORT for OSC replies and the periodic status (default: replies to the sender)");
  command.add_option("--osc-status-every", args.statusEvery, "show control: seconds between OSC status messages")
      ->check(finitePositive(3600))
      ->capture_default_str();
  command.add_option("--http-port", args.httpPort,
                     "show control: serve the status as JSON at http://ADDR:PORT/status (0: a free port, logged)")
      ->check(CLI::Range(0, 65535));
  command.add_option("--http-token", args.httpToken,
                     "show control: the status endpoint asks for 'Authorization: Bearer TOKEN' (required off loopback)");
  command.add_option("--control-bind", args.bind,
                     "show control: the IP address OSC and HTTP listen on (default loopback only)")
      ->capture_default_str();
}

show::ControlOptions controlOptions(const ShowArgs& args) {
  show::ControlOptions o;
  o.bind = args.bind;
  if (args.oscPort >= 0) o.oscPort = args.oscPort;
  if (!args.oscReply.empty()) o.oscReply = args.oscReply;
  o.statusEverySeconds = args.statusEvery;
  if (args.httpPort >= 0) o.httpPort = args.httpPort;
  o.httpToken = args.httpToken;
  return o;
}

}  // namespace ps::tools
