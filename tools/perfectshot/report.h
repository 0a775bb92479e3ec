#pragma once
// How a command tells the user that their input is unusable: one line on stderr,
// "perfectshot: error: <where>: <what> (<hint>)", and exit code 1.
#include "scenes/result.h"

namespace ps::tools {

inline constexpr int kExitUserError = 1;

int reportError(const Error& error);

}  // namespace ps::tools
