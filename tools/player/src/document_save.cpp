#include "player/document_save.h"

#include <spdlog/spdlog.h>

namespace ps::player {

bool saveEdit(scenes::ShotDocument& document, std::string_view what) {
  const std::vector<scenes::Problem> problems = document.save();
  if (!scenes::hasErrors(problems)) {
    spdlog::info("{} saved in {}", what, document.file().string());
    return true;
  }
  spdlog::warn("{} not saved: {}", what, problems.front().message);
  document.undo();
  return false;
}

}  // namespace ps::player
