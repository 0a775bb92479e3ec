// The editor: opens whatever shot.json holds, applies a sequence of edits, and
// undoes them all. Input: the document, then optionally a NUL byte followed by
// the edits (each drawn from the bytes after the NUL); without a NUL, a fixed
// sequence that touches every edit runs. Undoing every step must give back the
// document as it was opened, and what text() writes must open again unchanged.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <vector>

#include "fuzz_package.h"
#include "scenes/shot_document.h"

using namespace ps;
using scenes::ShotDocument;

namespace {

// An id the document holds, or one it does not.
std::string markerId(FuzzedDataProvider& in, const ShotDocument& doc) {
  const auto& markers = doc.shot().markers;
  const std::size_t pick = in.ConsumeIntegralInRange<std::size_t>(0, markers.size());
  return pick < markers.size() ? markers[pick].id : in.ConsumeRandomLengthString(16);
}

double number(FuzzedDataProvider& in) {
  // Mostly plausible values, sometimes anything (infinities, NaN, denormals).
  return in.ConsumeBool() ? in.ConsumeFloatingPoint<double>() : in.ConsumeFloatingPointInRange(-400.0, 400.0);
}

template <typename T>
std::optional<T> maybe(FuzzedDataProvider& in, T value) {
  return in.ConsumeBool() ? std::optional<T>(value) : std::nullopt;
}

void fuzzedEdit(FuzzedDataProvider& in, ShotDocument& doc) {
  switch (in.ConsumeIntegralInRange(0, 6)) {
    case 0: (void)doc.addMarker(number(in), number(in), number(in), number(in)); break;
    case 1: (void)doc.moveMarker(markerId(in, doc), number(in), number(in)); break;
    case 2: (void)doc.moveMarkerToStage(markerId(in, doc), {number(in), number(in), number(in)}); break;
    case 3: {
      const std::string id = markerId(in, doc);
      scenes::MarkerEdit e;
      e.title = maybe(in, in.ConsumeRandomLengthString(32));
      e.text = maybe(in, in.ConsumeRandomLengthString(64));
      const auto& categories = scenes::allMarkerCategories();
      e.category = maybe(in, categories[in.ConsumeIntegralInRange<std::size_t>(0, categories.size() - 1)]);
      e.tIn = maybe(in, number(in));
      e.tOut = maybe(in, number(in));
      e.fadeIn = maybe(in, number(in));
      e.fadeOut = maybe(in, number(in));
      e.distanceM = maybe(in, number(in));
      e.audio = maybe(in, in.ConsumeRandomLengthString(32));
      e.captions = maybe(in, in.ConsumeRandomLengthString(32));
      (void)doc.editMarker(id, e);
      break;
    }
    case 4: (void)doc.deleteMarker(markerId(in, doc)); break;
    case 5: doc.undo(); break;
    default: doc.redo(); break;
  }
}

void fixedEdits(ShotDocument& doc) {
  const double t = doc.shot().timeline.in;
  auto added = doc.addMarker(30, -5, t, 2);
  const std::string id = added ? added.value() : (doc.shot().markers.empty() ? "lens" : doc.shot().markers[0].id);
  (void)doc.moveMarker(id, 200, 100);
  (void)doc.editMarker(id, {.title = "T", .text = "x", .category = scenes::MarkerCategory::Light, .tIn = t,
                            .tOut = t + 1, .fadeIn = 0.25, .fadeOut = 0.25, .distanceM = 2,
                            .audio = "narration/lens.ogg", .captions = "narration/lens.srt"});
  (void)doc.moveMarkerToStage(id, {1, 0, -2});
  (void)doc.deleteMarker(id);
  doc.undo();
  doc.redo();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input = fuzz::text(data, size);
  const std::size_t nul = input.find('\0');
  fuzz::writeFile("shot.json", input.substr(0, nul));
  auto opened = ShotDocument::open(fuzz::package());
  if (!opened) return 0;
  ShotDocument& doc = opened.value();
  const std::string original = doc.text();

  if (nul == std::string::npos) {
    fixedEdits(doc);
  } else {
    FuzzedDataProvider edits(data + nul + 1, size - nul - 1);
    for (int i = 0; i < 32 && edits.remaining_bytes() > 0; ++i) fuzzedEdit(edits, doc);
  }
  const std::string edited = doc.text();
  (void)doc.problems();

  // What save() would write opens again as the same document.
  fuzz::writeFile("shot.json", edited);
  auto reopened = ShotDocument::open(fuzz::package());
  if (!reopened) fuzz::fail("the edited document does not open again: " + reopened.error().message());
  if (reopened->text() != edited) fuzz::fail("the edited document reads back differently");

  while (doc.undo()) {
  }
  if (doc.text() != original) fuzz::fail("undoing every edit does not give back the document as opened");
  if (doc.dirty()) fuzz::fail("the document is dirty after undoing every edit");
  return 0;
}
