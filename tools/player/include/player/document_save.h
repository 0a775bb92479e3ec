#pragma once
// An edit made from the headset (the tape's measurement, the pen's mark or key) saved at once,
// atomically, as the editor saves: when the document cannot be saved (it has errors, or the
// write fails), the edit is undone and the reason logged, so the file and the document agree.
#include <string_view>

#include "scenes/shot_document.h"

namespace ps::player {

// After one edit of `document`: true when it is saved; `what` names the edit in the log.
bool saveEdit(scenes::ShotDocument& document, std::string_view what);

}  // namespace ps::player
