#include "report.h"

#include <iostream>

#include "scenes/printable.h"

namespace ps::tools {

int reportError(const Error& error) {
  // Not through spdlog: the one line must appear whatever --log-level says.
  // Escaped and capped: a file name or a value may hold a newline or megabytes.
  std::cerr << "perfectshot: error: " << scenes::printable(error.message(), 3 * scenes::kPrintableLimit) << "\n";
  return kExitUserError;
}

}  // namespace ps::tools
