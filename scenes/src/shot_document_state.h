#pragma once
// Internal: what a ShotDocument holds and the helpers its edits share; the
// marker edits are in shot_document.cpp, the blocking edits in
// shot_document_blocking.cpp.
#include <filesystem>
#include <functional>
#include <vector>

#include "document_json.h"
#include "scenes/shot_document.h"
#include "shot_reader.h"

namespace ps::scenes {

using DocumentEdit = std::function<Status(Json&)>;

struct ShotDocument::State {
  std::filesystem::path file;
  Json doc;
  Json saved;  // as last read or written: dirty() compares against it
  ShotParse parse;
  // Whole-document snapshots: exact restores, and cheap enough at the size of a shot.json.
  std::vector<Json> undo, redo;

  void revalidate() { parse = readShot(doc, file); }

  // Undo (from = undo, to = redo) or redo (the other way round).
  bool step(std::vector<Json>& from, std::vector<Json>& to) {
    if (from.empty()) return false;
    to.push_back(std::move(doc));
    doc = std::move(from.back());
    from.pop_back();
    revalidate();
    return true;
  }

  // Runs `edit` on a copy: an edit that fails leaves the document as it was.
  Status apply(const DocumentEdit& edit) {
    Json next = doc;
    if (auto status = edit(next); !status) return status;
    undo.push_back(std::move(doc));
    doc = std::move(next);
    redo.clear();
    revalidate();
    return ok();
  }
};

}  // namespace ps::scenes
