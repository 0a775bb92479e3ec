#pragma once
#include <CLI/CLI.hpp>

#include "commands.h"

namespace ps::tools {

// Decode+upload+render throughput vs `ffmpeg -benchmark -i f -f null -`.
void addBenchPlayback(CLI::App& bench, CommandOutcome& outcome);
// Median exact-seek latency vs `ffmpeg -ss T -i f -frames:v 1 -f null -`.
void addBenchSeek(CLI::App& bench, CommandOutcome& outcome);
// One 1920x1080 view vs FFmpeg's v360 making the same view of the same frame.
void addBenchRender(CLI::App& bench, CommandOutcome& outcome);
// The player loop on the active OpenXR runtime: app CPU time per frame, late frames; GPU apart.
void addBenchXr(CLI::App& bench, CommandOutcome& outcome);
// A live feed's latency from send to photon (UDP, SRT, RTSP) vs the ffmpeg CLI's receive.
void addBenchLive(CLI::App& bench, CommandOutcome& outcome);
// Memory over an accelerated long session: RSS growth per hour after warm-up.
void addBenchSoak(CLI::App& bench, CommandOutcome& outcome);
// App CPU per frame with thousands of markers against none.
void addBenchMarkers(CLI::App& bench, CommandOutcome& outcome);
// Scrub to the exact frame from a shot's proxy and through the player, vs ffmpeg -ss.
void addBenchScrub(CLI::App& bench, CommandOutcome& outcome);
// GPU time per eye of the mesh layer at N triangles vs a cleared eye and a full-screen quad.
void addBenchMesh(CLI::App& bench, CommandOutcome& outcome);
// GPU time per eye of skinned and morphed meshes vs the same meshes drawn plain.
void addBenchDeform(CLI::App& bench, CommandOutcome& outcome);
// Mesh-sequence streaming rate vs draco_decoder on the same Draco streams; cold scrub latency.
void addBenchSequence(CLI::App& bench, CommandOutcome& outcome);
// RGB-D colour+depth decode rate through the player's decoders vs the ffmpeg CLI's decode.
void addBenchRgbdDecode(CLI::App& bench, CommandOutcome& outcome);
// GPU time per eye and per stereo frame of the RGB-D layer vs the equirect layer on the same colour.
void addBenchRgbd(CLI::App& bench, CommandOutcome& outcome);
// Offscreen cost per eye of a playing mesh sequence vs a cleared eye and its first frame held still.
void addBenchSequenceRender(CLI::App& bench, CommandOutcome& outcome);

// A 4D splat capture as per-frame SPZ and as the compact splat video: bytes, error, read cost.
void addBenchSplatVideo(CLI::App& bench, CommandOutcome& outcome);
// The splat layer's GPU sort vs std::sort of the same keys; its GPU time per eye at N splats.
void addBenchSplats(CLI::App& bench, CommandOutcome& outcome);
// The splat layer's time per eye walking into a dense capture: every splat vs a governed budget.
void addBenchSplatWalk(CLI::App& bench, CommandOutcome& outcome);

// An episode looped: the display frames at the cuts between items against ordinary frames.
void addBenchCut(CLI::App& bench, CommandOutcome& outcome);

}  // namespace ps::tools
