// Caption files, WebVTT or SubRip as PS_CAPTION_FORMAT says (one target each, so each
// keeps its own corpus and dictionary): every cue kept ends after it starts, and looking cues up
// by time works on whatever was kept.
#include <string>

#include "fuzz_package.h"
#include "scenes/caption.h"

using namespace ps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const scenes::CaptionParse parse = scenes::parseCaptions(fuzz::text(data, size), scenes::CaptionFormat::PS_CAPTION_FORMAT);
  for (const auto& cue : parse.cues) {
    if (!(cue.end > cue.start)) fuzz::fail("a cue kept ends before it starts");
    (void)scenes::cuesAt(parse.cues, cue.start);
  }
  for (const auto& p : parse.problems)
    if (p.line < 0 || p.message.empty()) fuzz::fail("a problem without a line or a message");
  return 0;
}
