#include "report.h"

#include <iostream>

namespace ps::tools {

int reportError(const Error& error) {
  // Not through spdlog: the one line must appear whatever --log-level says.
  std::cerr << "perfectshot: error: " << error.message() << "\n";
  return kExitUserError;
}

}  // namespace ps::tools
