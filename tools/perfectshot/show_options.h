#pragma once
// The show control's flags (show/control_options.h), for every command that runs a player
// loop a venue steers (play, kiosk): --osc-port, --osc-reply, --osc-status-every, --http-port,
// --http-token, --control-bind.
#include <CLI/CLI.hpp>

#include "show/control_options.h"

namespace ps::tools {

struct ShowArgs {
  int oscPort = -1;  // -1: none
  std::string oscReply;
  double statusEvery = 1;
  int httpPort = -1;  // -1: none
  std::string httpToken;
  std::string bind = "127.0.0.1";
};

void addShowOptions(CLI::App& command, ShowArgs& args);
show::ControlOptions controlOptions(const ShowArgs& args);

}  // namespace ps::tools
