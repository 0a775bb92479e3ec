// Directors' walkthroughs (walkthroughs/NAME.json), read against a valid package; what reads
// without an error must write back and read again to the same recording, and trim and cut of
// it keep their promises (times from 0, inside the new duration).
#include "fuzz_package.h"
#include "scenes/walkthrough.h"

using namespace ps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text(data, size);
  const scenes::WalkthroughParse parse = scenes::parseWalkthrough(text, fuzz::package());
  if (scenes::hasErrors(parse.problems)) return 0;
  const scenes::Walkthrough& w = parse.walkthrough;
  const scenes::WalkthroughParse again = scenes::parseWalkthrough(scenes::walkthroughJson(w), fuzz::package());
  if (scenes::hasErrors(again.problems)) fuzz::fail("a walkthrough written back does not read: " + again.problems.front().message);
  if (again.walkthrough.samples.size() != w.samples.size() || again.walkthrough.events.size() != w.events.size())
    fuzz::fail("a walkthrough written back lost samples or events");
  for (const double from : {0.0, w.durationSeconds / 3})
    for (const bool cut : {false, true}) {
      const double to = from + w.durationSeconds / 3;
      auto edited = cut ? scenes::cutWalkthrough(w, from, to) : scenes::trimWalkthrough(w, from, to);
      if (!edited) continue;
      for (const auto& s : edited->samples)
        if (s.t < 0 || s.t > edited->durationSeconds + 1e-6) fuzz::fail("an edit left a sample outside the recording");
      for (const auto& e : edited->events)
        if (e.t < 0 || e.t > edited->durationSeconds + 1e-6) fuzz::fail("an edit left an event outside the recording");
    }
  return 0;
}
