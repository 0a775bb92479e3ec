#pragma once
// Internal: the parts of a shot.json, each read by its own file. Every reader
// records problems and fills what it can; ids collects the ids seen so far
// (media, markers and blocking share one namespace).
#include <filesystem>
#include <set>
#include <string>

#include "json_reader.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {

using IdSet = std::set<std::string>;

void readMedia(JsonReader& r, const Json& doc, std::vector<MediaRef>& media, IdSet& ids);
void readTimeline(JsonReader& r, const Json& doc, Timeline& timeline);
void readMarkers(JsonReader& r, const Json& doc, const Timeline& timeline, std::vector<Marker>& markers, IdSet& ids);
// An rgbd medium's "depth", "discontinuity", "head_box_m" and "background" (errors on other kinds).
void readRgbdMembers(JsonReader& r, const Json& entry, const std::string& pointer, MediaRef& m);
// Each rgbd background names another rgbd medium of `media`.
void checkRgbdBackgrounds(JsonReader& r, const std::vector<MediaRef>& media);
void readCamera(JsonReader& r, const Json& doc, const Timeline& timeline, std::optional<FilmCamera>& camera);
void readBlocking(JsonReader& r, const Json& doc, const Timeline& timeline, Blocking& blocking, IdSet& ids);

// {x, y, z} metres at pointer/key, when present and whole, each coordinate in [-limitM, limitM].
std::optional<Vec3> readPoint(JsonReader& r, const Json& obj, const std::string& pointer, const char* key,
                              bool required = false, double limitM = 1e6);
// A layer's "transform" {position, orientation, scale} at pointer/transform, over `placement`.
void readPlacement(JsonReader& r, const Json& entry, const std::string& pointer, Placement& placement);
// A medium's "audio" {ambisonic} at pointer/audio (soundtrack_reader.cpp).
Soundtrack readSoundtrack(JsonReader& r, const Json& entry, const std::string& pointer, MediaKind kind);

// Reads an id at pointer/id and records a duplicate against `ids`.
std::string readId(JsonReader& r, const Json& obj, const std::string& pointer, IdSet& ids);
// Records a problem unless in <= t <= out (out only when the timeline has one).
void checkInsideTimeline(JsonReader& r, const Timeline& timeline, const std::string& pointer, double t,
                         Severity severity = Severity::Error);

// The whole document (already parsed) of a shot.json at `file`.
ShotParse readShot(const Json& doc, const std::filesystem::path& file);

}  // namespace ps::scenes
