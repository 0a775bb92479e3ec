#pragma once
// The editor's model of a shot.json being authored: the document as written
// (unknown fields and key order kept, so saved diffs stay small), edit
// operations on its markers and blocking with undo/redo, validation after every edit, and an
// atomic save. The UI (window or headset) drives it; it draws nothing.
// One thread at a time.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenes/blocking.h"
#include "scenes/marker.h"
#include "scenes/problem.h"
#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::scenes {

// The fields of a marker an edit sets; absent fields stay as they are.
struct MarkerEdit {
  std::optional<std::string> title, text;
  std::optional<MarkerCategory> category;
  std::optional<double> tIn, tOut, fadeIn, fadeOut;  // shot seconds
  std::optional<double> distanceM;                   // direction placements only
  std::optional<std::string> audio;                  // package-relative; "" removes it (and captions)
  std::optional<std::string> captions;               // package-relative; "" removes them
};

class ShotDocument {
 public:
  // Opens a package folder or its shot.json. Fails only when the file cannot be
  // read or is not a JSON object; a document with errors opens, and problems() says what.
  static Result<ShotDocument> open(const std::filesystem::path& packageOrFile);

  ShotDocument(ShotDocument&&) noexcept;
  ShotDocument& operator=(ShotDocument&&) noexcept;
  ShotDocument(const ShotDocument&) = delete;
  ShotDocument& operator=(const ShotDocument&) = delete;
  ~ShotDocument();

  const std::filesystem::path& file() const;
  // The model as the current document says, and what is wrong with it (re-validated after each edit).
  const Shot& shot() const;
  const std::vector<Problem>& problems() const;
  bool dirty() const;  // edited since opened or last saved

  // Edits. Each either changes the document and becomes one undo step, or fails
  // with a reason and changes nothing. Times are shot seconds, angles v360 degrees.
  // addMarker places a direction marker at the default distance, visible from t
  // for `seconds` (clamped to the timeline's out) and returns its new, unique id.
  Result<std::string> addMarker(double yawDeg, double pitchDeg, double t, double seconds = 5.0);
  // addMarkerAtStage places a stage marker at `position` (stage metres: a point on a surface the
  // pointer met), otherwise as addMarker.
  Result<std::string> addMarkerAtStage(const Vec3& position, double t, double seconds = 5.0);
  // Re-aims a marker (a stage marker becomes a direction marker at the default distance).
  Status moveMarker(const std::string& id, double yawDeg, double pitchDeg);
  Status moveMarkerToStage(const std::string& id, const Vec3& position);
  Status editMarker(const std::string& id, const MarkerEdit& edit);
  Status deleteMarker(const std::string& id);

  // Blocking edits, one undo step each as above. Positions are stage metres on the floor,
  // times shot seconds, colours sRGB in [0, 1]; a non-finite number is refused, anything
  // else is written and, where out of bounds (off the stage, outside the timeline), shown
  // in problems() as for markers. New entries get a fresh id unique in the shot.
  Result<std::string> addFloorMark(const FloorPoint& position, const std::string& name = "", const Colour& colour = {});
  Status moveFloorMark(const std::string& id, const FloorPoint& position);
  Status renameFloorMark(const std::string& id, const std::string& name);
  Status recolourFloorMark(const std::string& id, const Colour& colour);
  Status deleteFloorMark(const std::string& id);
  // A path for `actor` starting with one key.
  Result<std::string> addActorPath(const std::string& actor, const ActorKey& first, const Colour& colour = {});
  Status deleteActorPath(const std::string& id);
  // Inserts the key in time order; refused where the path has a key at that time already.
  Status addActorKey(const std::string& pathId, const ActorKey& key);
  // Moves the path's index-th key (counted as the document lists them) on the floor; its time stays.
  Status moveActorKey(const std::string& pathId, std::size_t index, const FloorPoint& position);
  // Refused for a path's only key: a path keeps one (delete the path instead).
  Status deleteActorKey(const std::string& pathId, std::size_t index);
  Result<std::string> addMeasurement(const Vec3& a, const Vec3& b, const std::string& name = "");
  Status deleteMeasurement(const std::string& id);

  bool canUndo() const;
  bool canRedo() const;
  bool undo();  // false when there is nothing to undo
  bool redo();

  // The document as save() would write it: two-space indented JSON, key order as
  // read, new keys appended, numbers in their shortest round-trip form, a final newline.
  std::string text() const;

  // Writes text() atomically over file(). Returns no problems on success; otherwise
  // the document's errors (nothing written), or one problem saying why the write failed.
  std::vector<Problem> save();

 private:
  struct State;
  explicit ShotDocument(std::unique_ptr<State> state);
  // A new marker placed by `key` ("at" or "stage") with `placeJson` (its object, as JSON text).
  Result<std::string> addMarkerWith(const char* key, const std::string& placeJson, double t, double seconds);
  std::unique_ptr<State> s_;
};

}  // namespace ps::scenes
